import {tierAt, tierIndex, type Tier} from '../tiers.js';

export type RoutedTier = {
	readonly tier: Tier;
	/** How and why the tier differs from the classified one, or null. */
	readonly change: string | null;
	/** Set when a repeated attempt raised the tier. */
	readonly escalationReason: string | null;
};

/**
 * The tier to route as: the classified tier, raised to `minTier`, then one step for each attempt after the
 * first (a repeated attempt means the last answer was not good enough).
 */
export function routedTier(classified: Tier, minTier: Tier | undefined, iteration: number | undefined): RoutedTier {
	let index = tierIndex(classified);
	const changes: string[] = [];
	if (minTier !== undefined && tierIndex(minTier) > index) {
		index = tierIndex(minTier);
		changes.push(`minTier ${minTier} raised it from ${classified}`);
	}

	let escalationReason: string | null = null;
	if (iteration !== undefined && iteration > 1) {
		const before = tierAt(index);
		index = Math.min(4, index + (iteration - 1));
		const after = tierAt(index);
		if (after !== before) {
			escalationReason = `attempt ${iteration} raised the tier from ${before} to ${after}`;
			changes.push(escalationReason);
		}
	}

	return {tier: tierAt(index), change: changes.length === 0 ? null : changes.join('; '), escalationReason};
}
