import type {SimilarExample, TierClassifier} from '../classifier/tier-classifier.js';
import type {ModelRegistry} from '../models/model-registry.js';
import type {ExclusionReason} from '../selection/eligibility.js';
import type {Tier} from '../tiers.js';
import {describeExclusion} from './exclusion-text.js';
import {formatProbability, formatUsd, listInProse} from './format.js';
import {describeDecision} from './describe-decision.js';
import {describeOperations} from './operations-text.js';
import type {DecisionPrediction, DecisionRecord} from './routing-decision.js';

/** {@link AdaptiveRouter.explainJson}'s answer: a decision's explanation as data, for audit logs. */
export type DecisionExplanation = {
	readonly hash: string;
	readonly model: string;
	readonly provider: string;
	readonly confidence: number;
	readonly tier: Tier;
	readonly classifiedTier: Tier;
	readonly reasoning: readonly string[];
	readonly evidence: readonly string[];
	readonly nearestExamples: readonly SimilarExample[];
	readonly termLeanings: ReadonlyArray<{readonly term: string; readonly tier: Tier | undefined}>;
	readonly cost: {readonly estimatedCostUsd: number; readonly inputTokens: number; readonly outputTokens: number};
	readonly alternatives: ReadonlyArray<{readonly model: string; readonly provider: string; readonly estimatedCostUsd: number; readonly relativeCost: number; readonly predictedQuality?: number}>;
	/** The chosen model's predicted quality and the rule that chose it, in a sentence; null for decisions stored before predictions. */
	readonly prediction: string | null;
	readonly explored: boolean;
	/** The experiment and arm the decision was routed by, or null. */
	readonly experiment: DecisionRecord['experiment'];
	readonly constraints: readonly string[];
	readonly excluded: ReadonlyArray<{readonly model: string; readonly reason: ExclusionReason; readonly explanation: string}>;
	readonly escalation: {readonly escalated: boolean; readonly reason: string | null};
	/** How budgets, health, load balancing and the SLA shaped the decision; empty when they did not. */
	readonly operations: readonly string[];
	readonly catalogue: 'registered' | 'default';
};

/** What explaining needs besides the decision: the classifier's seeds and the models as now registered. */
export type ExplainContext = {
	readonly classifier: TierClassifier;
	readonly registry: ModelRegistry;
};

/** Builds the explanation of a decision. Reads only; changes nothing. */
export function explainDecision(decision: DecisionRecord, context: ExplainContext): DecisionExplanation {
	const {classifier, registry} = context;
	const prose = describeDecision(decision);
	const chosenCost = decision.estimatedCostUsd;
	return {
		hash: decision.hash,
		model: decision.model,
		provider: decision.provider,
		confidence: decision.confidence,
		tier: decision.tier,
		classifiedTier: decision.classifiedTier,
		reasoning: prose.reasoning,
		evidence: prose.evidence,
		nearestExamples: classifier.nearestExamples(decision.classification.topTerms, 3),
		termLeanings: classifier.termLeanings(decision.classification.topTerms.slice(0, 5)),
		cost: {estimatedCostUsd: chosenCost, inputTokens: decision.estimatedTokens.input, outputTokens: decision.estimatedTokens.output},
		alternatives: decision.alternatives.map(alternative => ({
			...alternative,
			relativeCost: chosenCost > 0 ? alternative.estimatedCostUsd / chosenCost : 1,
		})),
		prediction: describePrediction(decision),
		explored: decision.explored,
		experiment: decision.experiment,
		constraints: describeConstraints(decision),
		excluded: decision.excluded.map(exclusion => ({
			...exclusion,
			explanation: describeExclusion(exclusion, decision, registry.get(exclusion.model)),
		})),
		escalation: {escalated: decision.escalated, reason: decision.escalationReason},
		operations: describeOperations(decision),
		catalogue: decision.catalogue,
	};
}

/** The explanation as plain English, for people. */
export function renderExplanation(explanation: DecisionExplanation): string {
	const lines = [
		`Routed to ${explanation.model} (${explanation.provider}) with confidence ${formatProbability(explanation.confidence)}.`,
		'',
		explanation.tier === explanation.classifiedTier
			? `Tier: ${explanation.tier}.`
			: `Tier: ${explanation.tier} (classified ${explanation.classifiedTier}).`,
		`  Signals: ${explanation.evidence.join('; ')}.`,
	];
	const leanings = explanation.termLeanings.filter(leaning => leaning.tier !== undefined);
	if (leanings.length > 0) {
		lines.push(`  Terms (stemmed) and the tier whose prompts use them most: ${leanings.map(({term, tier}) => `${term} → ${tier ?? '?'}`).join(', ')}.`);
	}

	if (explanation.nearestExamples.length > 0) {
		lines.push('  Closest seed prompts:');
		for (const example of explanation.nearestExamples) {
			lines.push(`    [${example.tier}] ${abbreviate(example.text, 90)}`);
		}
	}

	if (explanation.prediction !== null) {
		lines.push('', `Quality: ${explanation.prediction}.`);
	}

	if (explanation.explored) {
		lines.push('Exploration: this model was drawn at random from the eligible ones (abTestRate), so that learning covers models other than the best-ranked.');
	}

	if (explanation.experiment !== null) {
		lines.push(`Experiment: ${explanation.experiment.name}, arm ${explanation.experiment.arm} (${explanation.experiment.strategy}); the arm's strategy set the options below.`);
	}

	lines.push('', `Cost: an estimated ${formatUsd(explanation.cost.estimatedCostUsd)} for this request (${explanation.cost.inputTokens} input and ${explanation.cost.outputTokens} output tokens).`);
	if (explanation.alternatives.length > 0) {
		lines.push('Alternatives, best first:');
		const width = Math.max(...explanation.alternatives.map(alternative => alternative.model.length));
		for (const alternative of explanation.alternatives) {
			const quality = alternative.predictedQuality === undefined ? '' : `  predicted quality ${alternative.predictedQuality.toFixed(2)}`;
			lines.push(`  ${alternative.model.padEnd(width)}  ${formatUsd(alternative.estimatedCostUsd).padStart(10)}  ${alternative.relativeCost.toFixed(1)}× the chosen model${quality}`);
		}
	}

	lines.push('', explanation.constraints.length === 0 ? 'Constraints: none.' : `Constraints: ${explanation.constraints.join('; ')}.`);
	if (explanation.excluded.length > 0) {
		lines.push('Excluded:');
		for (const exclusion of explanation.excluded) {
			lines.push(`  ${exclusion.model} ${exclusion.explanation}.`);
		}
	}

	lines.push(explanation.escalation.reason === null ? 'Escalation: none.' : `Escalation: ${explanation.escalation.reason}${explanation.escalation.escalated ? '' : ' (not escalated)'}.`);
	if (explanation.operations.length > 0) {
		lines.push('Operations:', ...explanation.operations.map(sentence => `  ${sentence}`));
	}
	if (explanation.catalogue === 'default') {
		lines.push('Models: the default catalogue, since none were registered.');
	}

	lines.push('', 'Reasoning:', ...explanation.reasoning.map(line => `  ${line}`));
	return lines.join('\n');
}

function describeConstraints(decision: DecisionRecord): string[] {
	const {constraints} = decision;
	const excludedFor = (reason: ExclusionReason): string => {
		const models = decision.excluded.filter(exclusion => exclusion.reason === reason).map(exclusion => exclusion.model);
		return models.length === 0 ? '' : ` (excluded ${listInProse(models)})`;
	};

	const described: string[] = [];
	if (constraints.profile !== undefined) {
		described.push(`profile ${constraints.profile}`);
	}

	if (constraints.minTier !== undefined) {
		described.push(`minTier ${constraints.minTier}`);
	}

	if (constraints.maxCostUsd !== undefined) {
		described.push(`maxCostUsd ${formatUsd(constraints.maxCostUsd)}${excludedFor('max_cost')}`);
	}

	if (constraints.maxLatencyMs !== undefined) {
		described.push(`maxLatencyMs ${constraints.maxLatencyMs}${excludedFor('max_latency')}`);
	}

	if (constraints.minQuality !== undefined) {
		described.push(`minQuality ${constraints.minQuality}${excludedFor('min_quality')}`);
	}

	if (constraints.capabilities !== undefined && constraints.capabilities.length > 0) {
		described.push(`capability ${constraints.capabilities.join(', ')}${excludedFor('capability')}`);
	}

	if (constraints.prefer !== undefined) {
		described.push(`prefer ${constraints.prefer}${excludedFor('provider')}`);
	}

	if (constraints.domain !== undefined) {
		described.push(`domain ${constraints.domain}${excludedFor('domain')}`);
	}

	if (constraints.estimateTokens !== undefined) {
		described.push(`estimateTokens ${constraints.estimateTokens[0]} in, ${constraints.estimateTokens[1]} out`);
	}

	const context = constraints.context;
	if (context?.conversationTokens !== undefined) {
		described.push(`${context.conversationTokens} conversation tokens`);
	}

	if (context?.iteration !== undefined && context.iteration > 1) {
		described.push(`attempt ${context.iteration}`);
	}

	if (context?.urgency === 'high') {
		described.push('urgency high (fastest model first)');
	}

	return described;
}

function abbreviate(text: string, length: number): string {
	const flat = text.replaceAll(/\s+/gu, ' ');
	return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

function describePrediction(decision: DecisionRecord): string | null {
	const {prediction} = decision;
	if (prediction === null) {
		return null;
	}

	const basis = prediction.outcomes === 0 && prediction.neighbours === 0
		? 'from its prior, as no outcomes have been reported for it on this tier'
		: `from ${prediction.outcomes.toFixed(1)} decayed outcomes on ${decision.tier} prompts and ${prediction.neighbours} similar past prompts`;
	const rule = prediction.rule === 'cost_weight'
		? `chosen for the best predicted quality minus ${prediction.costWeight ?? 0} × its cost as a share of the dearest candidate's`
		: (prediction.rule === 'fastest' || prediction.rule === 'cheapest'
			? (prediction.rule === 'fastest' ? 'chosen as the fastest, since speed came first' : 'the cheapest candidate, since the budget is in economy or at its limit')
			: (prediction.clearedBar
				? `the cheapest candidate predicted to reach ${(prediction.bar ?? 0).toFixed(2)}${decision.constraints.minQuality === undefined ? ` (the best prediction less the ${decision.tier} tolerance${describeFloor(prediction.floor)})` : ' (minQuality)'}`
				: `no candidate was predicted to reach ${(prediction.bar ?? 0).toFixed(2)}, so the best predicted was chosen`));
	const adjustment = Math.abs(prediction.featureAdjustment) >= 0.005
		? ` (${prediction.featureAdjustment > 0 ? '+' : '−'}${Math.abs(prediction.featureAdjustment).toFixed(2)} for this prompt's length and signals against the tier's average prompt)`
		: '';
	return `predicted ${prediction.quality.toFixed(2)} for ${decision.model}, ${basis}${adjustment}; ${rule}`;
}

/** How a tier's floor set the tolerance, for the prediction sentence. */
function describeFloor(floor: DecisionPrediction['floor']): string {
	if (floor === null) {
		return '';
	}

	const tolerance = `, ${floor.tolerance.toFixed(3)}`;
	if (floor.change === 'none' || floor.successRate === null) {
		return tolerance;
	}

	const why = `${(floor.successRate * 100).toFixed(0)}% of the last ${floor.outcomes.toFixed(1)} (decayed) outcomes of the models chosen for ${floor.outcomes === 1 ? 'this tier' : 'its prompts'} succeeded`;
	return floor.change === 'raised'
		? `${tolerance}: the floor is raised from ${floor.baseTolerance.toFixed(3)}, as only ${why}`
		: `${tolerance}: the floor is relaxed from ${floor.baseTolerance.toFixed(3)}, as ${why}`;
}
