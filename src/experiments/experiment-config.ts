import {z} from 'zod';
import {TIERS} from '../tiers.js';

/**
 * The built-in ways an experiment arm can route:
 * - `cost_optimized`: as the router does by default, the cheapest model within the tier's tolerance of the best
 *   predicted quality (or within the caller's own options);
 * - `quality_first`: as if the prompt were one tier harder;
 * - `best_quality`: the model with the best predicted quality, whatever it costs (`costWeight: 0`).
 */
export const EXPERIMENT_STRATEGIES = ['cost_optimized', 'quality_first', 'best_quality'] as const;

export type NamedStrategy = (typeof EXPERIMENT_STRATEGIES)[number];

/** Route options an arm can set instead of a named strategy; they win over the caller's for the fields they set. */
export type StrategyOptions = {
	readonly costWeight?: number;
	readonly minQuality?: number;
	readonly minTier?: (typeof TIERS)[number];
	readonly maxCostUsd?: number;
	readonly prefer?: string;
};

export type ExperimentStrategy = NamedStrategy | StrategyOptions;

export type ExperimentArm = 'A' | 'B';

/** An experiment as a workspace keeps it. */
export type ExperimentConfig = {
	readonly name: string;
	readonly strategyA: ExperimentStrategy;
	readonly strategyB: ExperimentStrategy;
	/** Share of subjects assigned to arm A, above 0 and below 1. */
	readonly split: number;
	readonly createdAt: string;
	/** When it was ended: routes naming it after that take no arm. */
	readonly endedAt: string | null;
};

/** What {@link AdaptiveRouter.createExperiment} takes. */
export type ExperimentInput = {
	readonly name: string;
	readonly strategyA: ExperimentStrategy;
	readonly strategyB: ExperimentStrategy;
	/** Share of subjects assigned to arm A. @default 0.5 */
	readonly split?: number;
};

const share = z.number({error: 'a number between 0 and 1, both excluded'}).gt(0, {error: 'a number between 0 and 1, both excluded'}).lt(1, {error: 'a number between 0 and 1, both excluded'});
const nonNegative = z.number({error: 'a finite number from 0 up'}).nonnegative({error: 'a finite number from 0 up'});

const strategySchema = z.union([
	z.enum(EXPERIMENT_STRATEGIES),
	z.strictObject({
		costWeight: nonNegative.optional(),
		minQuality: z.number().min(0).max(1).optional(),
		minTier: z.enum(TIERS).optional(),
		maxCostUsd: nonNegative.optional(),
		prefer: z.string().min(1).optional(),
	}),
], {error: `one of ${EXPERIMENT_STRATEGIES.join(', ')}, or an object of costWeight, minQuality, minTier, maxCostUsd and prefer`});

export const experimentInputSchema = z.strictObject({
	name: z.string({error: 'a non-empty string of at most 100 characters'}).min(1, {error: 'a non-empty string of at most 100 characters'}).max(100, {error: 'a non-empty string of at most 100 characters'}),
	strategyA: strategySchema,
	strategyB: strategySchema,
	split: share.optional(),
}, {error: 'an object with name, strategyA, strategyB and optionally split'});

export const experimentConfigSchema = z.strictObject({
	name: z.string().min(1),
	strategyA: strategySchema,
	strategyB: strategySchema,
	split: share,
	createdAt: z.iso.datetime(),
	endedAt: z.iso.datetime().nullable(),
});

/** A strategy in a few words, for decisions and explanations. */
export function describeStrategy(strategy: ExperimentStrategy): string {
	if (typeof strategy === 'string') {
		return strategy;
	}

	const parts = Object.entries(strategy).map(([key, value]) => `${key} ${String(value)}`);
	return parts.length === 0 ? 'the caller\'s options' : parts.join(', ');
}
