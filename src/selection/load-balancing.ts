import type {Candidate} from './eligibility.js';
import type {OperationsView} from './operations-view.js';

/**
 * Spreads requests among equivalent candidates: those within `costTolerance` of the chosen model's estimate that
 * also clear the quality bar it cleared.
 *
 * @example
 * {strategy: 'weighted', costTolerance: 0.15, weights: {'gpt-4o-mini': 3, 'claude-3-5-haiku': 1}}
 */
export type LoadBalancing = {
	/** `weighted`: drawn by `weights` (1 for a model not listed); `round_robin`: in turn; `lowest_latency`: the fastest by reported latency. */
	strategy: 'weighted' | 'round_robin' | 'lowest_latency';
	/** How much dearer than the chosen model an equivalent may be, as a share of its estimate. @default 0.1 */
	costTolerance?: number;
	weights?: Readonly<Record<string, number>>;
};

export const DEFAULT_COST_TOLERANCE = 0.1;

/**
 * Picks among the pool of candidates equivalent to the chosen one (first in `ranked`). Returns the new order and
 * the pool (null when there was nothing to balance).
 */
export function balanceLoad<T extends Candidate>(ranked: readonly T[], qualityBar: number, view: OperationsView): {ranked: readonly T[]; pool: string[] | null} {
	const balancing = view.loadBalancing;
	const chosen = ranked[0];
	if (balancing === undefined || chosen === undefined) {
		return {ranked, pool: null};
	}

	const ceiling = chosen.estimatedCostUsd * (1 + (balancing.costTolerance ?? DEFAULT_COST_TOLERANCE));
	const pool = ranked.filter(candidate => candidate === chosen || (candidate.estimatedCostUsd <= ceiling + 1e-15 && candidate.prediction.quality >= qualityBar - 1e-9))
		.sort((a, b) => (a.model.name < b.model.name ? -1 : (a.model.name > b.model.name ? 1 : 0)));
	if (pool.length < 2) {
		return {ranked, pool: null};
	}

	const pick = pickFromPool(pool, balancing, view);
	return {ranked: [pick, ...ranked.filter(candidate => candidate !== pick)], pool: pool.map(candidate => candidate.model.name)};
}

function pickFromPool<T extends Candidate>(pool: readonly T[], balancing: LoadBalancing, view: OperationsView): T {
	const first = pool[0] as T;
	switch (balancing.strategy) {
		case 'round_robin': {
			return pool[view.nextTurn(pool.map(candidate => candidate.model.name).join('\u0000')) % pool.length] ?? first;
		}

		case 'lowest_latency': {
			let best = first;
			for (const candidate of pool) {
				if ((view.latencyMs(candidate.model) ?? Number.POSITIVE_INFINITY) < (view.latencyMs(best.model) ?? Number.POSITIVE_INFINITY)) {
					best = candidate;
				}
			}

			return best;
		}

		case 'weighted': {
			const weights = pool.map(candidate => Math.max(0, balancing.weights?.[candidate.model.name] ?? 1));
			const total = weights.reduce((sum, weight) => sum + weight, 0);
			let draw = view.random() * total;
			for (const [index, candidate] of pool.entries()) {
				draw -= weights[index] ?? 0;
				if (draw < 0) {
					return candidate;
				}
			}

			return pool.at(-1) ?? first;
		}
	}
}
