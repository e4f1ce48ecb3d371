import seedrandom from 'seedrandom';
import {bootstrapIntervals, type BootstrapOptions} from '../stats/bootstrap.js';
import type {DataBaselines, PolicyTotals, RouterPass} from './replay-engine.js';
import {summarizeReplay, type ReplaySummary} from './replay-summary.js';

/**
 * Each prompt's outcome under every model and every sweep setting, by the prompt's place in the replay (the same
 * in every pass): what resampling the prompts needs.
 */
export class SweepSamples {
	readonly models: readonly string[];
	readonly count: number;
	/** Per prompt, one row: every model's quality and cost, then every setting's. */
	readonly #table: Float64Array;
	readonly #columns: number;
	readonly #points: number;

	constructor(models: readonly string[], points: number, count: number) {
		this.models = models;
		this.count = count;
		this.#points = points;
		this.#columns = 2 * (models.length + points);
		this.#table = new Float64Array(count * this.#columns);
	}

	/** Records the `index`th prompt's outcome under setting `point`, and on the first setting every model's. */
	add(point: number, index: number, quality: number, costUsd: number, outcomes: Readonly<Record<string, {readonly quality: number; readonly costUsd: number}>>): void {
		const row = index * this.#columns;
		const at = row + (2 * (this.models.length + point));
		this.#table[at] = quality;
		this.#table[at + 1] = costUsd;
		if (point === 0) {
			for (const [which, model] of this.models.entries()) {
				const outcome = Object.hasOwn(outcomes, model) ? outcomes[model] : undefined;
				this.#table[row + (2 * which)] = outcome?.quality ?? 0;
				this.#table[row + (2 * which) + 1] = outcome?.costUsd ?? 0;
			}
		}
	}

	/** Bootstrap intervals of statistics of the replay's summary, every measure recomputed on each resample of the prompts. */
	intervals(costWeights: ReadonlyArray<number | null>, statistics: (summary: ReplaySummary) => readonly number[], options: BootstrapOptions): Array<readonly [number, number]> {
		return bootstrapIntervals(this.#table, this.#columns, (sums, rows) => statistics(this.#summarize(sums, rows, costWeights)), options);
	}

	/** The replay's summary from the column sums of `rows` prompts. */
	#summarize(sums: Float64Array, rows: number, costWeights: ReadonlyArray<number | null>): ReplaySummary {
		const totals = (column: number): PolicyTotals => ({prompts: rows, quality: (sums[column] ?? 0) / rows, costUsd: (sums[column + 1] ?? 0) / rows});
		const models = this.models.map((model, which) => ({model, ...totals(2 * which)}));
		// Random and oracle do not enter the measures resampled here.
		const none = {prompts: rows, quality: 0, costUsd: 0};
		const baselines: DataBaselines = {prompts: rows, models, random: none, oracle: none};
		const passes = costWeights.slice(0, this.#points).map((costWeight, point) => ({
			costWeight,
			pass: {...totals(2 * (this.models.length + point)), modelMix: {}, tasks: {}} satisfies RouterPass,
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
	const [aiq = [Number.NaN, Number.NaN], aiqLessZeroRouter = [Number.NaN, Number.NaN], qualityAt50 = [Number.NaN, Number.NaN]] = samples.intervals(costWeights, summary => [
		summary.router.aiq,
		summary.router.aiq - summary.zeroRouterAiq,
		summary.router.qualityAt['50'],
	], {resamples, random: () => generator.quick()});
	return {level: 0.95, resamples, aiq, aiqLessZeroRouter, qualityAt50};
}
