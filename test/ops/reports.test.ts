import {mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {AdaptiveRouter, type ModelConfig} from '../../src/index.js';
import {costReportCsv} from '../../src/ops/cost-report.js';
import {fakeClock, noExploration, pricedApart} from '../router/fixtures.js';

const hourMs = 60 * 60 * 1000;

describe('the cost ledger through the router', () => {
	test('costReport by period and grouping, logUsage pricing tokens, and the CSV export', async () => {
		const clock = fakeClock(Date.UTC(2026, 10, 23, 9, 30));
		const router = await AdaptiveRouter.open({models: pricedApart, clock: clock.now, ...noExploration});
		const first = router.route('Hi', {user: 'ann'});
		const receipt = await router.logUsage(first, {inputTokens: 1000, outputTokens: 1000});
		expect(receipt).toMatchObject({hash: first.hash, model: 'cheap'});
		expect(receipt.costUsd).toBeCloseTo(0.0003, 15);
		clock.advance(hourMs);
		const second = router.route('Hi', {user: '=cmd'});
		await router.reportOutcome(second.hash, 0.8, {costUsd: 0.002, inputTokens: 10, outputTokens: 10});
		const third = router.route('Hi');
		await router.reportOutcome(third.hash, 0.6);

		const byHour = router.costReport({period: 'hour', by: 'user'});
		expect(byHour.rows.map(row => [row.periodStart, row.key, row.routed, row.usageEntries, row.unpriced])).toEqual([
			['2026-11-23T09:00:00.000Z', 'ann', 1, 1, 0],
			['2026-11-23T10:00:00.000Z', '=cmd', 1, 1, 0],
			['2026-11-23T10:00:00.000Z', null, 1, 1, 1],
		]);
		expect(byHour.totalCostUsd).toBeCloseTo(0.0023, 12);
		expect(router.costReport({period: 'day', by: 'model'}).rows).toMatchObject([{periodStart: '2026-11-23T00:00:00.000Z', key: 'cheap', routed: 3, usageEntries: 3, inputTokens: 1010, outputTokens: 1010}]);
		expect(router.costReport({by: 'tier'}).rows[0]?.key).toBe('trivial');
		expect(router.costReport({by: 'provider'}).rows[0]?.key).toBe('alpha');
		const csv = costReportCsv(byHour);
		expect(csv.split('\n')[0]).toBe('period_start,user,routed,usage_entries,input_tokens,output_tokens,cost_usd,unpriced,estimated_cost_usd');
		expect(byHour.rows[0]?.estimatedCostUsd).toBeCloseTo(first.estimatedCostUsd, 15);
		expect(csv).toContain(",'=cmd,");
	});

	test('spend logged by two processes sharing a workspace adds up exactly, before and after compaction', async () => {
		const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-ledger-'));
		const clock = fakeClock();
		const open = async () => AdaptiveRouter.open({workspace: directory, models: pricedApart, clock: clock.now, refreshIntervalMs: 0, ...noExploration});
		const [one, two] = [await open(), await open()];
		const costs = fc.sample(fc.integer({min: 1, max: 10_000}), {numRuns: 60, seed: 7}).map(cents => cents / 100_000);
		let expected = 0;
		for (const [index, costUsd] of costs.entries()) {
			const router = index % 2 === 0 ? one : two;
			const decision = router.route(`Question number ${index}?`, {user: `u${index % 3}`});
			await router.logUsage(decision.hash, {inputTokens: 10, outputTokens: 5, costUsd});
			expected += costUsd;
		}

		await one.refresh();
		await two.refresh();
		for (const router of [one, two]) {
			expect(router.costReport().totalCostUsd).toBeCloseTo(expected, 12);
			expect(router.analytics().totalRouted).toBe(costs.length);
		}

		await one.compact();
		await two.refresh();
		const reopened = await open();
		for (const router of [two, reopened]) {
			expect(router.costReport({by: 'user'}).totalCostUsd).toBeCloseTo(expected, 12);
			expect(router.costReport({by: 'user'}).rows.map(row => row.key).sort()).toEqual(['u0', 'u1', 'u2']);
		}

		await Promise.all([one.close(), two.close(), reopened.close()]);
	});

	test('savingsEstimate prices the reported tokens on the comparison model', async () => {
		const router = await AdaptiveRouter.open({models: pricedApart, ...noExploration});
		const decision = router.route('Hi');
		await router.logUsage(decision, {inputTokens: 1000, outputTokens: 2000});
		const estimate = router.savingsEstimate('premium');
		// cheap: 0.0001 + 0.0004; premium: 0.01 + 0.06.
		expect(estimate.actualCostUsd).toBeCloseTo(0.0005, 12);
		expect(estimate.comparisonCostUsd).toBeCloseTo(0.07, 12);
		expect(estimate.savedShare).toBeCloseTo(1 - (0.0005 / 0.07), 12);
		expect(router.savingsEstimate().comparisonModel).toBe('premium');
		expect(() => router.savingsEstimate('nope')).toThrow(expect.objectContaining({code: 'unknown_model'}) as Error);
	});

	test('analytics gives the tier shares, the model mix, confidence and quality', async () => {
		const router = await AdaptiveRouter.open({models: pricedApart, ...noExploration});
		const hi = router.route('Hi');
		await router.reportOutcome(hi.hash, 1);
		const hard = router.route('Design a multi-region, strongly consistent key-value store; compare Raft and Paxos, and plan the migration from a single primary with no downtime.', {costWeight: 0});
		await router.reportOutcome(hard.hash, 0.5);
		const analytics = router.analytics();
		expect(analytics.totalRouted).toBe(2);
		expect(Object.values(analytics.tiers).reduce((sum, tier) => sum + tier.share, 0)).toBeCloseTo(1, 12);
		expect(analytics.averageQuality).toBe(0.75);
		expect(analytics.averageConfidence).toBeCloseTo((hi.confidence + hard.confidence) / 2, 12);
		expect(analytics.models.map(model => model.model).sort()).toEqual([hi.model, hard.model].sort());
		expect(analytics.mostUsedModel).not.toBeNull();
		const estimatedSavings = [hi, hard].reduce((sum, decision) => sum + (decision.operations?.baselineCostUsd ?? 0) - decision.estimatedCostUsd, 0);
		expect(analytics.estimatedSavingsUsd).toBeCloseTo(estimatedSavings, 15);
	});

	test('forecastCost: daily is 24 × hourly, and the breakdown shares sum to 1', async () => {
		const router = await AdaptiveRouter.open({models: pricedApart, abTestRate: 0.3, seed: 'mix'});
		expect(() => router.forecastCost({requestsPerHour: 10, avgInputTokens: 100, avgOutputTokens: 100})).toThrow(expect.objectContaining({code: 'insufficient_data'}) as Error);
		for (let index = 0; index < 200; index++) {
			router.route(`Request ${index}: summarise the attached text.`);
		}

		fc.assert(fc.property(fc.integer({min: 0, max: 100_000}), fc.integer({min: 0, max: 10_000}), fc.integer({min: 0, max: 10_000}), (requestsPerHour, avgInputTokens, avgOutputTokens) => {
			const forecast = router.forecastCost({requestsPerHour, avgInputTokens, avgOutputTokens});
			expect(forecast.dailyUsd).toBeCloseTo(24 * forecast.hourlyUsd, 9);
			expect(forecast.breakdown.reduce((sum, row) => sum + row.share, 0)).toBeCloseTo(1, 12);
			expect(forecast.basedOnDecisions).toBe(200);
			expect(forecast.tip.length).toBeGreaterThan(20);
		}), {numRuns: 50});
		expect(() => router.forecastCost({requestsPerHour: -1, avgInputTokens: 1, avgOutputTokens: 1})).toThrow(expect.objectContaining({code: 'invalid_input'}) as Error);
	});

	test('costOptimizations come from outcome data: a cheaper model that did as well, and none when it did worse', async () => {
		const models: readonly ModelConfig[] = [
			{name: 'small', provider: 'a', costPer1kInput: 0.0001, costPer1kOutput: 0.0002},
			{name: 'large', provider: 'b', costPer1kInput: 0.01, costPer1kOutput: 0.03},
		];
		const run = async (smallQuality: number) => {
			const clock = fakeClock();
			const router = await AdaptiveRouter.open({models, clock: clock.now, abTestRate: 0.5, seed: 'opt'});
			for (let index = 0; index < 200; index++) {
				const decision = router.route('Hi', {costWeight: 0});
				const quality = decision.model === 'small' ? smallQuality : 0.9;
				await router.reportOutcome(decision.hash, quality, {inputTokens: 100, outputTokens: 100});
				clock.advance(60_000);
			}

			return router.costOptimizations();
		};

		const [suggestion] = await run(0.88);
		expect(suggestion).toMatchObject({kind: 'switch_model', tier: 'trivial', from: 'large', to: 'small'});
		expect(suggestion?.qualityChange).toBeCloseTo(-0.02, 9);
		expect(suggestion?.estimatedDailySavingUsd).toBeGreaterThan(0);
		expect(suggestion?.message).toMatch(/^Route trivial prompts from large to small: about \$/u);
		expect(await run(0.5)).toEqual([]);
	});

	test('budgetAlert: ok, warning and critical by spend and by where the last hour\'s rate takes it', async () => {
		const clock = fakeClock(Date.UTC(2026, 10, 23, 12));
		const router = await AdaptiveRouter.open({models: pricedApart, clock: clock.now, ...noExploration, budgets: {dailyUsd: 10}});
		const spend = async (costUsd: number) => {
			const decision = router.route('Hi');
			await router.logUsage(decision, {inputTokens: 1, outputTokens: 1, costUsd});
		};

		expect(router.budgetAlert()).toMatchObject({status: 'ok', window: 'day', limitUsd: 10, spentUsd: 0});
		// Noon, $0.50 in the last hour: 0.5 + 12 × 0.5 = $6.50 by midnight, 65% of the budget.
		await spend(0.5);
		expect(router.budgetAlert()).toMatchObject({status: 'ok', projectedUsd: 6.5});
		// $0.70 an hour: $9.10, past 80%.
		await spend(0.2);
		expect(router.budgetAlert().status).toBe('warning');
		// $1 an hour: $13, past the limit; the $9 left last until 21:00.
		await spend(0.3);
		const critical = router.budgetAlert();
		expect(critical).toMatchObject({status: 'critical', window: 'day'});
		expect(critical.hourlyRateUsd).toBeCloseTo(1, 12);
		expect(critical.projectedUsd).toBeCloseTo(13, 12);
		expect(critical.recommendation).toMatch(/^At \$1\.00 an hour the daily budget of \$10\.00 runs out about 2026-11-23 21:00 UTC/u);
		clock.advance(2 * hourMs);
		// The last hour saw nothing: the projection is what was spent.
		expect(router.budgetAlert()).toMatchObject({status: 'ok', hourlyRateUsd: 0});
		await spend(9);
		expect(router.budgetAlert()).toMatchObject({status: 'critical', recommendation: expect.stringMatching(/^The daily budget of \$10\.00 is spent/u) as string});
		const warned = await AdaptiveRouter.open({models: pricedApart, clock: clock.now, ...noExploration, budgets: {monthlyUsd: 1000}});
		expect(warned.budgetAlert().status).toBe('ok');
		expect((await AdaptiveRouter.open()).budgetAlert().recommendation).toMatch(/No budget is set/u);
	});

	test('bad input gets typed errors', async () => {
		const router = await AdaptiveRouter.open({models: pricedApart});
		const decision = router.route('Hi');
		await expect(router.logUsage(decision, {inputTokens: -1, outputTokens: 0})).rejects.toMatchObject({code: 'invalid_input', message: expect.stringMatching(/Expected `usage.inputTokens` to be a whole number of tokens from 0 up, got `-1`/u) as string});
		await expect(router.logUsage('nope', {inputTokens: 1, outputTokens: 1})).rejects.toMatchObject({code: 'unknown_decision'});
		await expect(router.logUsage(decision, {inputTokens: 1} as never)).rejects.toMatchObject({code: 'invalid_input'});
		expect(() => router.costReport({period: 'fortnight' as never})).toThrow(expect.objectContaining({code: 'invalid_input', message: expect.stringMatching(/Expected `period` to be one of hour, day, week, month, got `"fortnight"`/u) as string}) as Error);
		expect(() => router.costReport({by: 'colour' as never})).toThrow(expect.objectContaining({code: 'invalid_input'}) as Error);
		expect(() => router.slaReport({sinceHours: 0})).toThrow(expect.objectContaining({code: 'invalid_input'}) as Error);
	});
});
