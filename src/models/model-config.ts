import {z} from 'zod';
import {TIERS, tierIndex, type Tier} from '../tiers.js';

const tier = z.enum(TIERS, {error: `one of ${TIERS.join(', ')}`});
const price = z.number({error: 'a finite number from 0 up (USD per 1K tokens)'}).nonnegative({error: 'a finite number from 0 up (USD per 1K tokens)'});
const label = z.string({error: 'a non-empty string'}).trim().min(1, {error: 'a non-empty string'}).max(200, {error: 'at most 200 characters'});

/** The schema `registerModel` validates against; unknown keys are rejected so that typos do not go unnoticed. */
export const modelConfigSchema = z.strictObject({
	name: label,
	provider: label,
	costPer1kInput: price,
	costPer1kOutput: price,
	tierRange: z
		.tuple([tier, tier], {error: 'a pair of tiers, [minTier, maxTier]'})
		.refine(([low, high]) => tierIndex(low) <= tierIndex(high), {error: 'a pair [minTier, maxTier] with minTier no harder than maxTier'})
		.optional(),
	capabilities: z.array(label, {error: 'an array of capability names'}).optional(),
	contextWindow: z.number({error: 'a whole number of tokens from 1 up'}).int({error: 'a whole number of tokens from 1 up'}).positive({error: 'a whole number of tokens from 1 up'}).optional(),
	avgLatencyMs: z.number({error: 'a number of milliseconds above 0'}).positive({error: 'a number of milliseconds above 0'}).optional(),
	domains: z.array(label, {error: 'an array of domain names'}).optional(),
	qualityPrior: z.number({error: 'a number from 0 to 1'}).min(0, {error: 'a number from 0 to 1'}).max(1, {error: 'a number from 0 to 1'}).optional(),
});

/**
 * A model tierwise may route to. Prices are USD per 1,000 tokens.
 *
 * @example
 * router.registerModel({
 * 	name: 'gpt-4o-mini',
 * 	provider: 'openai',
 * 	costPer1kInput: 0.000_15,
 * 	costPer1kOutput: 0.0006,
 * 	tierRange: ['trivial', 'moderate'],
 * });
 */
export type ModelConfig = {
	name: string;
	provider: string;
	costPer1kInput: number;
	costPer1kOutput: number;
	/** The easiest and hardest tiers the model should serve. @default ['trivial', 'expert'] */
	tierRange?: readonly [Tier, Tier];
	/** What the model can do beyond text, e.g. `code`, `vision`, `tools`, `reasoning`. */
	capabilities?: readonly string[];
	/** Input plus output tokens the model accepts. Unset means no limit is checked. */
	contextWindow?: number;
	avgLatencyMs?: number;
	/**
	 * Subject areas the model specialises in, e.g. `medical`. A model with domains is a specialist: it is only
	 * chosen for requests that name one of them with the `domain` option.
	 */
	domains?: readonly string[];
	/** Expected quality of its answers, 0 to 1, before any outcome is reported. Unset: derived from the tier range. */
	qualityPrior?: number;
};

/** New prices for {@link AdaptiveRouter.updatePricing}; either may be left out. */
export const pricingUpdateSchema = z.strictObject({
	costPer1kInput: price.optional(),
	costPer1kOutput: price.optional(),
});

export type PricingUpdate = {
	costPer1kInput?: number;
	costPer1kOutput?: number;
};
