import {TIERS, tierIndex, type Tier} from '../tiers.js';
import {DecayedStats, type DecayedStatsJson} from './decayed-stats.js';

/** How a model has done on one tier's prompts. */
export type TierPerformance = {
	readonly count: number;
	readonly averageQuality: number;
	readonly successRate: number;
};

/** What {@link AdaptiveRouter.modelPerformance} reports: decayed averages over every reported outcome. */
export type ModelPerformance = {
	readonly model: string;
	/** Outcomes recorded, all tiers. */
	readonly count: number;
	readonly averageQuality: number;
	/** The mean of a Beta(1, 1) posterior on success: (1 + successes) / (2 + outcomes), decayed. */
	readonly successRate: number;
	readonly qualityByTier: Partial<Record<Tier, TierPerformance>>;
};

type ModelStats = {
	readonly quality: DecayedStats[];
	readonly success: DecayedStats[];
};

export type QualityTrackerJson = Array<[model: string, quality: DecayedStatsJson[], success: DecayedStatsJson[]]>;

/** Decayed quality and success of each model on each tier's prompts. */
export class QualityTracker {
	readonly #models = new Map<string, ModelStats>();
	readonly #halfLifeMs: number;

	constructor(halfLifeMs: number) {
		this.#halfLifeMs = halfLifeMs;
	}

	static fromJSON(json: QualityTrackerJson, halfLifeMs: number): QualityTracker {
		const tracker = new QualityTracker(halfLifeMs);
		for (const [model, quality, success] of json) {
			tracker.#models.set(model, {
				quality: TIERS.map((_, index) => DecayedStats.fromJSON(quality[index] ?? [0, 0, 0, 0, 0])),
				success: TIERS.map((_, index) => DecayedStats.fromJSON(success[index] ?? [0, 0, 0, 0, 0])),
			});
		}

		return tracker;
	}

	record(model: string, tier: Tier, score: number, success: boolean, atMs: number): void {
		let stats = this.#models.get(model);
		if (stats === undefined) {
			stats = {quality: TIERS.map(() => new DecayedStats()), success: TIERS.map(() => new DecayedStats())};
			this.#models.set(model, stats);
		}

		const index = tierIndex(tier);
		stats.quality[index]?.add(score, atMs, this.#halfLifeMs);
		stats.success[index]?.add(success ? 1 : 0, atMs, this.#halfLifeMs);
	}

	/** The decayed quality statistics of a model on the tier at `index`; undefined when it has none. */
	tierStats(model: string, index: number): DecayedStats | undefined {
		return this.#models.get(model)?.quality[index];
	}

	performance(model: string): ModelPerformance | undefined {
		const stats = this.#models.get(model);
		if (stats === undefined) {
			return undefined;
		}

		const qualityByTier: Partial<Record<Tier, TierPerformance>> = {};
		let count = 0;
		let weight = 0;
		let qualitySum = 0;
		let successSum = 0;
		for (const [index, tier] of TIERS.entries()) {
			const quality = stats.quality[index];
			const success = stats.success[index];
			if (quality === undefined || success === undefined || quality.count === 0) {
				continue;
			}

			qualityByTier[tier] = {count: quality.count, averageQuality: quality.mean(0), successRate: betaMean(success)};
			count += quality.count;
			weight += quality.weight;
			qualitySum += quality.weight * quality.mean(0);
			successSum += success.weight * success.mean(0);
		}

		return {
			model,
			count,
			averageQuality: weight > 0 ? qualitySum / weight : 0,
			successRate: (1 + successSum) / (2 + weight),
			qualityByTier,
		};
	}

	toJSON(): QualityTrackerJson {
		return [...this.#models].map(([model, stats]) => [model, stats.quality.map(value => value.toJSON()), stats.success.map(value => value.toJSON())]);
	}
}

function betaMean(success: DecayedStats): number {
	return (1 + (success.weight * success.mean(0))) / (2 + success.weight);
}
