import {z} from 'zod';

/** What {@link AdaptiveRouter.logUsage} takes: the tokens of a request, and its cost when the caller knows it. */
export type UsageDetails = {
	inputTokens: number;
	outputTokens: number;
	/** What the provider charged; priced from the tokens and the model's prices when left out. */
	costUsd?: number;
	latencyMs?: number;
};

/** What logUsage resolves with: the entry's model and cost. */
export type UsageReceipt = {
	readonly hash: string;
	readonly model: string;
	readonly costUsd: number;
};

/** What {@link AdaptiveRouter.recordProviderEvent} may add to an event. */
export type ProviderEventDetails = {
	latencyMs?: number;
	/** What happened, in the caller's words (an error message, a status code). */
	details?: string;
	/** For `rate_limited`: how long the provider asked to wait; the model is down until then. */
	retryAfterMs?: number;
};

const tokens = z.number({error: 'a whole number of tokens from 0 up'}).int({error: 'a whole number of tokens from 0 up'}).nonnegative({error: 'a whole number of tokens from 0 up'});
const amount = z.number({error: 'a finite number from 0 up'}).nonnegative({error: 'a finite number from 0 up'});

export const usageDetailsSchema = z.strictObject({
	inputTokens: tokens,
	outputTokens: tokens,
	costUsd: amount.optional(),
	latencyMs: amount.optional(),
}, {error: 'an object with inputTokens and outputTokens'});

export const providerEventDetailsSchema = z.strictObject({
	latencyMs: amount.optional(),
	details: z.string({error: 'a string'}).max(2000, {error: 'a string of at most 2,000 characters'}).optional(),
	retryAfterMs: amount.optional(),
}, {error: 'an object with latencyMs, details or retryAfterMs'});
