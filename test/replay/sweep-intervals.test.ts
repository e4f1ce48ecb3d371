import {expect, test} from 'vitest';
import {SweepSamples, sweepIntervals} from '../../src/replay/sweep-intervals.js';
import {summarizeReplay, type ReplaySummary} from '../../src/replay/replay-summary.js';
import seedrandom from 'seedrandom';

/** Two models and three sweep settings over 300 prompts whose outcomes are drawn from a seeded source. */
function samples(): {samples: SweepSamples; costWeights: number[]; perPoint: Array<{quality: number; costUsd: number}>; perModel: Array<{quality: number; costUsd: number}>} {
	const generator = seedrandom('sweep-samples');
	const random = () => generator.quick();
	const models = ['weak', 'strong'];
	const costWeights = [0, 0.5, 1];
	const count = 300;
	const result = new SweepSamples(models, costWeights.length, count);
	const pointSums = costWeights.map(() => ({quality: 0, costUsd: 0}));
	const modelSums = models.map(() => ({quality: 0, costUsd: 0}));
	for (let index = 0; index < count; index++) {
		const outcomes = {weak: {quality: random() < 0.5 ? 1 : 0, costUsd: 0.001}, strong: {quality: random() < 0.8 ? 1 : 0, costUsd: 0.01}};
		for (const [which, model] of models.entries()) {
			(modelSums[which] as {quality: number; costUsd: number}).quality += outcomes[model as 'weak' | 'strong'].quality;
			(modelSums[which] as {quality: number; costUsd: number}).costUsd += outcomes[model as 'weak' | 'strong'].costUsd;
		}

		for (const [point, weight] of costWeights.entries()) {
			// A setting sends a share of the prompts to the strong model, fewer as its weight grows.
			const chosen = random() < 0.9 - (0.8 * weight) ? outcomes.strong : outcomes.weak;
			result.add(point, index, chosen.quality, chosen.costUsd, outcomes);
			(pointSums[point] as {quality: number; costUsd: number}).quality += chosen.quality;
			(pointSums[point] as {quality: number; costUsd: number}).costUsd += chosen.costUsd;
		}
	}

	const mean = (sums: {quality: number; costUsd: number}) => ({quality: sums.quality / count, costUsd: sums.costUsd / count});
	return {samples: result, costWeights, perPoint: pointSums.map(mean), perModel: modelSums.map(mean)};
}

/** The summary a resample gives when it draws every prompt once: a source that walks the rows in order. */
function wholeSummary(kept: SweepSamples, costWeights: readonly number[]): ReplaySummary {
	let draw = 0;
	let summary: ReplaySummary | undefined;
	kept.intervals(costWeights, resampled => {
		summary = resampled;
		return [];
	}, {resamples: 1, random: () => ((draw++ % kept.count) + 0.5) / kept.count});
	if (summary === undefined) {
		throw new Error('no resample');
	}

	return summary;
}

test('on every prompt once, the resampled summary is the replay\'s own', () => {
	const {samples: kept, costWeights, perPoint, perModel} = samples();
	const none = {prompts: kept.count, quality: 0, costUsd: 0};
	const direct = summarizeReplay(
		{prompts: kept.count, models: perModel.map((totals, which) => ({model: kept.models[which] ?? '', prompts: kept.count, ...totals})), random: none, oracle: none},
		costWeights.map((costWeight, point) => ({costWeight, pass: {prompts: kept.count, ...(perPoint[point] as {quality: number; costUsd: number}), modelMix: {}, tasks: {}}})),
	);
	const resampled = wholeSummary(kept, costWeights);
	expect(resampled.router.aiq).toBeCloseTo(direct.router.aiq, 12);
	expect(resampled.zeroRouterAiq).toBeCloseTo(direct.zeroRouterAiq, 12);
	expect(resampled.router.qualityAt['50']).toBeCloseTo(direct.router.qualityAt['50'], 12);
});

test('the intervals hold the point estimates, narrow with more prompts\' worth of certainty, and one seed gives one result', () => {
	const {samples: kept, costWeights} = samples();
	const point = wholeSummary(kept, costWeights);
	const intervals = sweepIntervals(kept, costWeights, 'a');
	expect(intervals.aiq[0]).toBeLessThanOrEqual(point.router.aiq);
	expect(intervals.aiq[1]).toBeGreaterThanOrEqual(point.router.aiq);
	expect(intervals.qualityAt50[0]).toBeLessThanOrEqual(point.router.qualityAt['50']);
	expect(intervals.qualityAt50[1]).toBeGreaterThanOrEqual(point.router.qualityAt['50']);
	expect(intervals.aiqLessZeroRouter[0]).toBeLessThan(intervals.aiqLessZeroRouter[1]);
	// A 95% interval of a mean of 300 Bernoulli draws is about ±0.05 wide on each side: not a point, not the whole range.
	expect(intervals.aiq[1] - intervals.aiq[0]).toBeGreaterThan(0.02);
	expect(intervals.aiq[1] - intervals.aiq[0]).toBeLessThan(0.2);
	expect(sweepIntervals(kept, costWeights, 'a')).toEqual(intervals);
	expect(sweepIntervals(kept, costWeights, 'b')).not.toEqual(intervals);
});
