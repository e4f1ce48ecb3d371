import type {Alternative, DecisionRecord} from './routing-decision.js';

/**
 * A decision for another of `original`'s eligible models, made in its place: the model's provider and estimate
 * from the original's alternatives, the original model among the alternatives now, and `derivedFrom` naming
 * the original. The classification, constraints and SLA verdict are the original's. Returns undefined when
 * `model` was not eligible for the original.
 */
export function deriveDecision(original: DecisionRecord, model: string, reason: 'failover' | 'cascade' | 'ensemble', hash: string, routedAt: string): DecisionRecord | undefined {
	const chosen = original.alternatives.find(alternative => alternative.model === model);
	if (chosen === undefined) {
		return undefined;
	}

	const before: Alternative = {
		model: original.model,
		provider: original.provider,
		estimatedCostUsd: original.estimatedCostUsd,
		...(original.prediction === null ? {} : {predictedQuality: original.prediction.quality}),
	};
	// The model it replaces goes last: it is the one that failed or fell short.
	const alternatives = [...original.alternatives.filter(alternative => alternative.model !== model), before];
	return {
		...original,
		hash,
		routedAt,
		model,
		provider: chosen.provider,
		estimatedCostUsd: chosen.estimatedCostUsd,
		fallbackModels: alternatives.map(alternative => alternative.model),
		alternatives,
		explored: false,
		prediction: original.prediction === null ? null : {...original.prediction, quality: chosen.predictedQuality ?? original.prediction.quality, neighbours: 0, outcomes: 0, featureAdjustment: 0},
		derivedFrom: {hash: original.hash, reason},
	};
}
