import {QUALITY_TOLERANCE} from '../selection/choose-candidate.js';
import {TIERS, tierIndex, type Tier} from '../tiers.js';
import {DecayedStats, type DecayedStatsJson} from './decayed-stats.js';

/** How much of the tier's quality tolerance applies now, and why. */
export type TierFloor = {
	readonly tier: Tier;
	/** The tier's tolerance as shipped (QUALITY_TOLERANCE). */
	readonly baseTolerance: number;
	/** The tolerance the default choice uses: the bar is the best prediction less this. */
	readonly tolerance: number;
	/** `raised`: the chosen models keep failing this tier's prompts; `relaxed`: they nearly always succeed. */
	readonly change: 'raised' | 'relaxed' | 'none';
	/** Decayed share of successes among the outcomes of the models chosen for this tier's prompts; null without any. */
	readonly successRate: number | null;
	/** The decayed number of those outcomes. */
	readonly outcomes: number;
};

/** Outcomes' worth of evidence before a tier's floor moves. */
export const FLOOR_MIN_OUTCOMES = 10;
/** At or below this success rate the floor is fully raised (tolerance 0: the best predicted model). */
const fullyRaisedAt = 0.4;
/** Below this the floor rises, in proportion. */
const raiseBelow = 0.7;
/** From this the floor relaxes, up to twice the tolerance at {@link fullyRelaxedAt}. */
const relaxFrom = 0.9;
const fullyRelaxedAt = 0.98;

/**
 * Each tier's quality floor, learned from the outcomes of the models the router chose (not explored ones, not
 * history): a tier whose prompts keep failing on them raises its bar towards the best predicted model, and a tier
 * whose prompts nearly always succeed on them relaxes it, so that cheaper models clear it.
 */
export class TierFloors {
	readonly #success: DecayedStats[];
	readonly #halfLifeMs: number;

	constructor(halfLifeMs: number, json?: readonly DecayedStatsJson[]) {
		this.#halfLifeMs = halfLifeMs;
		this.#success = TIERS.map((_, index) => (json?.[index] === undefined ? new DecayedStats() : DecayedStats.fromJSON(json[index])));
	}

	record(tier: Tier, success: boolean, atMs: number): void {
		this.#success[tierIndex(tier)]?.add(success ? 1 : 0, atMs, this.#halfLifeMs);
	}

	floor(tier: Tier): TierFloor {
		const stats = this.#success[tierIndex(tier)];
		const baseTolerance = QUALITY_TOLERANCE[tier];
		const outcomes = stats?.weight ?? 0;
		const successRate = outcomes > 0 ? (stats?.mean(0) ?? 0) : null;
		if (successRate === null || outcomes < FLOOR_MIN_OUTCOMES) {
			return {tier, baseTolerance, tolerance: baseTolerance, change: 'none', successRate, outcomes};
		}

		if (successRate < raiseBelow) {
			const share = Math.max(0, (successRate - fullyRaisedAt) / (raiseBelow - fullyRaisedAt));
			return {tier, baseTolerance, tolerance: baseTolerance * share, change: 'raised', successRate, outcomes};
		}

		if (successRate >= relaxFrom) {
			const extra = Math.min(1, (successRate - relaxFrom) / (fullyRelaxedAt - relaxFrom));
			return {tier, baseTolerance, tolerance: baseTolerance * (1 + extra), change: 'relaxed', successRate, outcomes};
		}

		return {tier, baseTolerance, tolerance: baseTolerance, change: 'none', successRate, outcomes};
	}

	toJSON(): DecayedStatsJson[] {
		return this.#success.map(stats => stats.toJSON());
	}
}
