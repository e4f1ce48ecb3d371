import type {QualityPrediction} from '../learning/quality-prediction.js';
import type {RegisteredModel} from '../models/registered-model.js';
import {estimateCostUsd, type TokenEstimate} from './token-estimate.js';

/** Why a model was not eligible for a request; the first rule it broke, in the order listed. */
export type ExclusionReason =
	| 'tier_range'
	| 'capability'
	| 'domain'
	| 'context_window'
	| 'max_cost'
	| 'max_latency'
	| 'min_quality'
	| 'budget'
	| 'provider'
	| 'unhealthy'
	| 'rate_limit';

export type Exclusion = {
	readonly model: string;
	readonly reason: ExclusionReason;
};

/** An eligible model with what this request would cost on it and the quality it is predicted to give. */
export type Candidate = {
	readonly model: RegisteredModel;
	readonly estimatedCostUsd: number;
	/** Output tokens expected from this model: learned from reported usage, or the tier's default. */
	readonly outputTokens: number;
	readonly prediction: QualityPrediction;
};

/** The request as selection sees it: a tier, token estimates, predictions and the caller's constraints. */
export type SelectionRequest = {
	readonly tier: number;
	/** Input tokens, and output tokens before any usage was reported. */
	readonly tokens: TokenEstimate;
	/** Output tokens to expect from a model, when usage has been reported. */
	readonly outputTokensOf: (model: RegisteredModel) => number | undefined;
	readonly predict: (model: RegisteredModel) => QualityPrediction;
	readonly capabilities: readonly string[];
	readonly domain: string | undefined;
	readonly maxCostUsd: number | undefined;
	readonly maxLatencyMs: number | undefined;
	readonly minQuality: number | undefined;
	/** The budgets' limit on one request's estimate. */
	readonly perRequestUsd: number | undefined;
	readonly prefer: string | undefined;
};

export type Eligibility = {
	readonly candidates: Candidate[];
	readonly excluded: Exclusion[];
	/** Whether a preferred provider was given and had an eligible model (`applied`) or had none (`ignored`). */
	readonly preference: 'applied' | 'ignored' | 'none';
	/** Set when a specialist for the requested domain was eligible and generalists were set aside. */
	readonly specialistsOnly: boolean;
	/** Set when none of the remaining candidates suits the tier and models meant for harder tiers were kept. */
	readonly steppedUp: boolean;
};

/**
 * Splits models into candidates and exclusions. A model must be strong enough for the tier, have every
 * capability, be a generalist or a specialist of the requested domain, fit prompt plus output in its window,
 * and meet the cost, latency and quality limits. Then the others are set aside, in turn, when any candidate is a
 * specialist of the requested domain, comes from the preferred provider, or is suited to the tier rather than
 * meant for harder ones only: what the caller asked for first, then the saving.
 */
export function checkEligibility(models: readonly RegisteredModel[], request: SelectionRequest): Eligibility {
	let candidates: Candidate[] = [];
	const excluded: Exclusion[] = [];
	for (const model of models) {
		const tokens = {input: request.tokens.input, output: request.outputTokensOf(model) ?? request.tokens.output};
		const prediction = request.predict(model);
		const reason = firstBrokenRule(model, request, tokens, prediction.quality);
		if (reason === undefined) {
			candidates.push({model, estimatedCostUsd: estimateCostUsd(model, tokens), outputTokens: tokens.output, prediction});
		} else {
			excluded.push({model: model.name, reason});
		}
	}

	const domain = request.domain;
	const specialistsOnly = domain !== undefined && candidates.some(candidate => candidate.model.domains.has(domain));
	if (specialistsOnly) {
		candidates = setAside(candidates, excluded, candidate => candidate.model.domains.has(domain), 'domain');
	}

	const provider = request.prefer;
	const preferred = provider !== undefined && candidates.some(candidate => candidate.model.provider === provider);
	if (preferred) {
		candidates = setAside(candidates, excluded, candidate => candidate.model.provider === provider, 'provider');
	}

	const suited = (candidate: Candidate) => candidate.model.minTier <= request.tier;
	const steppedUp = candidates.length > 0 && !candidates.some(candidate => suited(candidate));
	if (!steppedUp) {
		candidates = setAside(candidates, excluded, suited, 'tier_range');
	}

	const preference = provider === undefined ? 'none' : (preferred ? 'applied' : 'ignored');
	return {candidates, excluded, preference, specialistsOnly, steppedUp};
}

function firstBrokenRule(model: RegisteredModel, request: SelectionRequest, tokens: TokenEstimate, predictedQuality: number): ExclusionReason | undefined {
	if (request.tier > model.maxTier) {
		return 'tier_range';
	}

	for (const capability of request.capabilities) {
		if (!model.capabilities.has(capability)) {
			return 'capability';
		}
	}

	if (model.domains.size > 0 && (request.domain === undefined || !model.domains.has(request.domain))) {
		return 'domain';
	}

	const contextWindow = model.config.contextWindow;
	if (contextWindow !== undefined && tokens.input + tokens.output > contextWindow) {
		return 'context_window';
	}

	if (request.maxCostUsd !== undefined && estimateCostUsd(model, tokens) > request.maxCostUsd) {
		return 'max_cost';
	}

	const latency = model.config.avgLatencyMs;
	if (request.maxLatencyMs !== undefined && latency !== undefined && latency > request.maxLatencyMs) {
		return 'max_latency';
	}

	if (request.minQuality !== undefined && predictedQuality < request.minQuality) {
		return 'min_quality';
	}

	if (request.perRequestUsd !== undefined && estimateCostUsd(model, tokens) > request.perRequestUsd) {
		return 'budget';
	}

	return undefined;
}

function setAside(
	candidates: readonly Candidate[],
	excluded: Exclusion[],
	keep: (candidate: Candidate) => boolean,
	reason: ExclusionReason,
): Candidate[] {
	const kept: Candidate[] = [];
	for (const candidate of candidates) {
		if (keep(candidate)) {
			kept.push(candidate);
		} else {
			excluded.push({model: candidate.model.name, reason});
		}
	}

	return kept;
}
