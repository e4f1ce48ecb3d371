import {AllModelsFailedError} from '../errors/all-models-failed-error.js';
import {isTierwiseError} from '../errors/tierwise-error.js';
import type {RoutingDecision} from '../decision/routing-decision.js';
import type {ProviderEventKind} from '../ops/ops-event.js';
import type {RouteOptions} from '../selection/route-options.js';
import {classifyFailure, type CallFailure, type FailureKind} from './call-failure.js';
import type {ExecutionAttempt} from './execution-attempt.js';
import type {ExecutionHost} from './execution-host.js';
import {usageOf, type ResponseUsage} from './response-reading.js';

/** What a call function is given: the model to call, the prompt, and a signal that aborts the attempt. */
export type CallRequest = {
	readonly model: string;
	readonly provider: string;
	readonly prompt: string;
	readonly signal: AbortSignal;
	/** The decision the call is made under. */
	readonly decision: RoutingDecision;
	/** 1 for the first try of this model. */
	readonly attempt: number;
};

export type CallFunction<T> = (request: CallRequest) => Promise<T>;

/** Options of {@link AdaptiveRouter.execute}. */
export type ExecuteOptions<T> = {
	/** Route options for the decision. */
	route?: RouteOptions;
	/** Each attempt is aborted after this long. @default 60_000 */
	timeoutMs?: number;
	/** Retries of one model after a transient failure or a timeout. @default 2 */
	maxRetries?: number;
	/** Tries in all, over every model. @default 6 */
	maxAttempts?: number;
	/** The first retry's wait; each retry doubles it, with jitter, up to `retryMaxMs`. @default 500 */
	retryBaseMs?: number;
	/** The longest wait before a retry; a provider asking for longer is left for the next model. @default 20_000 */
	retryMaxMs?: number;
	/** Most the attempts may cost together, by their estimates: a model whose estimate would pass it is passed over. */
	maxTotalCostUsd?: number;
	/** Longest wait for a model's rate limit to have room when every eligible model is at it. @default 60_000 */
	maxRateLimitWaitMs?: number;
	/** Scores the answer (0 to 1); given, the outcome is reported with it, so the router learns from every call. */
	score?: (result: T, context: {readonly model: string; readonly decision: RoutingDecision}) => number | Promise<number>;
	/** Reads the tokens a response used. @default OpenAI's and Anthropic's `usage` shapes */
	usage?: (result: T) => ResponseUsage | undefined;
	/** Sorts an error before the default does; undefined leaves it to the default. */
	classifyError?: (error: unknown) => FailureKind | undefined;
	/** Aborts the whole execution. */
	signal?: AbortSignal;
};

/** What execute() returns: the answer, the decision it was made under, and every attempt. */
export type ExecuteResult<T> = {
	readonly result: T;
	readonly decision: RoutingDecision;
	readonly attempts: readonly ExecutionAttempt[];
	readonly usage: ResponseUsage | undefined;
	/** The cost the ledger recorded for the answer: priced from its usage; null without usage. */
	readonly costUsd: number | null;
	readonly score: number | null;
};

const healthEvents: Readonly<Record<FailureKind, ProviderEventKind | undefined>> = {
	rate_limited: 'rate_limited',
	transient: 'error',
	timeout: 'timeout',
	permanent: 'error',
	context_window: undefined,
	aborted: undefined,
};

/**
 * The provider event a failure is recorded as. None for the caller's own mistakes: an overflowing prompt, an
 * abort, a request the provider called bad (4xx other than 401 and 403, which mean the provider cannot be used).
 */
export function healthEventOf(failure: CallFailure): ProviderEventKind | undefined {
	const {status} = failure;
	if (failure.kind === 'permanent' && status !== null && status >= 400 && status < 500 && status !== 401 && status !== 403) {
		return undefined;
	}

	return healthEvents[failure.kind];
}

class AttemptTimeout extends Error {
	override name = 'AttemptTimeout';
}

/**
 * Routes `prompt`, calls the chosen model, and on failure walks the fallbacks: a rate limit moves on at once, a
 * transient failure or timeout is retried with exponential backoff and jitter (honouring retry-after), a
 * permanent failure moves on, an overflowing context window moves to a model with a larger one. Every attempt
 * is recorded as a provider event; the answer's usage and latency, and its score when `score` is given, as the
 * outcome of the decision it was made under. Throws {@link AllModelsFailedError} when nothing succeeds.
 */
export async function execute<T>(host: ExecutionHost, prompt: string, call: CallFunction<T>, options: ExecuteOptions<T> = {}): Promise<ExecuteResult<T>> {
	const settings = {timeoutMs: 60_000, maxRetries: 2, maxAttempts: 6, retryBaseMs: 500, retryMaxMs: 20_000, maxRateLimitWaitMs: 60_000, ...options};
	const first = await routeWhenRoom(host, prompt, options.route, settings.maxRateLimitWaitMs, options.signal);
	const attempts: ExecutionAttempt[] = [];
	let queue = [first.model, ...first.fallbackModels];
	let spentEstimateUsd = 0;
	let tries = 0;
	while (queue.length > 0 && tries < settings.maxAttempts) {
		const model = queue.shift() ?? '';
		const passedOver = passOver(host, first, model, spentEstimateUsd, settings.maxTotalCostUsd);
		if (passedOver !== undefined) {
			attempts.push({model, decision: first.hash, attempt: 0, outcome: passedOver, status: null, message: null, latencyMs: 0, waitedMs: 0});
			continue;
		}

		const decision = model === first.model ? first : host.derive(first, model, 'failover');
		if (decision === undefined) {
			continue;
		}

		let waitedMs = 0;
		for (let attempt = 1; attempt <= settings.maxRetries + 1 && tries < settings.maxAttempts; attempt++) {
			tries++;
			spentEstimateUsd += decision.estimatedCostUsd;
			const startMs = host.clock();
			try {
				const result = await attemptCall(call, {model, provider: decision.provider, prompt, decision, attempt}, settings.timeoutMs, options.signal);
				const latencyMs = Math.max(0, host.clock() - startMs);
				attempts.push({model, decision: decision.hash, attempt, outcome: 'success', status: null, message: null, latencyMs, waitedMs});
				return await recordSuccess(host, decision, result, latencyMs, attempts, options);
			} catch (error) {
				const latencyMs = Math.max(0, host.clock() - startMs);
				const failure = failureOf(error, options, host.clock());
				attempts.push({model, decision: decision.hash, attempt, outcome: failure.kind, status: failure.status, message: failure.message, latencyMs, waitedMs, error});
				if (failure.kind === 'aborted') {
					throw error;
				}

				const event = healthEventOf(failure);
				if (event !== undefined) {
					await host.recordProviderEvent(model, event, {latencyMs, details: failure.message.slice(0, 2000), ...(failure.retryAfterMs === null ? {} : {retryAfterMs: failure.retryAfterMs})});
				}

				if (failure.kind === 'context_window') {
					queue = largerWindows(host, queue, model, attempts, decision.hash);
					break;
				}

				if ((failure.kind !== 'transient' && failure.kind !== 'timeout') || attempt > settings.maxRetries) {
					break;
				}

				const backoffMs = Math.min(settings.retryMaxMs, settings.retryBaseMs * (2 ** (attempt - 1))) * (0.5 + (host.random() / 2));
				const waitMs = Math.max(backoffMs, failure.retryAfterMs ?? 0);
				if (waitMs > settings.retryMaxMs) {
					break;
				}

				await sleep(waitMs, options.signal);
				waitedMs = waitMs;
			}
		}
	}

	throw new AllModelsFailedError(attempts, first.hash);
}

/** Routes, waiting for a rate limit to have room when every eligible model is at it. */
async function routeWhenRoom(host: ExecutionHost, prompt: string, options: RouteOptions | undefined, maxWaitMs: number, signal: AbortSignal | undefined): Promise<RoutingDecision> {
	let waitedMs = 0;
	for (;;) {
		try {
			return host.route(prompt, options);
		} catch (error) {
			const retryAfterMs = isTierwiseError(error) && error.code === 'rate_limited' ? error.details.retryAfterMs as number : undefined;
			if (retryAfterMs === undefined || waitedMs + retryAfterMs > maxWaitMs) {
				throw error;
			}

			await sleep(Math.max(1, retryAfterMs), signal);
			waitedMs += Math.max(1, retryAfterMs);
		}
	}
}

/** Why `model` is not tried for `first`'s request, if it is not: its estimate would pass the cap, or its rate limit has no room. */
function passOver(host: ExecutionHost, first: RoutingDecision, model: string, spentEstimateUsd: number, maxTotalCostUsd: number | undefined): ExecutionAttempt['outcome'] | undefined {
	const estimate = model === first.model ? first.estimatedCostUsd : (first.alternatives.find(alternative => alternative.model === model)?.estimatedCostUsd ?? 0);
	if (maxTotalCostUsd !== undefined && spentEstimateUsd + estimate > maxTotalCostUsd + 1e-12) {
		return 'over_budget';
	}

	// Spend reported since the first attempt (a retry's, another request's) may have used up a budget window.
	if (model !== first.model && host.budgetSpent(first.user)) {
		return 'over_budget';
	}

	// route() took the first model's room already; a failover needs its own.
	if (model !== first.model && !host.hasCapacity(model, first.estimatedTokens.input + first.estimatedTokens.output)) {
		return 'rate_limit_local';
	}

	return undefined;
}

/** The models left whose context window is larger than the one that overflowed, cheapest first as they were. */
function largerWindows(host: ExecutionHost, queue: readonly string[], model: string, attempts: ExecutionAttempt[], decision: string): string[] {
	const overflowed = host.contextWindow(model) ?? Number.POSITIVE_INFINITY;
	return queue.filter(candidate => {
		const larger = (host.contextWindow(candidate) ?? Number.POSITIVE_INFINITY) > overflowed;
		if (!larger) {
			attempts.push({model: candidate, decision, attempt: 0, outcome: 'window_too_small', status: null, message: null, latencyMs: 0, waitedMs: 0});
		}

		return larger;
	});
}

/** A call's error sorted, by the caller's `classifyError` first. */
export function failureOf(error: unknown, options: {readonly classifyError?: ((error: unknown) => FailureKind | undefined) | undefined}, nowMs: number): CallFailure {
	const timedOut = error instanceof AttemptTimeout;
	const failure = classifyFailure(error, timedOut, nowMs);
	const kind = timedOut ? undefined : options.classifyError?.(error);
	return kind === undefined ? failure : {...failure, kind};
}

/** One call with its own timeout, aborted with the caller's signal too. */
export async function attemptCall<T>(call: CallFunction<T>, request: Omit<CallRequest, 'signal'>, timeoutMs: number, outer: AbortSignal | undefined): Promise<T> {
	const controller = new AbortController();
	let timer: NodeJS.Timeout | undefined;
	const onAbort = () => {
		controller.abort(outer?.reason);
	};

	outer?.addEventListener('abort', onAbort, {once: true});
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => {
			const error = new AttemptTimeout(`${request.model} took longer than ${timeoutMs} ms`);
			controller.abort(error);
			reject(error);
		}, timeoutMs);
	});
	try {
		if (outer?.aborted === true) {
			throw Object.assign(new Error('The execution was aborted'), {name: 'AbortError'});
		}

		return await Promise.race([call({...request, signal: controller.signal}), timeout]);
	} finally {
		clearTimeout(timer);
		outer?.removeEventListener('abort', onAbort);
	}
}

async function recordSuccess<T>(host: ExecutionHost, decision: RoutingDecision, result: T, latencyMs: number, attempts: readonly ExecutionAttempt[], options: ExecuteOptions<T>): Promise<ExecuteResult<T>> {
	const usage = (options.usage ?? usageOf)(result);
	const tokens = usage === undefined ? {} : {inputTokens: usage.inputTokens, outputTokens: usage.outputTokens};
	let score: number | null = null;
	let costUsd: number | null = null;
	if (options.score === undefined) {
		await host.recordProviderEvent(decision.model, 'success', {latencyMs});
		if (usage !== undefined) {
			costUsd = (await host.logUsage(decision.hash, {...usage, latencyMs})).costUsd;
		}
	} else {
		score = await options.score(result, {model: decision.model, decision});
		await host.reportOutcome(decision.hash, score, {success: true, latencyMs, ...tokens});
		costUsd = usage === undefined ? null : host.priceUsd(decision.model, usage);
	}

	return {result, decision, attempts, usage, costUsd, score};
}

/** Waits `ms`, or rejects with an AbortError when `signal` aborts. */
export async function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted === true) {
			reject(Object.assign(new Error('The execution was aborted'), {name: 'AbortError'}));
			return;
		}

		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		const onAbort = () => {
			clearTimeout(timer);
			reject(Object.assign(new Error('The execution was aborted'), {name: 'AbortError'}));
		};

		signal?.addEventListener('abort', onAbort, {once: true});
	});
}
