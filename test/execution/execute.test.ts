import {describe, expect, test} from 'vitest';
import {AdaptiveRouter, AllModelsFailedError, isTierwiseError, type CallRequest, type ModelConfig} from '../../src/index.js';
import {fakeClock, noExploration} from '../router/fixtures.js';

const models: readonly ModelConfig[] = [
	{name: 'cheap', provider: 'alpha', costPer1kInput: 0.0001, costPer1kOutput: 0.0002, contextWindow: 8000},
	{name: 'mid', provider: 'beta', costPer1kInput: 0.001, costPer1kOutput: 0.002, contextWindow: 8000},
	{name: 'premium', provider: 'gamma', costPer1kInput: 0.01, costPer1kOutput: 0.03, contextWindow: 200_000},
];

/** An error as the openai package throws it: a status and headers. */
function apiError(status: number, message: string, headers: Record<string, string> = {}, code?: string): Error {
	return Object.assign(new Error(message), {status, headers, ...(code === undefined ? {} : {code})});
}

/** A call function that answers by model from a script of outcomes, in order, and records what it was asked. */
function scripted(script: Record<string, Array<Error | string>>): {call: (request: CallRequest) => Promise<{text: string; usage: {prompt_tokens: number; completion_tokens: number}}>; calls: string[]} {
	const calls: string[] = [];
	return {
		calls,
		async call({model}) {
			calls.push(model);
			const next = script[model]?.shift() ?? new Error(`no script for ${model}`);
			return next instanceof Error ? Promise.reject(next) : Promise.resolve({text: next, usage: {prompt_tokens: 100, completion_tokens: 50}});
		},
	};
}

async function open(extra: Parameters<typeof AdaptiveRouter.open>[0] = {}): Promise<AdaptiveRouter> {
	return AdaptiveRouter.open({models, ...noExploration, clock: fakeClock().now, ...extra});
}

describe('execute', () => {
	test('a rate limit moves to the next model at once, and the limited model rests for its retry-after', async () => {
		const router = await open();
		const {call, calls} = scripted({cheap: [apiError(429, 'Rate limit reached', {'retry-after': '30'})], mid: ['Paris']});
		const executed = await router.execute('What is the capital of France?', call);
		expect(calls).toEqual(['cheap', 'mid']);
		expect(executed.result.text).toBe('Paris');
		expect(executed.attempts.map(attempt => [attempt.model, attempt.outcome, attempt.waitedMs])).toEqual([['cheap', 'rate_limited', 0], ['mid', 'success', 0]]);
		expect(executed.decision).toMatchObject({model: 'mid', derivedFrom: {reason: 'failover'}});
		expect(executed.decision.reasoning.join(' ')).toMatch(/Failover/u);
		expect(router.providerHealth('cheap')).toMatchObject({status: 'down', lastEvent: {event: 'rate_limited'}});
		expect(router.route('What is the capital of Spain?').model).not.toBe('cheap');
	});

	test('a transient failure is retried with backoff, honouring retry-after, on the same model', async () => {
		const router = await open();
		const {call, calls} = scripted({cheap: [apiError(503, 'Service unavailable', {'retry-after-ms': '40'}), 'Paris']});
		const executed = await router.execute('What is the capital of France?', call, {retryBaseMs: 1});
		expect(calls).toEqual(['cheap', 'cheap']);
		expect(executed.attempts[1]).toMatchObject({model: 'cheap', attempt: 2, outcome: 'success'});
		expect(executed.attempts[1]?.waitedMs).toBeGreaterThanOrEqual(40);
	});

	test('retries are bounded per model and in all, and AllModelsFailedError lists every attempt', async () => {
		const router = await open();
		const failing = () => Array.from({length: 5}, () => apiError(500, 'Internal error'));
		const {call, calls} = scripted({cheap: failing(), mid: failing(), premium: failing()});
		try {
			await router.execute('What is the capital of France?', call, {retryBaseMs: 1, maxRetries: 2, maxAttempts: 5});
			expect.unreachable();
		} catch (error) {
			expect(error).toBeInstanceOf(AllModelsFailedError);
			expect(isTierwiseError(error) && error.code).toBe('all_models_failed');
			const {attempts} = error as AllModelsFailedError;
			expect(attempts.map(attempt => `${attempt.model}#${attempt.attempt}`)).toEqual(['cheap#1', 'cheap#2', 'cheap#3', 'mid#1', 'mid#2']);
			expect(attempts.every(attempt => attempt.outcome === 'transient' && attempt.status === 500 && attempt.error instanceof Error)).toBe(true);
			expect((error as Error).message).toMatch(/cheap \(transient 500\)/u);
		}

		expect(calls).toHaveLength(5);
	});

	test('a permanent failure moves on without a retry; an aborted signal stops everything', async () => {
		const router = await open();
		const {call, calls} = scripted({cheap: [apiError(401, 'Invalid API key')], mid: ['Paris']});
		const executed = await router.execute('What is the capital of France?', call, {retryBaseMs: 1});
		expect(calls).toEqual(['cheap', 'mid']);
		expect(executed.attempts[0]).toMatchObject({outcome: 'permanent', status: 401});

		const controller = new AbortController();
		controller.abort();
		await expect(router.execute('Hi', call, {signal: controller.signal})).rejects.toMatchObject({name: 'AbortError'});
	});

	test('an overflowing context window moves to a model with a larger one', async () => {
		const router = await open();
		const {call, calls} = scripted({cheap: [apiError(400, 'This model\'s maximum context length is 8000 tokens', {}, 'context_length_exceeded')], premium: ['A long summary']});
		const executed = await router.execute('Summarise this contract.', call);
		expect(calls).toEqual(['cheap', 'premium']);
		expect(executed.attempts.map(attempt => [attempt.model, attempt.outcome])).toEqual([['cheap', 'context_window'], ['mid', 'window_too_small'], ['premium', 'success']]);
	});

	test('each attempt times out through its AbortSignal', async () => {
		const router = await open();
		const signals: AbortSignal[] = [];
		const executed = await router.execute('Hi', async ({model, signal}) => {
			signals.push(signal);
			if (model === 'cheap') {
				return new Promise<string>((_, reject) => {
					signal.addEventListener('abort', () => {
						reject(new Error('aborted'));
					});
				});
			}

			return 'Hello';
		}, {timeoutMs: 20, maxRetries: 0});
		expect(executed.attempts[0]).toMatchObject({model: 'cheap', outcome: 'timeout'});
		expect(signals[0]?.aborted).toBe(true);
		expect(executed.result).toBe('Hello');
		expect(router.providerHealth('cheap').lastEvent?.event).toBe('timeout');
	});

	test('the cost cap holds across attempts: a model whose estimate would pass it is passed over', async () => {
		const router = await open();
		const decision = router.route('Hi');
		const cap = decision.estimatedCostUsd + (decision.alternatives.find(alternative => alternative.model === 'mid')?.estimatedCostUsd ?? 0);
		const {call, calls} = scripted({cheap: [apiError(401, 'no')], mid: [apiError(401, 'no')], premium: ['Hello']});
		await expect(router.execute('Hi', call, {maxTotalCostUsd: cap})).rejects.toSatisfy((error: unknown) => {
			const {attempts} = error as AllModelsFailedError;
			return attempts.map(attempt => attempt.outcome).join() === 'permanent,permanent,over_budget';
		});
		expect(calls).toEqual(['cheap', 'mid']);
	});

	test('with a scorer the outcome is reported under the decision that answered, usage and all', async () => {
		const router = await open();
		const {call} = scripted({cheap: [apiError(500, 'boom')], mid: ['Paris']});
		const executed = await router.execute('What is the capital of France?', call, {maxRetries: 0, score: result => (result.text === 'Paris' ? 1 : 0)});
		expect(executed.score).toBe(1);
		expect(executed.usage).toEqual({inputTokens: 100, outputTokens: 50});
		expect(executed.costUsd).toBeCloseTo(0.0002, 12);
		expect(router.modelPerformance('mid').count).toBe(1);
		expect(router.modelPerformance('cheap').count).toBe(0);
		expect(router.costReport({by: 'model'}).rows.find(row => row.key === 'mid')).toMatchObject({usageEntries: 1, inputTokens: 100, outputTokens: 50});
		expect(router.analytics().totalRouted).toBe(2);
	});

	test('rate limits hold under 1,000 concurrent calls', async () => {
		const router = await open({rateLimits: {cheap: {requestsPerMinute: 100}, mid: {requestsPerMinute: 200}, premium: {requestsPerMinute: 50, tokensPerMinute: 1_000_000}}});
		const served = new Map<string, number>();
		const results = await Promise.allSettled(Array.from({length: 1000}, async (_, index) => router.execute(`Question ${index}: what is ${index} + 1?`, async ({model}) => {
			served.set(model, (served.get(model) ?? 0) + 1);
			await new Promise(resolve => {
				setTimeout(resolve, 1);
			});
			return 'ok';
		}, {maxRateLimitWaitMs: 0})));
		expect(Object.fromEntries(served)).toEqual({cheap: 100, mid: 200, premium: 50});
		const rejected = results.filter(result => result.status === 'rejected');
		expect(rejected).toHaveLength(650);
		expect(rejected.every(result => isTierwiseError(result.reason) && result.reason.code === 'rate_limited' && typeof result.reason.details.retryAfterMs === 'number')).toBe(true);
	});

	test('a rate-limited route waits for room when allowed to', async () => {
		const clock = fakeClock();
		const router = await AdaptiveRouter.open({models: models.slice(0, 1), ...noExploration, clock: clock.now, rateLimits: {cheap: {requestsPerMinute: 600}}});
		for (let index = 0; index < 600; index++) {
			router.route('Hi');
		}

		expect(() => router.route('Hi')).toThrow(expect.objectContaining({code: 'rate_limited'}) as Error);
		// The clock is fake: the wait (100 ms a request at this rate) passes in real time, the bucket sees none; move it on.
		setTimeout(() => {
			clock.advance(100);
		}, 0);
		const executed = await router.execute('Hi', async () => Promise.resolve('ok'), {maxRateLimitWaitMs: 1000});
		expect(executed.result).toBe('ok');
	});
});

test('a budget window spent during the attempts stops the failovers', async () => {
	const router = await open({budgets: {hourlyUsd: 1}});
	const other = router.route('Hi');
	const executed = router.execute('What is the capital of France?', async ({model}) => {
		if (model === 'cheap') {
			// Another request's spend, reported while this one was failing, uses up the hour.
			await router.logUsage(other, {inputTokens: 1, outputTokens: 1, costUsd: 1});
			return Promise.reject(apiError(500, 'boom'));
		}

		return Promise.resolve('Paris');
	}, {maxRetries: 0});
	await expect(executed).rejects.toSatisfy((error: unknown) => (error as AllModelsFailedError).attempts.map(attempt => attempt.outcome).join() === 'transient,over_budget,over_budget');
});

test('a bad request is no mark against the provider\'s health; a refused key is', async () => {
	const router = await open();
	const {call} = scripted({cheap: [apiError(400, 'Invalid value for temperature')], mid: [apiError(401, 'Incorrect API key')], premium: ['ok']});
	await router.execute('Hi', call);
	expect(router.providerHealth('cheap').events).toBe(0);
	expect(router.providerHealth('mid')).toMatchObject({events: 1, errorRate: 1});
});
