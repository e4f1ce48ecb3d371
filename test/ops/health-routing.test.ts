import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {AdaptiveRouter, isTierwiseError, type ModelConfig} from '../../src/index.js';
import {fakeClock, noExploration, pricedApart} from '../router/fixtures.js';

const twins: readonly ModelConfig[] = [
	{name: 'twin-a', provider: 'a', costPer1kInput: 0.001, costPer1kOutput: 0.002, avgLatencyMs: 800},
	{name: 'twin-b', provider: 'b', costPer1kInput: 0.001, costPer1kOutput: 0.002, avgLatencyMs: 300},
	{name: 'twin-c', provider: 'c', costPer1kInput: 0.00105, costPer1kOutput: 0.0021, avgLatencyMs: 600},
	{name: 'dear', provider: 'd', costPer1kInput: 0.01, costPer1kOutput: 0.03},
];

async function fail(router: AdaptiveRouter, model: string, times: number): Promise<void> {
	for (let index = 0; index < times; index++) {
		await router.recordProviderEvent(model, 'error', {details: 'HTTP 500'});
	}
}

describe('provider health in routing', () => {
	test('a down model is never chosen while another is eligible, whatever the options', async () => {
		const clock = fakeClock();
		const router = await AdaptiveRouter.open({models: pricedApart, clock: clock.now, abTestRate: 0.5, seed: 'health'});
		await fail(router, 'cheap', 5);
		expect(router.providerHealth('cheap').status).toBe('down');
		fc.assert(fc.property(fc.constantFrom('Hi', 'Prove that there are infinitely many primes.', 'Write a haiku'), fc.option(fc.double({min: 0, max: 2, noNaN: true}), {nil: undefined}), (prompt, costWeight) => {
			const decision = router.route(prompt, costWeight === undefined ? {} : {costWeight});
			expect(decision.model).not.toBe('cheap');
			expect(decision.excluded).toContainEqual({model: 'cheap', reason: 'unhealthy'});
		}), {numRuns: 100});
	});

	test('after the cooldown one probe goes to the recovered model, and a success brings it back', async () => {
		const clock = fakeClock();
		const router = await AdaptiveRouter.open({models: pricedApart, clock: clock.now, ...noExploration, health: {cooldownMs: 30_000}});
		await fail(router, 'cheap', 5);
		expect(router.route('Hi').model).not.toBe('cheap');
		clock.advance(30_000);
		expect(router.providerHealth('cheap').status).toBe('half_open');
		const probe = router.route('Hi');
		expect(probe.model).toBe('cheap');
		expect(probe.operations?.health).toBe('half_open');
		expect(probe.reasoning.join(' ')).toMatch(/probe/u);
		// One probe at a time: until it reports, the others go elsewhere.
		expect(router.route('Hi').model).not.toBe('cheap');
		await router.reportOutcome(probe.hash, 1, {latencyMs: 200});
		expect(router.providerHealth('cheap')).toMatchObject({status: 'healthy', circuit: 'closed'});
		expect(router.route('Hi').model).toBe('cheap');
	});

	test('with preferHealthy a degraded model is set aside; without it, it is kept', async () => {
		const clock = fakeClock();
		const careful = await AdaptiveRouter.open({models: pricedApart, clock: clock.now, ...noExploration});
		await careful.recordProviderEvent('cheap', 'success');
		await careful.recordProviderEvent('cheap', 'timeout');
		expect(careful.providerHealth('cheap').status).toBe('degraded');
		expect(careful.route('Hi').model).toBe('mid');
		const bold = await AdaptiveRouter.open({models: pricedApart, clock: clock.now, ...noExploration, preferHealthy: false});
		await bold.recordProviderEvent('cheap', 'timeout');
		expect(bold.route('Hi').model).toBe('cheap');
	});

	test('autoScale moves a degraded model\'s requests away by its failure share', async () => {
		const clock = fakeClock();
		const router = await AdaptiveRouter.open({models: pricedApart, clock: clock.now, ...noExploration, preferHealthy: false, autoScale: true, seed: 'scale'});
		for (const event of ['success', 'error', 'error', 'success'] as const) {
			await router.recordProviderEvent('cheap', event);
		}

		const models = Array.from({length: 2000}, () => router.route('Hi').model);
		const kept = models.filter(model => model === 'cheap').length / models.length;
		// Half its calls failed: it keeps about half of its requests (binomial, 2,000 draws: ±5 standard deviations).
		expect(kept).toBeGreaterThan(0.5 - 0.056);
		expect(kept).toBeLessThan(0.5 + 0.056);
		expect(new Set(models)).toEqual(new Set(['cheap', 'mid']));
	});

	test('a rate limit with retryAfterMs keeps the model out until then', async () => {
		const clock = fakeClock();
		const router = await AdaptiveRouter.open({models: pricedApart, clock: clock.now, ...noExploration});
		await router.recordProviderEvent('cheap', 'rate_limited', {retryAfterMs: 10_000, details: '429'});
		expect(router.route('Hi').model).toBe('mid');
		clock.advance(10_000);
		expect(router.providerHealth('cheap')).toMatchObject({status: 'degraded', lastEvent: {event: 'rate_limited', details: '429'}});
	});

	test('outcomes that report a provider error count against its health', async () => {
		const router = await AdaptiveRouter.open({models: pricedApart, ...noExploration});
		const decisions = Array.from({length: 5}, () => router.route('Hi'));
		expect(new Set(decisions.map(decision => decision.model))).toEqual(new Set(['cheap']));
		for (const decision of decisions) {
			await router.reportOutcome(decision.hash, 0, {error: 'server_error'});
		}

		expect(router.providerHealth('cheap').status).toBe('down');
	});

	test('the fallback chain orders the fallbacks, and unhealthy ones go last', async () => {
		const clock = fakeClock();
		// preferHealthy off, so that a degraded model stays among the fallbacks instead of being set aside.
		const router = await AdaptiveRouter.open({models: twins, clock: clock.now, ...noExploration, preferHealthy: false, fallbackChain: ['dear', 'twin-c']});
		expect(router.route('Hi').fallbackModels).toEqual(['dear', 'twin-c', 'twin-b']);
		expect(router.route('Hi', {fallbackChain: ['twin-b']}).fallbackModels).toEqual(['twin-b', 'twin-c', 'dear']);
		await router.recordProviderEvent('twin-c', 'error');
		expect(router.route('Hi', {fallbackChain: []}).fallbackModels).toEqual(['twin-b', 'dear', 'twin-c']);
	});

	test('bad provider events are refused with typed errors', async () => {
		const router = await AdaptiveRouter.open({models: pricedApart});
		await expect(router.recordProviderEvent('nope', 'error')).rejects.toMatchObject({code: 'unknown_model'});
		await expect(router.recordProviderEvent('cheap', 'exploded' as never)).rejects.toMatchObject({code: 'invalid_input'});
		await expect(router.recordProviderEvent('cheap', 'timeout', {latencyMs: -5})).rejects.toMatchObject({code: 'invalid_input'});
		expect(() => router.providerHealth('nope')).toThrow(expect.objectContaining({code: 'unknown_model'}) as Error);
		expect(router.providerHealth().map(health => health.model)).toEqual(['mid', 'cheap', 'premium']);
	});
});

describe('load balancing among equivalent models', () => {
	test('round-robin takes the equivalents in turn', async () => {
		const router = await AdaptiveRouter.open({models: twins, ...noExploration, loadBalancing: {strategy: 'round_robin', costTolerance: 0.1}});
		const chosen = Array.from({length: 6}, () => router.route('Hi').model);
		expect(chosen).toEqual(['twin-a', 'twin-b', 'twin-c', 'twin-a', 'twin-b', 'twin-c']);
		expect(router.route('Hi').operations?.loadBalanced).toEqual({strategy: 'round_robin', pool: ['twin-a', 'twin-b', 'twin-c']});
	});

	test('a tighter tolerance keeps the dearer twin out of the pool', async () => {
		const router = await AdaptiveRouter.open({models: twins, ...noExploration, loadBalancing: {strategy: 'round_robin', costTolerance: 0.01}});
		expect(new Set(Array.from({length: 4}, () => router.route('Hi').model))).toEqual(new Set(['twin-a', 'twin-b']));
	});

	test('weighted draws follow the weights', async () => {
		const router = await AdaptiveRouter.open({models: twins, ...noExploration, seed: 'weights', loadBalancing: {strategy: 'weighted', weights: {'twin-a': 3, 'twin-b': 1, 'twin-c': 0}}});
		const chosen = Array.from({length: 4000}, () => router.route('Hi').model);
		const shareA = chosen.filter(model => model === 'twin-a').length / chosen.length;
		expect(shareA).toBeGreaterThan(0.75 - 0.035);
		expect(shareA).toBeLessThan(0.75 + 0.035);
		expect(chosen).not.toContain('twin-c');
	});

	test('lowest latency picks the fastest by reported latency, else avgLatencyMs', async () => {
		const router = await AdaptiveRouter.open({models: twins, ...noExploration, loadBalancing: {strategy: 'lowest_latency'}});
		expect(router.route('Hi').model).toBe('twin-b');
		await router.recordProviderEvent('twin-b', 'success', {latencyMs: 2000});
		expect(router.route('Hi').model).toBe('twin-c');
	});

	test('bad load-balancing options are refused', async () => {
		await expect(AdaptiveRouter.open({loadBalancing: {strategy: 'random'} as never})).rejects.toThrow(TypeError);
		await expect(AdaptiveRouter.open({loadBalancing: {strategy: 'weighted', weights: {a: -1}}})).rejects.toThrow(RangeError);
		await expect(AdaptiveRouter.open({health: {cooldownMs: 0}})).rejects.toThrow(/Expected `health.cooldownMs` to be a whole number from 1 up/u);
		await expect(AdaptiveRouter.open({fallbackChain: 'dear' as never})).rejects.toThrow(TypeError);
		expect(isTierwiseError(new Error('x'))).toBe(false);
	});
});
