import type {Classification} from '../classifier/classification.js';
import {TierwiseError} from '../errors/tierwise-error.js';
import type {RegisteredModel} from '../models/registered-model.js';
import {checkEligibility, type Eligibility, type ExclusionReason} from '../selection/eligibility.js';
import {rankCandidates} from '../selection/rank-candidates.js';
import type {RouteOptions} from '../selection/route-options.js';
import {routedTier} from '../selection/routed-tier.js';
import {EXPECTED_OUTPUT_TOKENS, type TokenEstimate} from '../selection/token-estimate.js';
import {tierIndex} from '../tiers.js';
import {describeExclusion, EXCLUSION_SUMMARY} from './exclusion-text.js';
import {DECISION_SCHEMA_VERSION, type AppliedConstraints, type DecisionRecord, type SlaStatus} from './routing-decision.js';

export type DecideInput = {
	readonly classification: Classification;
	/** Route options with the profile's defaults applied. */
	readonly options: RouteOptions;
	readonly models: readonly RegisteredModel[];
	/** The catalogue's read date when `models` is the default catalogue, else null. */
	readonly defaultCatalogueReadOn: string | null;
	readonly hash: string;
	readonly promptHash: string;
	readonly routedAt: string;
};

const compliant: SlaStatus = Object.freeze({compliant: true, breaches: Object.freeze([]), adjustments: Object.freeze([])});

/**
 * Turns a classification and the caller's options into a decision record: the routed tier, token estimates,
 * the eligible models ranked best first, and what was excluded and why. Throws `no_eligible_model`, naming why
 * each model was excluded, when none is left.
 */
export function decide(input: DecideInput): DecisionRecord {
	const {classification, options} = input;
	const context = options.context ?? {};
	const routed = routedTier(classification.tier, options.minTier, context.iteration);
	const tokens: TokenEstimate = {
		input: options.estimateTokens?.[0] ?? classification.signals.estimatedTokens + (context.conversationTokens ?? 0),
		output: options.estimateTokens?.[1] ?? EXPECTED_OUTPUT_TOKENS[routed.tier],
	};
	const capabilities = options.capability === undefined ? [] : (typeof options.capability === 'string' ? [options.capability] : options.capability);
	const eligibility = checkEligibility(input.models, {
		tier: tierIndex(routed.tier),
		tokens,
		capabilities,
		domain: options.domain,
		maxCostUsd: options.maxCostUsd,
		maxLatencyMs: options.maxLatencyMs,
		minQuality: options.minQuality,
		prefer: options.prefer,
	});
	const constraints = appliedConstraints(options, capabilities);
	const ranked = rankCandidates(eligibility.candidates, context.urgency === 'high');
	const chosen = ranked[0];
	if (chosen === undefined) {
		throw noEligibleModel(eligibility, routed.tier, tokens, constraints, input.models);
	}

	const alternatives = ranked.slice(1).map(candidate => ({
		model: candidate.model.name,
		provider: candidate.model.provider,
		estimatedCostUsd: candidate.estimatedCostUsd,
	}));
	return {
		schemaVersion: DECISION_SCHEMA_VERSION,
		hash: input.hash,
		promptHash: input.promptHash,
		routedAt: input.routedAt,
		model: chosen.model.name,
		provider: chosen.model.provider,
		tier: routed.tier,
		classifiedTier: classification.tier,
		confidence: classification.confidence,
		estimatedCostUsd: chosen.estimatedCostUsd,
		estimatedTokens: tokens,
		fallbackModels: alternatives.map(alternative => alternative.model),
		alternatives,
		excluded: eligibility.excluded,
		constraints,
		selection: {steppedUp: eligibility.steppedUp, specialistsOnly: eligibility.specialistsOnly, preference: eligibility.preference},
		classification,
		catalogue: input.defaultCatalogueReadOn === null ? 'registered' : 'default',
		user: options.user ?? null,
		abVariant: null,
		escalated: routed.escalationReason !== null,
		escalationReason: routed.escalationReason,
		sla: compliant,
	};
}

/** The options as applied: everything but `user` (kept apart) and `capability` (kept as a list). */
function appliedConstraints(options: RouteOptions, capabilities: readonly string[]): AppliedConstraints {
	const {user, capability, ...constraints} = options;
	return capabilities.length === 0 ? constraints : {...constraints, capabilities};
}

function noEligibleModel(
	eligibility: Eligibility,
	tier: DecisionRecord['tier'],
	tokens: TokenEstimate,
	constraints: AppliedConstraints,
	models: readonly RegisteredModel[],
): TierwiseError {
	const byName = new Map(models.map(model => [model.name, model]));
	const excluded = eligibility.excluded.map(exclusion => ({
		...exclusion,
		explanation: describeExclusion(exclusion, {tier, estimatedTokens: tokens, constraints}, byName.get(exclusion.model)),
	}));
	const byReason = new Map<string, string[]>();
	for (const exclusion of excluded) {
		const names = byReason.get(exclusion.reason) ?? [];
		names.push(exclusion.model);
		byReason.set(exclusion.reason, names);
	}

	const reasons = [...byReason]
		.map(([reason, names]) => `${EXCLUSION_SUMMARY[reason as ExclusionReason]}: ${names.join(', ')}`)
		.join('; ');
	return new TierwiseError(
		'no_eligible_model',
		`No model can serve this ${tier} request (${reasons || 'no models are registered'}). Relax a constraint or register a model that fits; error.details.excluded says why each model was left out.`,
		{details: {tier, excluded}},
	);
}
