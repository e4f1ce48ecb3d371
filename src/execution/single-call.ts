import type {RoutingDecision} from '../decision/routing-decision.js';
import type {CallFailure, FailureKind} from './call-failure.js';
import {attemptCall, failureOf, healthEventOf, type CallFunction} from './execute.js';
import type {ExecutionHost} from './execution-host.js';
import {usageOf, type ResponseUsage} from './response-reading.js';

/** What one call of one decision's model gave. */
export type SingleCall<T> =
	| {readonly ok: true; readonly decision: RoutingDecision; readonly result: T; readonly latencyMs: number; readonly usage: ResponseUsage | undefined}
	| {readonly ok: false; readonly decision: RoutingDecision; readonly failure: CallFailure; readonly error: unknown; readonly latencyMs: number};

export type SingleCallOptions<T> = {
	readonly timeoutMs?: number | undefined;
	readonly signal?: AbortSignal | undefined;
	readonly usage?: ((result: T) => ResponseUsage | undefined) | undefined;
	readonly classifyError?: ((error: unknown) => FailureKind | undefined) | undefined;
};

/** Calls a decision's model once, with no retry, and records a failure as a provider event. A caller's abort is thrown. */
export async function callOnce<T>(host: ExecutionHost, decision: RoutingDecision, prompt: string, call: CallFunction<T>, options: SingleCallOptions<T>): Promise<SingleCall<T>> {
	const startMs = host.clock();
	try {
		const result = await attemptCall(call, {model: decision.model, provider: decision.provider, prompt, decision, attempt: 1}, options.timeoutMs ?? 60_000, options.signal);
		return {ok: true, decision, result, latencyMs: Math.max(0, host.clock() - startMs), usage: (options.usage ?? usageOf)(result)};
	} catch (error) {
		const latencyMs = Math.max(0, host.clock() - startMs);
		const failure = failureOf(error, options, host.clock());
		if (failure.kind === 'aborted') {
			throw error;
		}

		const event = healthEventOf(failure);
		if (event !== undefined) {
			await host.recordProviderEvent(decision.model, event, {latencyMs, details: failure.message.slice(0, 2000), ...(failure.retryAfterMs === null ? {} : {retryAfterMs: failure.retryAfterMs})});
		}

		return {ok: false, decision, failure, error, latencyMs};
	}
}

/** Reports a successful call's outcome with its score, latency and usage. */
export async function reportCall(host: ExecutionHost, call: Extract<SingleCall<unknown>, {ok: true}>, score: number): Promise<number | null> {
	const tokens = call.usage === undefined ? {} : {inputTokens: call.usage.inputTokens, outputTokens: call.usage.outputTokens};
	await host.reportOutcome(call.decision.hash, score, {success: true, latencyMs: call.latencyMs, ...tokens});
	return call.usage === undefined ? null : host.priceUsd(call.decision.model, call.usage);
}
