import {describe, expect, test} from 'vitest';
import {AdaptiveRouter, type ModelConfig} from '../../src/index.js';
import {fakeClock, noExploration} from '../router/fixtures.js';

const models: readonly ModelConfig[] = [
	{name: 'slow-cheap', provider: 'a', costPer1kInput: 0.0001, costPer1kOutput: 0.0002, avgLatencyMs: 4000, qualityPrior: 0.6},
	{name: 'fast-mid', provider: 'b', costPer1kInput: 0.001, costPer1kOutput: 0.002, avgLatencyMs: 500, qualityPrior: 0.8},
	{name: 'best', provider: 'c', costPer1kInput: 0.01, costPer1kOutput: 0.03, avgLatencyMs: 1500, qualityPrior: 0.95},
];

describe('the SLA monitor', () => {
	test('detects each kind of breach, and only records it without autoEscalateOnBreach', async () => {
		const router = await AdaptiveRouter.open({models, ...noExploration, sla: {maxLatencyMs: 2000, minQualityScore: 0.9}});
		const decision = router.route('Hi', {minQuality: 0});
		expect(decision.model).toBe('slow-cheap');
		expect(decision.sla).toEqual({compliant: false, breaches: ['latency', 'quality'], adjustments: [], adjustedFor: []});
		expect(router.explain(decision)).toMatch(/SLA breached: latency, quality \(not adjusted/u);
	});

	test('switches to a model that meets every breached limit with autoEscalateOnBreach', async () => {
		const router = await AdaptiveRouter.open({models, ...noExploration, sla: {maxLatencyMs: 2000, minQualityScore: 0.9, autoEscalateOnBreach: true}});
		const decision = router.route('Hi', {minQuality: 0});
		expect(decision.model).toBe('best');
		expect(decision.sla.compliant).toBe(true);
		expect(decision.sla.breaches).toEqual(['latency', 'quality']);
		expect(decision.sla.adjustedFor).toEqual(['latency', 'quality']);
		// The reasoning does not call the model the SLA put first the cheapest.
		expect(decision.reasoning.join(' ')).toContain('Chose best, one of 3 eligible models');
		expect(decision.sla.adjustments[0]).toMatch(/^best instead of slow-cheap: slow-cheap takes 4000 ms, above the SLA's 2000 ms; slow-cheap is predicted 0\.\d+, below the SLA's 0\.9$/u);
	});

	test('reads latency from reported latencies before avgLatencyMs', async () => {
		const clock = fakeClock();
		const router = await AdaptiveRouter.open({models, clock: clock.now, ...noExploration, sla: {maxLatencyMs: 1000, autoEscalateOnBreach: true}});
		for (let index = 0; index < 5; index++) {
			await router.recordProviderEvent('slow-cheap', 'success', {latencyMs: 300});
		}

		const decision = router.route('Hi', {minQuality: 0});
		expect(decision.model).toBe('slow-cheap');
		expect(decision.sla.compliant).toBe(true);
	});

	test('counts the hourly budget, and with a breach picks the cheapest model', async () => {
		const clock = fakeClock();
		const router = await AdaptiveRouter.open({models, clock: clock.now, ...noExploration, sla: {budgetPerHourUsd: 1, autoEscalateOnBreach: true}});
		const first = router.route('Hi', {costWeight: 0});
		expect(first.model).toBe('best');
		await router.reportOutcome(first.hash, 1, {costUsd: 1, outputTokens: 20});
		const second = router.route('Hi', {costWeight: 0});
		expect(second.sla.breaches).toEqual(['budget']);
		expect(second.model).toBe('slow-cheap');
		// Still over the hour's budget: adjusted, yet not compliant.
		expect(second.sla).toMatchObject({compliant: false, adjustedFor: ['budget']});
	});

	test('slaReport adds up compliance, breaches, adjustments, savings, latency and budget use', async () => {
		const clock = fakeClock();
		const router = await AdaptiveRouter.open({models, clock: clock.now, ...noExploration, sla: {maxLatencyMs: 2000, budgetPerHourUsd: 2, autoEscalateOnBreach: true}});
		const adjusted = router.route('Hi', {minQuality: 0});
		await router.reportOutcome(adjusted.hash, 0.9, {costUsd: 0.5, inputTokens: 1000, outputTokens: 20, latencyMs: 400});
		const plain = router.route('Hi', {costWeight: 0});
		await router.reportOutcome(plain.hash, 0.7, {costUsd: 0.3, inputTokens: 1000, outputTokens: 20, latencyMs: 800});
		const report = router.slaReport({sinceHours: 1});
		expect(report).toMatchObject({
			sinceHours: 1,
			requests: 2,
			compliant: 2,
			complianceRate: 1,
			breaches: {latency: 1, budget: 0, quality: 0},
			adjustments: {latency: 1, budget: 0, quality: 0},
			averageLatencyMs: 600,
			spentUsd: 0.8,
			budgetPerHourUsd: 2,
			budgetUse: 0.4,
		});
		// Against the dearest model, best, on the 2,000 input and 40 output tokens reported: 0.02 + 0.0012 less 0.8 spent.
		expect(report.savingsUsd).toBeCloseTo((2000 * 0.01 / 1000) + (40 * 0.03 / 1000) - 0.8, 12);
		clock.advance(2 * 60 * 60 * 1000);
		expect(router.slaReport({sinceHours: 1}).requests).toBe(0);
		expect(router.slaReport({sinceHours: 3}).requests).toBe(2);
	});

	test('bad SLA limits are refused when the router opens', async () => {
		await expect(AdaptiveRouter.open({sla: {maxLatencyMs: 0}})).rejects.toThrow(/Expected `sla.maxLatencyMs` to be a number of milliseconds above 0, got `0`/u);
		await expect(AdaptiveRouter.open({sla: {minQualityScore: 1.5}})).rejects.toThrow(RangeError);
		await expect(AdaptiveRouter.open({sla: {autoEscalate: true} as never})).rejects.toThrow(/Unknown key `autoEscalate`/u);
	});
});
