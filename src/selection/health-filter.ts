import {TierwiseError} from '../errors/tierwise-error.js';
import type {HealthStatus} from '../ops/provider-health.js';
import type {Candidate, Exclusion} from './eligibility.js';
import type {OperationsView} from './operations-view.js';

/** Best first: the order fallbacks are tried in, by health. */
export const HEALTH_ORDER: Readonly<Record<HealthStatus, number>> = {healthy: 0, degraded: 1, half_open: 2, down: 3};

/**
 * Sets aside models that should not take the request while another can: down ones always (their circuit is
 * open), degraded and half-open ones with `preferHealthy` — except a half-open model whose probe is due, which
 * counts as healthy so that a recovered provider comes back. When every candidate is unwell, the healthiest stay.
 */
export function filterByHealth(candidates: readonly Candidate[], excluded: Exclusion[], view: OperationsView): readonly Candidate[] {
	const ranks: number[] = [];
	let best = HEALTH_ORDER.down;
	let worst = HEALTH_ORDER.healthy;
	for (const candidate of candidates) {
		const status = view.health(candidate.model.name);
		const rank = HEALTH_ORDER[status === 'half_open' && view.mayProbe(candidate.model.name) ? 'healthy' : status];
		ranks.push(rank);
		best = Math.min(best, rank);
		worst = Math.max(worst, rank);
	}

	const threshold = Math.max(view.preferHealthy ? HEALTH_ORDER.healthy : HEALTH_ORDER.half_open, best);
	if (worst <= threshold) {
		return candidates;
	}

	const kept: Candidate[] = [];
	for (const [index, candidate] of candidates.entries()) {
		if ((ranks[index] ?? 0) <= threshold) {
			kept.push(candidate);
		} else {
			excluded.push({model: candidate.model.name, reason: 'unhealthy'});
		}
	}

	return kept;
}

/**
 * Sets aside the models at their rate limit. Throws `rate_limited`, with how long until one can take the request,
 * when every candidate is.
 */
export function filterByRateLimit(candidates: readonly Candidate[], excluded: Exclusion[], view: OperationsView, inputTokens: number): readonly Candidate[] {
	const tokens = (candidate: Candidate) => inputTokens + candidate.outputTokens;
	if (candidates.every(candidate => view.hasCapacity(candidate.model.name, tokens(candidate)))) {
		return candidates;
	}

	const kept = candidates.filter(candidate => view.hasCapacity(candidate.model.name, tokens(candidate)));
	if (kept.length === 0) {
		const retryAfterMs = Math.min(...candidates.map(candidate => view.capacityWaitMs(candidate.model.name, tokens(candidate))));
		throw new TierwiseError('rate_limited', `Every eligible model is at its rate limit (${candidates.map(candidate => candidate.model.name).join(', ')}); one can take the request in ${retryAfterMs} ms. Wait that long (execute() does), or raise rateLimits.`, {details: {retryAfterMs, models: candidates.map(candidate => candidate.model.name)}});
	}

	for (const candidate of candidates) {
		if (!kept.includes(candidate)) {
			excluded.push({model: candidate.model.name, reason: 'rate_limit'});
		}
	}

	return kept;
}

/**
 * With `autoScale`, a degraded chosen model keeps the request with probability equal to its recent success
 * rate; otherwise the next candidate that is not worse off takes it. Returns the new order, or the same one.
 */
export function scaleAwayFromDegraded<T extends Candidate>(ranked: readonly T[], view: OperationsView): {ranked: readonly T[]; scaledFrom: string | null} {
	const chosen = ranked[0];
	if (!view.autoScale || chosen === undefined || view.health(chosen.model.name) !== 'degraded' || view.random() < view.successRate(chosen.model.name)) {
		return {ranked, scaledFrom: null};
	}

	const next = ranked.slice(1).find(candidate => view.health(candidate.model.name) === 'healthy');
	return next === undefined ? {ranked, scaledFrom: null} : {ranked: [next, ...ranked.filter(candidate => candidate !== next)], scaledFrom: chosen.model.name};
}

/** The fallbacks after the chosen model: the fallback chain's models first, in its order, then the rest by health, keeping their order. */
export function orderFallbacks<T extends Candidate>(ranked: readonly T[], view: OperationsView): readonly T[] {
	const [chosen, ...rest] = ranked;
	if (chosen === undefined) {
		return [];
	}

	if (view.fallbackChain.length === 0 && rest.every(candidate => view.health(candidate.model.name) === 'healthy')) {
		return ranked;
	}

	const chainPlace = new Map(view.fallbackChain.map((model, index) => [model, index]));
	const ordered = rest
		.map((candidate, index) => ({candidate, index}))
		.sort((a, b) => {
			const chainA = chainPlace.get(a.candidate.model.name) ?? Number.POSITIVE_INFINITY;
			const chainB = chainPlace.get(b.candidate.model.name) ?? Number.POSITIVE_INFINITY;
			if (chainA !== chainB) {
				return chainA < chainB ? -1 : 1;
			}

			return (HEALTH_ORDER[view.health(a.candidate.model.name)] - HEALTH_ORDER[view.health(b.candidate.model.name)]) || (a.index - b.index);
		});
	return [chosen, ...ordered.map(({candidate}) => candidate)];
}
