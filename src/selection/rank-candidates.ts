import type {Candidate} from './eligibility.js';

/**
 * Orders candidates best first: cheapest by the estimate, or fastest by `avgLatencyMs` when speed comes first
 * (models without a latency go last). Ties go to the higher expected quality, then to the name, so the order is
 * the same on every run.
 */
export function rankCandidates(candidates: readonly Candidate[], speedFirst: boolean): Candidate[] {
	return [...candidates].sort((a, b) => {
		if (speedFirst) {
			const byLatency = (a.model.config.avgLatencyMs ?? Number.POSITIVE_INFINITY) - (b.model.config.avgLatencyMs ?? Number.POSITIVE_INFINITY);
			if (byLatency !== 0 && !Number.isNaN(byLatency)) {
				return byLatency;
			}
		}

		return a.estimatedCostUsd - b.estimatedCostUsd
			|| b.model.qualityPrior - a.model.qualityPrior
			|| (a.model.name < b.model.name ? -1 : (a.model.name > b.model.name ? 1 : 0));
	});
}
