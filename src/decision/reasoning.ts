import type {Classification} from '../classifier/classification.js';
import {DEFAULT_CATALOGUE} from '../models/default-catalogue.js';
import type {ExclusionReason} from '../selection/eligibility.js';
import {routedTier} from '../selection/routed-tier.js';
import {TIERS, type Tier} from '../tiers.js';
import {EXCLUSION_SUMMARY} from './exclusion-text.js';
import {formatProbability, formatUsd, plural} from './format.js';
import {describeOperations} from './operations-text.js';
import type {DecisionRecord} from './routing-decision.js';

/** Why the decision came out as it did, in a few plain sentences, written from its record. */
export function describeReasoning(decision: DecisionRecord): string[] {
	const {classification, tier, constraints, selection} = decision;
	const reasoning = [classificationSentence(classification)];
	if (decision.experiment !== null) {
		reasoning.push(`Took part in experiment ${decision.experiment.name} as arm ${decision.experiment.arm}, whose strategy (${decision.experiment.strategy}) set the options below.`);
	}

	const change = routedTier(decision.classifiedTier, constraints.minTier, constraints.context?.iteration).change;
	if (change !== null) {
		reasoning.push(`Routed as ${tier}: ${change}.`);
	}

	const rule = constraints.context?.urgency === 'high' ? 'fastest' : 'cheapest';
	// The SLA, load balancing, autoScale or a failover may have put another model first: said below.
	const operations = decision.operations;
	const moved = decision.sla.adjustments.length > 0 || decision.derivedFrom !== null || (operations !== null && (operations.loadBalanced !== null || operations.scaledFrom !== null));
	const which = moved ? 'one' : `the ${rule}`;
	let choice = `Chose ${decision.model}, ${which} of ${plural(decision.alternatives.length + 1, 'eligible model')} for ${tier} prompts: an estimated ${formatUsd(decision.estimatedCostUsd)} for this request`;
	const priciest = decision.alternatives.reduce<{model: string; estimatedCostUsd: number} | undefined>(
		(most, alternative) => (alternative.estimatedCostUsd > (most?.estimatedCostUsd ?? decision.estimatedCostUsd) ? alternative : most),
		undefined,
	);
	if (priciest !== undefined) {
		choice += `, against ${formatUsd(priciest.estimatedCostUsd)} on ${priciest.model}, the most expensive`;
	}

	reasoning.push(`${choice}.`, ...describeOperations(decision));
	if (decision.excluded.length > 0) {
		reasoning.push(`Excluded ${plural(decision.excluded.length, 'model')}: ${summarizeExclusions(decision.excluded.map(exclusion => exclusion.reason))}.`);
	}

	if (selection.specialistsOnly) {
		reasoning.push(`Kept to specialists for ${constraints.domain ?? 'the domain'}.`);
	}

	if (selection.preference === 'applied') {
		reasoning.push(`Kept to the preferred provider ${constraints.prefer ?? ''}.`);
	} else if (selection.preference === 'ignored') {
		reasoning.push(`No eligible model from the preferred provider ${constraints.prefer ?? ''}, so all providers were considered.`);
	}

	if (selection.steppedUp) {
		reasoning.push(`None of the remaining models is suited to ${tier} prompts, so one meant for harder prompts was chosen.`);
	}

	if (decision.catalogue === 'default') {
		reasoning.push(`No models are registered, so the default catalogue was used (list prices read ${DEFAULT_CATALOGUE.pricesReadOn}).`);
	}

	return reasoning;
}

function classificationSentence(classification: Classification): string {
	let runnerUp: Tier | undefined;
	for (const tier of TIERS) {
		if (tier !== classification.tier && (runnerUp === undefined || classification.scores[tier] > classification.scores[runnerUp])) {
			runnerUp = tier;
		}
	}

	const alternative = runnerUp === undefined ? '' : `; next most likely ${runnerUp} at ${formatProbability(classification.scores[runnerUp])}`;
	return `Classified as ${classification.tier} with confidence ${formatProbability(classification.confidence)}${alternative}.`;
}

function summarizeExclusions(reasons: readonly ExclusionReason[]): string {
	const counts = new Map<ExclusionReason, number>();
	for (const reason of reasons) {
		counts.set(reason, (counts.get(reason) ?? 0) + 1);
	}

	return [...counts].map(([reason, count]) => `${count} ${EXCLUSION_SUMMARY[reason]}`).join(', ');
}
