import type {Classification} from '../classifier/classification.js';
import type {Candidate, Eligibility, ExclusionReason} from '../selection/eligibility.js';
import {TIERS, type Tier} from '../tiers.js';
import {EXCLUSION_SUMMARY} from './exclusion-text.js';
import {formatProbability, formatUsd, plural} from './format.js';

export type ReasoningInput = {
	readonly classification: Classification;
	readonly tier: Tier;
	readonly tierChange: string | null;
	readonly ranked: readonly Candidate[];
	readonly eligibility: Eligibility;
	readonly speedFirst: boolean;
	readonly preferredProvider: string | undefined;
	readonly domain: string | undefined;
	readonly defaultCatalogueReadOn: string | null;
};

/** Why the decision came out as it did, in a few plain sentences. */
export function describeReasoning(input: ReasoningInput): string[] {
	const {classification, tier, ranked, eligibility} = input;
	const chosen = ranked[0];
	const reasoning = [classificationSentence(classification)];
	if (input.tierChange !== null) {
		reasoning.push(`Routed as ${tier}: ${input.tierChange}.`);
	}

	if (chosen !== undefined) {
		const rule = input.speedFirst ? 'fastest' : 'cheapest';
		let sentence = `Chose ${chosen.model.name}, the ${rule} of ${plural(ranked.length, 'eligible model')} for ${tier} prompts: an estimated ${formatUsd(chosen.estimatedCostUsd)} for this request`;
		const priciest = mostExpensive(ranked);
		if (priciest !== undefined && priciest !== chosen) {
			sentence += `, against ${formatUsd(priciest.estimatedCostUsd)} on ${priciest.model.name}, the most expensive`;
		}

		reasoning.push(`${sentence}.`);
	}

	if (eligibility.excluded.length > 0) {
		reasoning.push(`Excluded ${plural(eligibility.excluded.length, 'model')}: ${summarizeExclusions(eligibility.excluded.map(exclusion => exclusion.reason))}.`);
	}

	if (eligibility.specialistsOnly) {
		reasoning.push(`Kept to specialists for ${input.domain ?? 'the domain'}.`);
	}

	if (eligibility.preference === 'applied') {
		reasoning.push(`Kept to the preferred provider ${input.preferredProvider ?? ''}.`);
	} else if (eligibility.preference === 'ignored') {
		reasoning.push(`No eligible model from the preferred provider ${input.preferredProvider ?? ''}, so all providers were considered.`);
	}

	if (eligibility.steppedUp) {
		reasoning.push(`None of the remaining models is suited to ${tier} prompts, so one meant for harder prompts was chosen.`);
	}

	if (input.defaultCatalogueReadOn !== null) {
		reasoning.push(`No models are registered, so the default catalogue was used (list prices read ${input.defaultCatalogueReadOn}).`);
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

function mostExpensive(candidates: readonly Candidate[]): Candidate | undefined {
	let priciest: Candidate | undefined;
	for (const candidate of candidates) {
		if (priciest === undefined || candidate.estimatedCostUsd > priciest.estimatedCostUsd) {
			priciest = candidate;
		}
	}

	return priciest;
}

function summarizeExclusions(reasons: readonly ExclusionReason[]): string {
	const counts = new Map<ExclusionReason, number>();
	for (const reason of reasons) {
		counts.set(reason, (counts.get(reason) ?? 0) + 1);
	}

	return [...counts].map(([reason, count]) => `${count} ${EXCLUSION_SUMMARY[reason]}`).join(', ');
}
