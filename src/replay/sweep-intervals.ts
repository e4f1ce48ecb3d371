import seedrandom from 'seedrandom';
import {bootstrapIntervals} from '../stats/bootstrap.js';
import type {DataBaselines, PolicyTotals, RouterPass} from './replay-engine.js';
import {summarizeReplay, type ReplaySummary} from './replay-summary.js';

/**
 * Each prompt's outcome under every model and every sweep setting, by the prompt's place in the replay (the same
 * in every pass): what resampling the prompts needs.
 */
export class SweepSamples {
	readonly models: readonly string[];
	readonly count: number;
	readonly #modelQuality: Float64Array[];
	readonly #modelCost: Float64Array[];
	readonly #pointQuality: Float64Array[];
	readonly #pointCost: Float64Array[];

	constructor(models: readonly string[], points: number, count: number) {
		this.models = models;
		this.count = count;
		const arrays = (length: number) => Array.from({length}, () => new Float64Array(count));
		this.#modelQuality = arrays(models.length);
		this.#modelCost = arrays(models.length);
		this.#pointQuality = arrays(points);
		this.#pointCost = arrays(points);
	}

	/** Records the `index`th prompt's outcome under setting `point`, and on the first setting every model's. */
	add(point: number, index: number, quality: number, costUsd: number, outcomes: Readonly<Record<string, {readonly quality: number; readonly costUsd: number}>>): void {
		(this.#pointQuality[point] as Float64Array)[index] = quality;
		(this.#pointCost[point] as Float64Array)[index] = costUsd;
		if (point === 0) {
			for (const [which, model] of this.models.entries()) {
				(this.#modelQuality[which] as Float64Array)[index] = outcomes[model]?.quality ?? 0;
				(this.#modelCost[which] as Float64Array)[index] = outcomes[model]?.costUsd ?? 0;
			}
		}
	}

	/** The replay's summary on the prompts at `positions` (with repeats), every measure recomputed. */
	summarize(positions: Uint32Array, costWeights: ReadonlyArray<number | null>): ReplaySummary {
		const mean = (values: Float64Array) => {
			let total = 0;
			for (const position of positions) {
				total += values[position] ?? 0;
			}

			return total / positions.length;
		};

		const totals = (quality: Float64Array, cost: Float64Array): PolicyTotals => ({prompts: positions.length, quality: mean(quality), costUsd: mean(cost)});
		const models = this.models.map((model, which) => ({model, ...totals(this.#modelQuality[which] as Float64Array, this.#modelCost[which] as Float64Array)}));
		// Random and oracle do not enter the measures resampled here.
		const none = {prompts: positions.length, quality: 0, costUsd: 0};
		const baselines: DataBaselines = {prompts: positions.length, models, random: none, oracle: none};
		const passes = costWeights.map((costWeight, point) => ({
			costWeight,
			pass: {...totals(this.#pointQuality[point] as Float64Array, this.#pointCost[point] as Float64Array), modelMix: {}, tasks: {}} satisfies RouterPass,
		}));
		return summarizeReplay(baselines, passes);
	}
}

/** 95% bootstrap intervals over the prompts for a sweep's headline figures. */
export type SweepConfidence = {
	readonly level: number;
	readonly resamples: number;
	readonly aiq: readonly [number, number];
	/** The router's AIQ less the mixed single models', on the same prompts. */
	readonly aiqLessZeroRouter: readonly [number, number];
	readonly qualityAt50: readonly [number, number];
};

/** Prompts a sweep keeps samples of at most, for its intervals: 8 bytes a prompt, model and setting. */
export const MAX_SWEEP_SAMPLES = 200_000;

/**
 * Seeded percentile bootstrap over prompts: each resample recomputes every model's and every setting's means on
 * the same prompts, then the curve, its hull, AIQ and quality at 50% of the best model's cost as the replay does.
 */
export function sweepIntervals(samples: SweepSamples, costWeights: ReadonlyArray<number | null>, seed: string): SweepConfidence {
	const series = samples.models.length + costWeights.length;
	const resamples = Math.min(1000, Math.max(100, Math.floor(2e8 / Math.max(1, samples.count * series))));
	const generator = seedrandom(`bootstrap:${seed}`);
	// The statistics of one resample are read off one summary: computed by the first, reused by the others.
	let summary: ReplaySummary | undefined;
	const [aiq = [Number.NaN, Number.NaN], aiqLessZeroRouter = [Number.NaN, Number.NaN], qualityAt50 = [Number.NaN, Number.NaN]] = bootstrapIntervals(samples.count, [
		positions => {
			summary = samples.summarize(positions, costWeights);
			return summary.router.aiq;
		},
		() => (summary === undefined ? Number.NaN : summary.router.aiq - summary.zeroRouterAiq),
		() => summary?.router.qualityAt['50'] ?? Number.NaN,
	], {resamples, random: () => generator.quick()});
	return {level: 0.95, resamples, aiq, aiqLessZeroRouter, qualityAt50};
}
