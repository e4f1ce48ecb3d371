import {TIERS, tierIndex, type Tier} from '../tiers.js';
import {DecayedStats, type DecayedStatsJson} from './decayed-stats.js';

export type UsageTrackerJson = Array<[model: string, outputTokens: DecayedStatsJson[]]>;

/**
 * Output tokens each model gives on each tier's prompts, from reported usage: what a request is predicted to cost
 * is the model's price times these. A model without reports on a tier takes the other models' mean there.
 */
export class UsageTracker {
	readonly #models = new Map<string, DecayedStats[]>();
	readonly #allModels = TIERS.map(() => new DecayedStats());
	readonly #halfLifeMs: number;

	constructor(halfLifeMs: number) {
		this.#halfLifeMs = halfLifeMs;
	}

	static fromJSON(json: UsageTrackerJson, halfLifeMs: number): UsageTracker {
		const tracker = new UsageTracker(halfLifeMs);
		for (const [model, byTier] of json) {
			for (const [index, value] of byTier.entries()) {
				const stats = DecayedStats.fromJSON(value);
				tracker.#statsOf(model)[index] = stats;
				// The all-models mean is rebuilt from the per-model means, each with its weight.
				tracker.#allModels[index]?.add(stats.mean(0), value[4], halfLifeMs, stats.weight);
			}
		}

		return tracker;
	}

	record(model: string, tier: Tier, outputTokens: number, atMs: number): void {
		const index = tierIndex(tier);
		this.#statsOf(model)[index]?.add(outputTokens, atMs, this.#halfLifeMs);
		this.#allModels[index]?.add(outputTokens, atMs, this.#halfLifeMs);
	}

	/** Output tokens to expect from `model` on a `tier` prompt, or undefined when no usage was reported there. */
	expectedOutputTokens(model: string, tier: Tier): number | undefined {
		const index = tierIndex(tier);
		const own = this.#models.get(model)?.[index];
		if (own !== undefined && own.weight > 0) {
			return own.mean(0);
		}

		const all = this.#allModels[index];
		return all !== undefined && all.weight > 0 ? all.mean(0) : undefined;
	}

	toJSON(): UsageTrackerJson {
		return [...this.#models].map(([model, byTier]) => [model, byTier.map(stats => stats.toJSON())]);
	}

	#statsOf(model: string): DecayedStats[] {
		let stats = this.#models.get(model);
		if (stats === undefined) {
			stats = TIERS.map(() => new DecayedStats());
			this.#models.set(model, stats);
		}

		return stats;
	}
}
