import type {RoutingDecision} from '../decision/routing-decision.js';
import {AllModelsFailedError} from '../errors/all-models-failed-error.js';
import {TierwiseError} from '../errors/tierwise-error.js';
import {formatUsd} from '../decision/format.js';
import type {RouteOptions} from '../selection/route-options.js';
import type {CallFunction} from './execute.js';
import type {ExecutionHost} from './execution-host.js';
import {checkResponse} from './response-check.js';
import {textOf, type ResponseUsage} from './response-reading.js';
import {callOnce, reportCall, type SingleCall} from './single-call.js';

export type EnsembleOptions<T> = {
	route?: RouteOptions;
	/** Models asked at most, in the decision's order. @default 3 */
	size?: number;
	/** Most the ensemble may cost, by the members' estimates together: members that would pass it are left out. */
	maxCostUsd?: number;
	/** Scores each answer (0 to 1): the best wins. Default: agreement with the others, then the response check. */
	score?: (result: T, context: {readonly model: string; readonly prompt: string}) => number | Promise<number>;
	/** Merges the answers into one result; default: the winner's. */
	synthesize?: (members: ReadonlyArray<EnsembleMember<T>>) => T | Promise<T>;
	text?: (result: T) => string;
	timeoutMs?: number;
	signal?: AbortSignal;
	usage?: (result: T) => ResponseUsage | undefined;
};

export type EnsembleMember<T> = {
	readonly model: string;
	readonly decision: string;
	readonly result?: T;
	readonly error?: unknown;
	/** 0 to 1; null for a failed call. */
	readonly score: number | null;
	readonly estimatedCostUsd: number;
	readonly costUsd: number | null;
};

export type EnsembleResult<T> = {
	readonly result: T;
	readonly winner: {readonly model: string; readonly decision: RoutingDecision};
	readonly members: ReadonlyArray<EnsembleMember<T>>;
	/** Whether more than half of the answers agree (the same text, or the same final number), and on what. */
	readonly consensus: {readonly agreed: boolean; readonly share: number; readonly answer: string | null};
	/** The members' estimates together: at most `maxCostUsd`. */
	readonly estimatedCostUsd: number;
};

/**
 * Asks several eligible models at once (those with room under their rate limits), within a cost cap on their estimates, detects consensus, and keeps the
 * best answer by the caller's `score` or by agreement. Each member is a decision of its own, and each answer's
 * score is reported as its outcome. Throws `budget_exceeded` when the cap leaves no member, `all_models_failed`
 * when every call failed.
 */
export async function ensemble<T>(host: ExecutionHost, prompt: string, call: CallFunction<T>, options: EnsembleOptions<T> = {}): Promise<EnsembleResult<T>> {
	const routed = host.route(prompt, options.route);
	const size = options.size ?? 3;
	const cap = options.maxCostUsd ?? Number.POSITIVE_INFINITY;
	const chosen: Array<{model: string; estimatedCostUsd: number}> = [];
	let estimated = 0;
	for (const member of [{model: routed.model, estimatedCostUsd: routed.estimatedCostUsd}, ...routed.alternatives]) {
		if (chosen.length < size && estimated + member.estimatedCostUsd <= cap + 1e-12) {
			chosen.push(member);
			estimated += member.estimatedCostUsd;
		}
	}

	if (chosen.length === 0) {
		throw new TierwiseError('budget_exceeded', `The ensemble's cap of ${formatUsd(cap)} is below every eligible model's estimate (the cheapest: ${formatUsd(Math.min(routed.estimatedCostUsd, ...routed.alternatives.map(alternative => alternative.estimatedCostUsd)))}). Raise maxCostUsd or route a single model.`, {details: {maxCostUsd: cap}});
	}

	const tokens = routed.estimatedTokens.input + routed.estimatedTokens.output;
	const decisions = chosen
		.filter(({model}) => model === routed.model || host.hasCapacity(model, tokens))
		.map(({model}) => (model === routed.model ? routed : host.derive(routed, model, 'ensemble')))
		.filter((decision): decision is RoutingDecision => decision !== undefined);
	const calls = await Promise.all(decisions.map(async decision => callOnce(host, decision, prompt, call, options)));
	const answered = calls.filter((outcome): outcome is Extract<SingleCall<T>, {ok: true}> => outcome.ok);
	if (answered.length === 0) {
		throw new AllModelsFailedError(calls.map(outcome => ({model: outcome.decision.model, decision: outcome.decision.hash, attempt: 1, outcome: outcome.ok ? 'success' : outcome.failure.kind, status: outcome.ok ? null : outcome.failure.status, message: outcome.ok ? null : outcome.failure.message, latencyMs: outcome.latencyMs, waitedMs: 0, ...(outcome.ok ? {} : {error: outcome.error})})), routed.hash);
	}

	const texts = answered.map(outcome => (options.text ?? textOf)(outcome.result));
	const keys = texts.map(text => agreementKey(text));
	const consensus = consensusOf(keys, texts);
	const scores = await Promise.all(answered.map(async (outcome, index) => {
		if (options.score !== undefined) {
			return options.score(outcome.result, {model: outcome.decision.model, prompt});
		}

		const agreeing = keys.filter(key => key === keys[index]).length - 1;
		const agreement = answered.length === 1 ? 1 : agreeing / (answered.length - 1);
		return (0.5 * agreement) + (0.5 * checkResponse(prompt, texts[index] ?? '').confidence);
	}));
	const members: Array<EnsembleMember<T>> = [];
	for (const outcome of calls) {
		const estimatedCostUsd = outcome.decision.estimatedCostUsd;
		if (outcome.ok) {
			const score = scores[answered.indexOf(outcome)] ?? 0;
			members.push({model: outcome.decision.model, decision: outcome.decision.hash, result: outcome.result, score, estimatedCostUsd, costUsd: await reportCall(host, outcome, score)});
		} else {
			members.push({model: outcome.decision.model, decision: outcome.decision.hash, error: outcome.error, score: null, estimatedCostUsd, costUsd: null});
		}
	}

	// The best score; among equals, the cheapest.
	let winner = answered[0] as Extract<SingleCall<T>, {ok: true}>;
	let winnerScore = Number.NEGATIVE_INFINITY;
	for (const [index, outcome] of answered.entries()) {
		const score = scores[index] ?? 0;
		if (score > winnerScore + 1e-12 || (Math.abs(score - winnerScore) <= 1e-12 && outcome.decision.estimatedCostUsd < winner.decision.estimatedCostUsd)) {
			winner = outcome;
			winnerScore = score;
		}
	}

	const result = options.synthesize === undefined ? winner.result : await options.synthesize(members);
	return {result, winner: {model: winner.decision.model, decision: winner.decision}, members, consensus, estimatedCostUsd: estimated};
}

/** What two answers agree on: their final number when they end in one, else their words, lowercased. */
export function agreementKey(text: string): string {
	const numbers = text.replaceAll(/(\d),(\d{3})/gu, '$1$2').match(/-?\d+(?:\.\d+)?/gu);
	const last = numbers?.at(-1);
	if (last !== undefined) {
		return `#${Number(last)}`;
	}

	return text.toLowerCase().replaceAll(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function consensusOf(keys: readonly string[], texts: readonly string[]): EnsembleResult<unknown>['consensus'] {
	const counts = new Map<string, number>();
	for (const key of keys) {
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}

	let top: [string, number] | undefined;
	for (const entry of counts) {
		if (top === undefined || entry[1] > top[1]) {
			top = entry;
		}
	}

	const share = top === undefined ? 0 : top[1] / keys.length;
	const agreed = top !== undefined && top[1] >= 2 && share > 0.5;
	return {agreed, share, answer: agreed && top !== undefined ? (texts[keys.indexOf(top[0])] ?? null) : null};
}
