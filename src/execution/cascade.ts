import type {RoutingDecision} from '../decision/routing-decision.js';
import {AllModelsFailedError} from '../errors/all-models-failed-error.js';
import type {FailureKind} from './call-failure.js';
import type {RouteOptions} from '../selection/route-options.js';
import type {CallFunction} from './execute.js';
import type {ExecutionHost} from './execution-host.js';
import {checkResponse} from './response-check.js';
import {textOf, type ResponseUsage} from './response-reading.js';
import {callOnce, reportCall} from './single-call.js';

export type CascadeOptions<T> = {
	route?: RouteOptions;
	/** An answer whose confidence (0 to 1) reaches this stops the cascade. @default 0.7 */
	confidenceThreshold?: number;
	/** Models tried at most, cheapest first. @default 3 */
	maxSteps?: number;
	/** Judges an answer (0 to 1) instead of the default check (hedging, refusals, very short answers). */
	score?: (result: T, context: {readonly model: string; readonly prompt: string}) => number | Promise<number>;
	/** The answer's text for the default check. @default OpenAI's and Anthropic's response shapes, or a string */
	text?: (result: T) => string;
	timeoutMs?: number;
	signal?: AbortSignal;
	usage?: (result: T) => ResponseUsage | undefined;
};

/** One model the cascade asked. */
export type CascadeStep = {
	readonly model: string;
	readonly decision: string;
	/** The answer's confidence; null when the call failed. */
	readonly confidence: number | null;
	readonly signals: readonly string[];
	readonly costUsd: number | null;
	/** What went wrong, when the call failed. */
	readonly failure?: FailureKind;
	readonly error?: unknown;
};

export type CascadeResult<T> = {
	/** The accepted answer, or the most confident one when none reached the threshold. */
	readonly result: T;
	readonly decision: RoutingDecision;
	readonly accepted: boolean;
	readonly steps: readonly CascadeStep[];
};

/**
 * Asks the cheapest eligible model first and a dearer one only when the answer looks weak: below
 * `confidenceThreshold` by the caller's `score` or the default check, or a failed call. Each answer's
 * confidence is reported as its outcome, so routing learns where the cheap model suffices. Throws
 * `all_models_failed` (through execute's error) when every call failed.
 */
export async function cascade<T>(host: ExecutionHost, prompt: string, call: CallFunction<T>, options: CascadeOptions<T> = {}): Promise<CascadeResult<T>> {
	const threshold = options.confidenceThreshold ?? 0.7;
	const routed = host.route(prompt, options.route);
	const ladder = [{model: routed.model, estimatedCostUsd: routed.estimatedCostUsd}, ...routed.alternatives]
		.sort((a, b) => a.estimatedCostUsd - b.estimatedCostUsd)
		.slice(0, options.maxSteps ?? 3);
	const steps: CascadeStep[] = [];
	let best: {result: T; decision: RoutingDecision; confidence: number} | undefined;
	const tokens = routed.estimatedTokens.input + routed.estimatedTokens.output;
	for (const {model} of ladder) {
		// route() took the routed model's room; another needs its own.
		if (model !== routed.model && !host.hasCapacity(model, tokens)) {
			continue;
		}

		const decision = model === routed.model ? routed : host.derive(routed, model, 'cascade');
		if (decision === undefined) {
			continue;
		}

		const outcome = await callOnce(host, decision, prompt, call, options);
		if (!outcome.ok) {
			steps.push({model, decision: decision.hash, confidence: null, signals: [outcome.failure.message], costUsd: null, failure: outcome.failure.kind, error: outcome.error});
			continue;
		}

		const check = options.score === undefined
			? checkResponse(prompt, (options.text ?? textOf)(outcome.result))
			: {confidence: await options.score(outcome.result, {model, prompt}), signals: ['score']};
		const costUsd = await reportCall(host, outcome, check.confidence);
		steps.push({model, decision: decision.hash, confidence: check.confidence, signals: check.signals, costUsd});
		if (best === undefined || check.confidence > best.confidence) {
			best = {result: outcome.result, decision, confidence: check.confidence};
		}

		if (check.confidence >= threshold) {
			return {result: outcome.result, decision, accepted: true, steps};
		}
	}

	if (best === undefined) {
		throw new AllModelsFailedError(steps.map(step => ({model: step.model, decision: step.decision, attempt: 1, outcome: step.failure ?? 'permanent', status: null, message: step.error instanceof Error ? step.error.message : null, latencyMs: 0, waitedMs: 0, error: step.error})), routed.hash);
	}

	return {result: best.result, decision: best.decision, accepted: false, steps};
}
