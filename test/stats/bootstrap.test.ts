import seedrandom from 'seedrandom';
import {expect, test} from 'vitest';
import {bootstrapIntervals} from '../../src/stats/bootstrap.js';

const mean = (values: ArrayLike<number>) => (positions: Uint32Array) => {
	let total = 0;
	for (const position of positions) {
		total += values[position] ?? 0;
	}

	return total / positions.length;
};

test('a 95% interval of a mean covers the true mean about 95% of the time, and narrows with more data', () => {
	const random = seedrandom('coverage');
	let covered = 0;
	const trials = 200;
	for (let trial = 0; trial < trials; trial++) {
		const sample = Float64Array.from({length: 200}, () => (random.quick() < 0.7 ? 1 : 0));
		const [[low, high] = [0, 0]] = bootstrapIntervals(sample.length, [mean(sample)], {resamples: 300, random: () => random.quick()});
		covered += low <= 0.7 && 0.7 <= high ? 1 : 0;
	}

	// Binomial(200, 0.95): 4 sigma is about 12 trials.
	expect(covered).toBeGreaterThan(0.95 * trials - 13);
	const width = (count: number) => {
		const sample = Float64Array.from({length: count}, () => random.quick());
		const [[low, high] = [0, 0]] = bootstrapIntervals(count, [mean(sample)], {resamples: 300, random: () => random.quick()});
		return high - low;
	};

	expect(width(1600)).toBeLessThan(width(100) / 2);
});

test('one seed gives one set of intervals, every statistic on the same resamples', () => {
	const sample = Float64Array.from({length: 50}, (_, index) => index % 7);
	const interval = (seed: string) => {
		const random = seedrandom(seed);
		return bootstrapIntervals(sample.length, [mean(sample), mean(sample.map(value => -value))], {random: () => random.quick()});
	};

	expect(interval('a')).toEqual(interval('a'));
	const [forward, negated] = interval('b');
	expect(negated?.[0]).toBeCloseTo(-(forward?.[1] ?? 0), 12);
});
