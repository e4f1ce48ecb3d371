import type {Classification} from '../classifier/classification.js';
import {TierwiseError} from '../errors/tierwise-error.js';
import type {PromptTerms} from '../learning/observation.js';
import type {QualityPrediction} from '../learning/quality-prediction.js';
import {qualityFeatures} from '../learning/quality-features.js';
import type {TierFloor} from '../learning/tier-floors.js';
import type {RegisteredModel} from '../models/registered-model.js';
import {chooseCandidate, choiceRule, type Choice, type ChoiceRule} from '../selection/choose-candidate.js';
import {checkEligibility, type Candidate, type Eligibility, type ExclusionReason} from '../selection/eligibility.js';
import {lowConfidenceGate, type EscalationPolicy} from '../selection/escalation-policy.js';
import type {RouteOptions} from '../selection/route-options.js';
import {routedTier} from '../selection/routed-tier.js';
import {EXPECTED_OUTPUT_TOKENS, type TokenEstimate} from '../selection/token-estimate.js';
import {tierIndex, type Tier} from '../tiers.js';
import {describeExclusion, EXCLUSION_SUMMARY} from './exclusion-text.js';
import {DECISION_SCHEMA_VERSION, type AppliedConstraints, type DecisionExperiment, type DecisionOperations, type DecisionPrediction, type DecisionRecord, type SlaStatus} from './routing-decision.js';
import type {BudgetStatus} from '../ops/budget-status.js';
import {filterByHealth, filterByRateLimit, orderFallbacks, scaleAwayFromDegraded} from '../selection/health-filter.js';
import {balanceLoad} from '../selection/load-balancing.js';
import type {OperationsView} from '../selection/operations-view.js';
import {applySla} from '../selection/sla-adjustment.js';
import {formatUsd} from './format.js';

/** What has been learned, as a decision reads it. */
export type LearnedView = {
	/** A predictor for one prompt: the similar-prompt query runs once, then each model is predicted from it. */
	readonly predictorFor: (terms: PromptTerms, tier: Tier, models: readonly RegisteredModel[], features: readonly number[]) => (model: RegisteredModel) => QualityPrediction;
	readonly expectedOutputTokens: (model: string, tier: Tier) => number | undefined;
	/** The tier's quality floor as outcomes have moved it. */
	readonly tierFloor: (tier: Tier) => TierFloor;
};

/** Now and then, a candidate other than the chosen one, so that learning never stalls on one model. */
export type Exploration = {
	/** Share of decisions that explore, 0 to 1. */
	readonly rate: number;
	/** Uniform in [0, 1); seeded for reproducible replays. */
	readonly random: () => number;
};

export type DecideInput = {
	readonly classification: Classification;
	/** Route options with the profile's defaults, and the experiment arm's strategy, applied. */
	readonly options: RouteOptions;
	/** The experiment arm the prompt is routed by, or null. */
	readonly experiment: DecisionExperiment | null;
	readonly models: readonly RegisteredModel[];
	/** The prompt's terms, for the similar-prompt memory. */
	readonly terms: PromptTerms;
	readonly learned: LearnedView;
	readonly exploration: Exploration;
	readonly escalation: EscalationPolicy | undefined;
	/** Health, budgets, the SLA, load balancing and fallbacks as of now. */
	readonly operations: OperationsView;
	/** The catalogue's read date when `models` is the default catalogue, else null. */
	readonly defaultCatalogueReadOn: string | null;
	readonly hash: string;
	readonly promptHash: string;
	readonly routedAt: string;
};

/**
 * Turns a classification and the caller's options into a decision record: the routed tier, token estimates,
 * the eligible models ranked best first, and what was excluded and why. Throws `no_eligible_model`, naming why
 * each model was excluded, when none is left.
 */
export function decide(input: DecideInput): DecisionRecord {
	const {classification, options} = input;
	const context = options.context ?? {};
	const routed = routedTier(classification.tier, options.minTier, context.iteration);
	const gate = lowConfidenceGate(input.escalation, classification.confidence, routed.tier);
	const tier = gate?.tier ?? routed.tier;
	const defaultTokens: TokenEstimate = {
		input: options.estimateTokens?.[0] ?? classification.signals.estimatedTokens + (context.conversationTokens ?? 0),
		output: options.estimateTokens?.[1] ?? EXPECTED_OUTPUT_TOKENS[tier],
	};
	const capabilities = options.capability === undefined ? [] : (typeof options.capability === 'string' ? [options.capability] : options.capability);
	const eligibility = checkEligibility(input.models, {
		tier: tierIndex(tier),
		tokens: defaultTokens,
		// Output tokens given by the caller win over learned ones.
		outputTokensOf: options.estimateTokens === undefined ? model => input.learned.expectedOutputTokens(model.name, tier) : () => undefined,
		predict: input.learned.predictorFor(input.terms, tier, input.models, qualityFeatures(classification, defaultTokens.input)),
		capabilities,
		domain: options.domain,
		maxCostUsd: options.maxCostUsd,
		maxLatencyMs: options.maxLatencyMs,
		minQuality: options.minQuality,
		perRequestUsd: input.operations.perRequestUsd,
		prefer: options.prefer,
	});
	const constraints = appliedConstraints(options, capabilities);
	const ops = input.operations;
	const candidates = filterByRateLimit(filterByHealth(eligibility.candidates, eligibility.excluded, ops), eligibility.excluded, ops, defaultTokens.input);
	if (candidates.length === 0) {
		throw noEligibleModel(eligibility, tier, defaultTokens, constraints, input.models);
	}

	const budget = ops.budget;
	if (budget.mode === 'limit' && ops.onLimit === 'reject') {
		throw budgetExceeded(budget, options.user ?? null, null);
	}

	const economy = budget.mode !== 'normal';
	const rule = choiceRule(candidates, input.learned.tierFloor(tier), {costWeight: options.costWeight, minQuality: options.minQuality, speedFirst: context.urgency === 'high', economy});
	const choice = chooseCandidate(candidates, rule);
	const forced = gate?.model === undefined ? undefined : choice.ranked.find(candidate => candidate.model.name === gate.model);
	const {ranked: chosenOrder, explored} = forced === undefined
		? (economy ? {ranked: choice.ranked, explored: false} : explore(choice, input.exploration))
		: {ranked: [forced, ...choice.ranked.filter(candidate => candidate !== forced)], explored: false};
	const steered = forced !== undefined || explored || economy;
	const scaled = steered ? {ranked: chosenOrder, scaledFrom: null} : scaleAwayFromDegraded(chosenOrder, ops);
	const balanced = steered ? {ranked: scaled.ranked, pool: null} : balanceLoad(scaled.ranked, qualityBar(rule, choice), ops);
	const sla = applySla(balanced.ranked, ops);
	const allowed = checkBudgetClient(sla.ranked, ops, options.user ?? null);
	const ranked = orderFallbacks(allowed.ranked, ops);
	const chosen = ranked[0];
	if (chosen === undefined) {
		throw noEligibleModel(eligibility, tier, defaultTokens, constraints, input.models);
	}

	const alternatives = ranked.slice(1).map(candidate => ({
		model: candidate.model.name,
		provider: candidate.model.provider,
		estimatedCostUsd: candidate.estimatedCostUsd,
		predictedQuality: round(candidate.prediction.quality),
	}));
	const escalationReasons = [routed.escalationReason, gate === undefined ? null : gate.reason(forced !== undefined || gate.model === undefined)].filter(reason => reason !== null);
	return {
		schemaVersion: DECISION_SCHEMA_VERSION,
		hash: input.hash,
		promptHash: input.promptHash,
		routedAt: input.routedAt,
		model: chosen.model.name,
		provider: chosen.model.provider,
		tier,
		classifiedTier: classification.tier,
		confidence: classification.confidence,
		estimatedCostUsd: chosen.estimatedCostUsd,
		estimatedTokens: {input: defaultTokens.input, output: chosen.outputTokens},
		fallbackModels: alternatives.map(alternative => alternative.model),
		alternatives,
		excluded: eligibility.excluded,
		constraints,
		selection: {steppedUp: eligibility.steppedUp, specialistsOnly: eligibility.specialistsOnly, preference: eligibility.preference},
		classification,
		catalogue: input.defaultCatalogueReadOn === null ? 'registered' : 'default',
		user: options.user ?? null,
		abVariant: input.experiment?.arm ?? null,
		escalated: routed.escalationReason !== null || (gate?.escalates === true && (forced !== undefined || gate.model === undefined)),
		escalationReason: escalationReasons.length === 0 ? null : escalationReasons.join('; '),
		originalConfidence: gate === undefined ? null : classification.confidence,
		explored,
		prediction: predictionOf(chosen, rule, choice),
		promptTerms: input.terms,
		experiment: input.experiment,
		sla: sla.breaches.length === 0 ? compliant : {compliant: sla.compliant, breaches: sla.breaches, adjustments: sla.adjustments, adjustedFor: sla.adjusted},
		operations: {
			budget: allowed.deniedBy === null && budget.window === null ? unlimited : {...budget, mode: allowed.deniedBy === null ? budget.mode : 'limit', deniedBy: allowed.deniedBy},
			health: ops.health(chosen.model.name),
			loadBalanced: balanced.pool === null || ops.loadBalancing === undefined ? null : {strategy: ops.loadBalancing.strategy, pool: balanced.pool},
			scaledFrom: scaled.scaledFrom,
			baselineCostUsd: dearestEstimate(candidates),
		},
		derivedFrom: null,
	};
}

/** The SLA status of a decision that breached nothing, shared: most decisions. */
const compliant: SlaStatus = Object.freeze({compliant: true, breaches: Object.freeze([]), adjustments: Object.freeze([]), adjustedFor: Object.freeze([])});

/** The budget status of a decision under no window limit, shared. */
const unlimited: DecisionOperations['budget'] = Object.freeze({mode: 'normal', window: null, limitUsd: null, spentUsd: null, remainingShare: null, deniedBy: null});

function dearestEstimate(candidates: readonly Candidate[]): number {
	let dearest = 0;
	for (const candidate of candidates) {
		dearest = Math.max(dearest, candidate.estimatedCostUsd);
	}

	return dearest;
}

/** The predicted quality a load-balanced alternative must reach: the bar the choice cleared, else the chosen model's own. */
function qualityBar(rule: ChoiceRule, choice: Choice): number {
	const chosen = choice.ranked[0];
	if (rule.kind === 'bar' && choice.clearedBar) {
		return rule.bar;
	}

	return chosen?.prediction.quality ?? 0;
}

/**
 * Asks the budget client about the chosen model. Refused: with `onLimit: 'cheapest'` the cheapest candidate is
 * asked about in turn; refused again, or with `reject`, `budget_exceeded`.
 */
function checkBudgetClient<T extends Candidate>(ranked: readonly T[], ops: OperationsView, user: string | null): {ranked: readonly T[]; deniedBy: string | null} {
	const client = ops.budgetClient;
	const chosen = ranked[0];
	if (client === undefined || chosen === undefined) {
		return {ranked, deniedBy: null};
	}

	const ask = (candidate: T) => client.check({user, model: candidate.model.name, provider: candidate.model.provider, estimatedCostUsd: candidate.estimatedCostUsd, atMs: ops.nowMs});
	const verdict = ask(chosen);
	if (verdict.allowed) {
		return {ranked, deniedBy: null};
	}

	const deniedBy = verdict.reason ?? 'the budget client refused the request';
	const cheapest = [...ranked].sort((a, b) => a.estimatedCostUsd - b.estimatedCostUsd)[0];
	if (ops.onLimit === 'cheapest' && cheapest !== undefined && cheapest !== chosen && ask(cheapest).allowed) {
		return {ranked: [cheapest, ...ranked.filter(candidate => candidate !== cheapest)], deniedBy};
	}

	throw budgetExceeded(ops.budget, user, deniedBy);
}

function budgetExceeded(budget: BudgetStatus, user: string | null, deniedBy: string | null): TierwiseError {
	const window = budget.window === null ? undefined : `${budget.window.scope === 'user' ? `user ${user ?? ''}'s` : 'the'} ${budget.window.period}ly budget`.replace('dayly', 'daily');
	const why = deniedBy ?? `${window ?? 'the budget'} of ${formatUsd(budget.limitUsd ?? 0)} is spent (${formatUsd(budget.spentUsd ?? 0)} reported)`;
	return new TierwiseError('budget_exceeded', `No request may be routed: ${why}. Wait for the window to roll over, raise the limit, or open the router with budgets.onLimit: 'cheapest' to route to the cheapest model instead.`, {details: {window: budget.window, limitUsd: budget.limitUsd, spentUsd: budget.spentUsd, user, deniedBy}});
}

/** With probability `rate`, moves a uniformly drawn other candidate to the front. */
function explore(choice: Choice, exploration: Exploration): {ranked: Candidate[]; explored: boolean} {
	const {ranked} = choice;
	if (exploration.rate <= 0 || ranked.length < 2 || exploration.random() >= exploration.rate) {
		return {ranked, explored: false};
	}

	const pick = 1 + Math.floor(exploration.random() * (ranked.length - 1));
	const explored = ranked[pick];
	return explored === undefined ? {ranked, explored: false} : {ranked: [explored, ...ranked.filter(candidate => candidate !== explored)], explored: true};
}

function predictionOf(chosen: Candidate, rule: ChoiceRule, choice: Choice): DecisionPrediction {
	return {
		quality: round(chosen.prediction.quality),
		outcomes: round(chosen.prediction.outcomes),
		neighbours: chosen.prediction.neighbours,
		featureAdjustment: round(chosen.prediction.featureAdjustment),
		rule: rule.kind,
		bar: rule.kind === 'bar' ? round(rule.bar) : null,
		costWeight: rule.kind === 'cost_weight' ? rule.costWeight : null,
		clearedBar: choice.clearedBar,
		floor: rule.kind === 'bar' && rule.barSource === 'tolerance'
			? {
				tolerance: round(rule.floor.tolerance),
				baseTolerance: rule.floor.baseTolerance,
				change: rule.floor.change,
				successRate: rule.floor.successRate === null ? null : round(rule.floor.successRate),
				outcomes: round(rule.floor.outcomes),
			}
			: null,
	};
}

function round(value: number): number {
	return Math.round(value * 10_000) / 10_000;
}

/**
 * The options as applied: everything but `user`, `experiment` and `subject` (kept apart, as the decision's user and
 * experiment) and `capability` (kept as a list).
 */
function appliedConstraints(options: RouteOptions, capabilities: readonly string[]): AppliedConstraints {
	const {user, capability, experiment, subject, ...constraints} = options;
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
