import {z} from 'zod';
import {TIERS, type Tier} from '../tiers.js';

/** What the caller knows about the conversation around a prompt. */
export type RouteContext = {
	/** Tokens of earlier conversation sent along with the prompt; they count towards cost and context window. */
	conversationTokens?: number;
	/** Which attempt at the same task this is, from 1. Each attempt after the first raises the tier one step. */
	iteration?: number;
	/** `high`: the fastest eligible model (by `avgLatencyMs`) instead of the cheapest. @default 'normal' */
	urgency?: 'low' | 'normal' | 'high';
};

/** Options of one {@link AdaptiveRouter.route} call. Every one is optional. */
export type RouteOptions = {
	/** Most this request may cost, by the estimate. */
	maxCostUsd?: number;
	/** Skip models whose `avgLatencyMs` is above this. */
	maxLatencyMs?: number;
	/** Skip models whose predicted quality (0 to 1) on this prompt is below this; the cheapest of the rest wins. */
	minQuality?: number;
	/**
	 * Choose by predicted quality minus this weight times the predicted cost as a share of the dearest
	 * candidate's: 0 picks the best predicted model, larger values cheaper ones. Without it, the cheapest model
	 * within the tier's tolerance of the best predicted quality wins (see QUALITY_TOLERANCE).
	 */
	costWeight?: number;
	/** Capabilities the model must have, e.g. `code` or `['vision', 'tools']`. */
	capability?: string | readonly string[];
	/** A provider to use when it has an eligible model. */
	prefer?: string;
	/** Treat the prompt as at least this hard. */
	minTier?: Tier;
	/** Subject area, e.g. `medical`: specialists for it are preferred, specialists for others are skipped. */
	domain?: string;
	/** Input and output tokens, when the caller knows better than the estimate. */
	estimateTokens?: readonly [number, number];
	/** Who the request is for (budgets and audit). */
	user?: string;
	context?: RouteContext;
	/** A named set of defaults for the other options; see {@link BUILT_IN_PROFILES}. */
	profile?: string;
	/** An experiment to take part in (see `createExperiment`): its arm's strategy routes the prompt. */
	experiment?: string;
	/** The key an experiment assigns arms by: the same key, the same arm, in every process. @default `user`, else the prompt's SHA-256 */
	subject?: string;
	/** Models to fall back on first, in this order, when they are eligible (the router's `fallbackChain` otherwise). */
	fallbackChain?: readonly string[];
};

const nonNegative = z.number({error: 'a finite number from 0 up'}).nonnegative({error: 'a finite number from 0 up'});
const nonEmpty = z.string({error: 'a non-empty string'}).min(1, {error: 'a non-empty string'});

export const routeOptionsSchema = z.strictObject({
	maxCostUsd: nonNegative.optional(),
	maxLatencyMs: z.number({error: 'a number of milliseconds above 0'}).positive({error: 'a number of milliseconds above 0'}).optional(),
	minQuality: z.number({error: 'a number from 0 to 1'}).min(0, {error: 'a number from 0 to 1'}).max(1, {error: 'a number from 0 to 1'}).optional(),
	costWeight: nonNegative.optional(),
	capability: z.union([nonEmpty, z.array(nonEmpty)], {error: 'a capability name or an array of them'}).optional(),
	prefer: nonEmpty.optional(),
	minTier: z.enum(TIERS, {error: `one of ${TIERS.join(', ')}`}).optional(),
	domain: nonEmpty.optional(),
	estimateTokens: z.tuple([nonNegative, nonNegative], {error: 'a pair [inputTokens, outputTokens] of numbers from 0 up'}).optional(),
	user: z.string({error: 'a string'}).optional(),
	context: z
		.strictObject({
			conversationTokens: nonNegative.optional(),
			iteration: z.number({error: 'a whole number from 1 up'}).int({error: 'a whole number from 1 up'}).min(1, {error: 'a whole number from 1 up'}).optional(),
			urgency: z.enum(['low', 'normal', 'high'], {error: 'one of low, normal, high'}).optional(),
		}, {error: 'an object with conversationTokens, iteration or urgency'})
		.optional(),
	profile: nonEmpty.optional(),
	experiment: nonEmpty.optional(),
	subject: nonEmpty.optional(),
	fallbackChain: z.array(nonEmpty, {error: 'an array of model names'}).optional(),
}, {error: 'an object of route options'});

/**
 * Profiles that ship with tierwise. `worker` sets nothing (the default); `supervisor` treats every prompt as at
 * least `complex`, for agents that plan or review; `fast` picks the fastest eligible model.
 */
export const BUILT_IN_PROFILES: Readonly<Record<string, RouteOptions>> = {
	worker: {},
	supervisor: {minTier: 'complex'},
	fast: {context: {urgency: 'high'}},
};

/** Lays explicit options over a profile's defaults (the context object is merged key by key). */
export function applyProfile(options: RouteOptions, profile: RouteOptions): RouteOptions {
	const merged: RouteOptions = {...profile, ...options};
	if (profile.context !== undefined || options.context !== undefined) {
		merged.context = {...profile.context, ...options.context};
	}

	return merged;
}
