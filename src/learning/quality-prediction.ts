import type {RegisteredModel} from '../models/registered-model.js';
import type {DecayedStats} from './decayed-stats.js';
import type {NeighbourEvidence} from './prompt-memory.js';

/** A model's expected quality on one prompt, and what it rests on. */
export type QualityPrediction = {
	readonly quality: number;
	/** Decayed outcomes of this model on the prompt's tier. */
	readonly outcomes: number;
	/** Similar past prompts this model answered that the prediction used. */
	readonly neighbours: number;
	/** What the prompt's quality features added to (or took from) the estimate, against its tier's average prompt. */
	readonly featureAdjustment: number;
};

/*
How many outcomes' worth each level of the estimate counts for against the evidence below it: the prior against
the model's outcomes on this tier, and the tier estimate against the similar prompts (whose weight is their
summed cosine similarity). Small numbers: a few outcomes should move the estimate, and the neighbours of a
prompt say more about it than any average. There is no level for a model's mean over all tiers: failures on one
kind of prompt must not drag down a model on every other kind.
*/
const priorStrength = 4;
const tierMeanStrength = 2;

/**
 * Predicts a model's quality on a prompt: its prior, shrunk towards its mean on the prompt's tier, then towards
 * the scores it got on the most similar past prompts. Each step weighs the estimate so far against how much
 * evidence the next level has, so a model without evidence keeps its prior. `featureAdjustment` (from
 * `FeatureSlopes`) is added last: the prompt's own signals against its tier's average prompt, which neither the
 * tier mean nor the neighbours' scores see.
 */
export function predictQuality(prior: number, tierStats: DecayedStats | undefined, neighbours: NeighbourEvidence | undefined, featureAdjustment: number): QualityPrediction {
	const tierMean = tierStats === undefined ? prior : shrink(prior, priorStrength, tierStats.weight, tierStats.mean(prior));
	const neighbourMean = neighbours === undefined || neighbours.weight <= 0 ? 0 : neighbours.weightedScore / neighbours.weight;
	return {
		quality: Math.min(1, Math.max(0, shrink(tierMean, tierMeanStrength, neighbours?.weight ?? 0, neighbourMean) + featureAdjustment)),
		outcomes: tierStats?.weight ?? 0,
		neighbours: neighbours?.neighbours ?? 0,
		featureAdjustment,
	};
}

function shrink(base: number, baseWeight: number, evidenceWeight: number, evidenceMean: number): number {
	return ((baseWeight * base) + (evidenceWeight * evidenceMean)) / (baseWeight + evidenceWeight);
}

/**
 * Quality to expect from a model no outcome has been reported for, on a prompt of tier `tier` (0 to 4): its
 * `qualityPrior` if it has one; otherwise high for a model suited to the tier and lower for each tier the prompt
 * is above the model's range, with a little more for headroom above the tier and for price, a sign of strength
 * among models that say nothing else. Harder tiers start lower, as answers to harder prompts score lower. The
 * bonuses stay inside every tier's quality tolerance (QUALITY_TOLERANCE), so that without outcomes the cheapest suited model
 * wins, and outcomes, not guesses, decide when a dearer one is worth it.
 */
export function priorQuality(model: RegisteredModel, tier: number, priceRank: number): number {
	if (!model.qualityPriorIsDerived) {
		return model.qualityPrior;
	}

	const headroom = model.maxTier - tier;
	const base = 0.86 - (0.05 * tier);
	const prior = headroom >= 0
		? base + (0.01 * headroom) + (0.015 * priceRank)
		: base + (0.15 * headroom) + (0.015 * priceRank);
	return Math.min(1, Math.max(0, prior));
}
