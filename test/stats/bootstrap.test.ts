import seedrandom from 'seedrandom';
import {expect, test} from 'vitest';
import {bootstrapIntervals} from '../../src/stats/bootstrap.js';

const mean = (sums: Float64Array, rows: number) => [(sums[0] ?? 0) / rows];

test('a 95% interval of a mean covers the true mean about 95% of the time, and narrows with more data', () => {
	const random = seedrandom('coverage');
	let covered = 0;
	const trials = 200;
	for (let trial = 0; trial < trials; trial++) {
		const sample = Float64Array.from({length: 200}, () => (random.quick() < 0.7 ? 1 : 0));
		const [[low, high] = [0, 0]] = bootstrapIntervals(sample, 1, mean, {resamples: 300, random: () => random.quick()});
		covered += low <= 0.7 && 0.7 <= high ? 1 : 0;
	}

	// Binomial(200, 0.95): 4 sigma is about 12 trials.
	expect(covered).toBeGreaterThan(0.95 * trials - 13);
	const width = (count: number) => {
		const sample = Float64Array.from({length: count}, () => random.quick());
		const [[low, high] = [0, 0]] = bootstrapIntervals(sample, 1, mean, {resamples: 300, random: () => random.quick()});
		return high - low;
	};

	expect(width(1600)).toBeLessThan(width(100) / 2);
});

test('one seed gives one set of intervals, every statistic on the same resamples', () => {
	// Two columns: a value and its negation, row after row.
	const table = Float64Array.from({length: 100}, (_, index) => (index % 2 === 0 ? 1 : -1) * (Math.floor(index / 2) % 7));
	const interval = (seed: string) => {
		const random = seedrandom(seed);
		return bootstrapIntervals(table, 2, (sums, rows) => [(sums[0] ?? 0) / rows, (sums[1] ?? 0) / rows], {random: () => random.quick()});
	};

	expect(interval('a')).toEqual(interval('a'));
	const [forward, negated] = interval('b');
	expect(negated?.[0]).toBeCloseTo(-(forward?.[1] ?? 0), 12);
});

test('a resample sums each column over the rows it drew', () => {
	// Draws rows 0, 2, 2 (random 0, 0.7, 0.9 of 3 rows), then the same again.
	const draws = [0, 0.7, 0.9];
	let next = 0;
	const table = Float64Array.from([1, 10, 2, 20, 3, 30]);
	const seen: number[][] = [];
	bootstrapIntervals(table, 2, sums => {
		seen.push([...sums]);
		return [sums[0] ?? 0];
	}, {resamples: 2, random: () => draws[next++ % draws.length] ?? 0});
	expect(seen).toEqual([[7, 70], [7, 70]]);
});
