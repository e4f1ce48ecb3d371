/**
 * How hard a prompt is, from easiest to hardest. The order matters: a model's `tierRange` and the `minTier`
 * option compare tiers by their position in this list.
 */
export const TIERS = ['trivial', 'simple', 'moderate', 'complex', 'expert'] as const;

export type Tier = (typeof TIERS)[number];

/** Position of a tier in {@link TIERS}: 0 for `trivial` up to 4 for `expert`. */
export function tierIndex(tier: Tier): number {
	return TIERS.indexOf(tier);
}

/** The tier at a position, clamped to the valid range. */
export function tierAt(index: number): Tier {
	const clamped = Math.min(TIERS.length - 1, Math.max(0, Math.round(index)));
	return TIERS[clamped] ?? 'trivial';
}

export function isTier(value: unknown): value is Tier {
	return typeof value === 'string' && (TIERS as readonly string[]).includes(value);
}
