import type {QualityPrediction} from '../learning/quality-prediction.js';
import type {TierFloor} from '../learning/tier-floors.js';
import type {Tier} from '../tiers.js';
import type {Candidate} from './eligibility.js';
import {rankCandidates} from './rank-candidates.js';

/** An eligible model with its predicted quality on this prompt. */
export type PredictedCandidate = Candidate & {readonly prediction: QualityPrediction};

/**
 * How far below the best predicted quality the default bar sits, by tier: on an easy prompt most models do about
 * as well as the best and the saving wins; on a hard one, little quality is given up for price.
 * @default trivial 0.10, simple 0.08, moderate 0.05, complex 0.03, expert 0.02
 */
export const QUALITY_TOLERANCE: Readonly<Record<Tier, number>> = {
	trivial: 0.1,
	simple: 0.08,
	moderate: 0.05,
	complex: 0.03,
	expert: 0.02,
};

/** How to weigh quality against cost. */
export type ChoiceRule =
	| {readonly kind: 'bar'; readonly bar: number; readonly barSource: 'minQuality'}
	| {readonly kind: 'bar'; readonly bar: number; readonly barSource: 'tolerance'; readonly floor: TierFloor}
	| {readonly kind: 'cost_weight'; readonly costWeight: number}
	| {readonly kind: 'fastest'}
	/** Budgets in economy or at their limit: the cheapest eligible model. */
	| {readonly kind: 'cheapest'};

/** Candidates in the order to try them, the chosen first, and whether the chosen cleared the bar. */
export type Choice = {
	readonly ranked: PredictedCandidate[];
	/** False when a bar was set and no candidate's predicted quality reached it: the best predicted was chosen. */
	readonly clearedBar: boolean;
};

/**
 * The rule for a request: the cheapest when budgets say so, `costWeight` when given, else `fastest` for urgent requests, else the quality bar:
 * `minQuality`, or the best prediction less the tier's tolerance as its floor has learned it.
 */
export function choiceRule(candidates: readonly PredictedCandidate[], floor: TierFloor, options: {readonly costWeight?: number | undefined; readonly minQuality?: number | undefined; readonly speedFirst: boolean; readonly economy?: boolean}): ChoiceRule {
	if (options.economy === true) {
		return {kind: 'cheapest'};
	}

	if (options.costWeight !== undefined) {
		return {kind: 'cost_weight', costWeight: options.costWeight};
	}

	if (options.speedFirst) {
		return {kind: 'fastest'};
	}

	if (options.minQuality !== undefined) {
		return {kind: 'bar', bar: options.minQuality, barSource: 'minQuality'};
	}

	const best = Math.max(...candidates.map(candidate => candidate.prediction.quality));
	return {kind: 'bar', bar: best - floor.tolerance, barSource: 'tolerance', floor};
}

/**
 * Orders candidates: with a bar, the cheapest whose predicted quality clears it (or, if none does, the best
 * predicted) first; with a cost weight, the highest predicted quality minus the weight times the cost as a share
 * of the dearest candidate's, so that one knob sweeps from the best model (0) to the cheapest (large);
 * `fastest` by latency. The others follow cheapest first, as fallbacks.
 */
export function chooseCandidate(candidates: readonly PredictedCandidate[], rule: ChoiceRule): Choice {
	const byCost = rankCandidates(candidates, rule.kind === 'fastest') as PredictedCandidate[];
	if (rule.kind === 'fastest' || rule.kind === 'cheapest' || byCost.length === 0) {
		return {ranked: byCost, clearedBar: true};
	}

	let chosen: PredictedCandidate | undefined;
	let clearedBar = true;
	if (rule.kind === 'bar') {
		chosen = byCost.find(candidate => candidate.prediction.quality >= rule.bar - 1e-9);
		if (chosen === undefined) {
			clearedBar = false;
			chosen = bestBy(byCost, candidate => candidate.prediction.quality);
		}
	} else {
		const dearest = Math.max(...byCost.map(candidate => candidate.estimatedCostUsd)) || 1;
		chosen = bestBy(byCost, candidate => candidate.prediction.quality - (rule.costWeight * candidate.estimatedCostUsd / dearest));
	}

	return {ranked: chosen === undefined ? byCost : [chosen, ...byCost.filter(candidate => candidate !== chosen)], clearedBar};
}

/** The first candidate (in cost order, so the cheapest of ties) with the highest value. */
function bestBy(candidates: readonly PredictedCandidate[], value: (candidate: PredictedCandidate) => number): PredictedCandidate | undefined {
	let best: PredictedCandidate | undefined;
	let bestValue = Number.NEGATIVE_INFINITY;
	for (const candidate of candidates) {
		const current = value(candidate);
		if (current > bestValue + 1e-12) {
			best = candidate;
			bestValue = current;
		}
	}

	return best;
}
