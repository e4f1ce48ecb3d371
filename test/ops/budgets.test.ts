import {describe, expect, test} from 'vitest';
import {AdaptiveRouter, isTierwiseError} from '../../src/index.js';
import {fakeClock, noExploration, pricedApart} from '../router/fixtures.js';

const hourMs = 60 * 60 * 1000;

async function spend(router: AdaptiveRouter, costUsd: number, user?: string): Promise<void> {
	const decision = router.route('What time is it?', user === undefined ? {} : {user});
	await router.reportOutcome(decision.hash, 1, {costUsd});
}

function errorCode(run: () => unknown): string | undefined {
	try {
		run();
	} catch (error) {
		return isTierwiseError(error) ? error.code : 'not a TierwiseError';
	}

	return undefined;
}

describe('budgets', () => {
	test('an hourly window rolls over exactly on the hour', async () => {
		const clock = fakeClock(Date.UTC(2026, 10, 23, 10, 59, 59, 0));
		const router = await AdaptiveRouter.open({models: pricedApart, clock: clock.now, ...noExploration, budgets: {hourlyUsd: 1}});
		await spend(router, 1);
		clock.advance(999);
		expect(errorCode(() => router.route('What time is it?'))).toBe('budget_exceeded');
		clock.advance(1);
		expect(router.route('What time is it?').operations?.budget).toMatchObject({mode: 'normal', window: {period: 'hour', scope: 'all'}, spentUsd: 0, remainingShare: 1});
	});

	test('a daily window rolls over at midnight UTC, a monthly one on the 1st', async () => {
		const clock = fakeClock(Date.UTC(2026, 10, 30, 23, 0));
		const router = await AdaptiveRouter.open({models: pricedApart, clock: clock.now, ...noExploration, budgets: {dailyUsd: 5, monthlyUsd: 8}});
		await spend(router, 5);
		expect(errorCode(() => router.route('Hi'))).toBe('budget_exceeded');
		clock.advance(hourMs);
		// 1 December: a new day and a new month, so 4.5 more leaves 10% of the day and 44% of the month (not -19%).
		expect(router.route('Hi').operations?.budget.mode).toBe('normal');
		await spend(router, 4.5);
		expect(router.route('Hi').operations?.budget).toMatchObject({mode: 'economy', window: {period: 'day'}, spentUsd: 4.5});
	});

	test('below the economy share the cheapest eligible model is chosen, and the decision says so', async () => {
		const clock = fakeClock();
		const router = await AdaptiveRouter.open({models: pricedApart, clock: clock.now, ...noExploration, budgets: {dailyUsd: 10, economyBelow: 0.25}});
		const design = 'Design a globally distributed, strongly consistent database with multi-region failover, explain the consensus protocol, the trade-offs against availability, and give a migration plan from a single Postgres instance.';
		const before = router.route(design, {minQuality: 0});
		await router.reportOutcome(before.hash, 1, {costUsd: 8});
		const after = router.route(design);
		expect(after.operations?.budget).toMatchObject({mode: 'economy', remainingShare: 0.2});
		expect(after.model).toBe('cheap');
		expect(after.prediction?.rule).toBe('cheapest');
		expect(after.reasoning.join(' ')).toMatch(/economy/u);
		expect(router.explain(after)).toMatch(/the cheapest candidate, since the budget is in economy or at its limit/u);
	});

	test('at the hard limit, the cheapest model when asked, else budget_exceeded with the window', async () => {
		const clock = fakeClock();
		const cheapest = await AdaptiveRouter.open({models: pricedApart, clock: clock.now, ...noExploration, budgets: {hourlyUsd: 0.5, onLimit: 'cheapest'}});
		await spend(cheapest, 0.5);
		const decision = cheapest.route('Write a sonnet about the sea, with a volta in the ninth line.');
		expect(decision.model).toBe('cheap');
		expect(decision.operations?.budget.mode).toBe('limit');

		const rejecting = await AdaptiveRouter.open({models: pricedApart, clock: clock.now, ...noExploration, budgets: {hourlyUsd: 0.5}});
		await spend(rejecting, 0.7);
		try {
			rejecting.route('Hi');
			expect.unreachable();
		} catch (error) {
			expect(isTierwiseError(error) && error.code).toBe('budget_exceeded');
			expect(isTierwiseError(error) && error.details).toMatchObject({window: {period: 'hour', scope: 'all'}, limitUsd: 0.5, spentUsd: 0.7});
			expect((error as Error).message).toMatch(/^\[tierwise\] .*hourly budget of \$0\.5 is spent \(\$0\.7 reported\)/u);
		}
	});

	test('per-user limits hold one user back and not the others', async () => {
		const router = await AdaptiveRouter.open({models: pricedApart, clock: fakeClock().now, ...noExploration, budgets: {perUser: {dailyUsd: 1}}});
		await spend(router, 1, 'ann');
		expect(errorCode(() => router.route('Hi', {user: 'ann'}))).toBe('budget_exceeded');
		expect(router.route('Hi', {user: 'bob'}).operations?.budget).toMatchObject({mode: 'normal', window: {scope: 'user'}, spentUsd: 0});
		expect(router.route('Hi').operations?.budget.window).toBeNull();
	});

	test('a per-request limit excludes the dearer models', async () => {
		const router = await AdaptiveRouter.open({models: pricedApart, ...noExploration, budgets: {perRequestUsd: 0.0001}});
		const decision = router.route('Hi', {costWeight: 0});
		expect(decision.model).toBe('cheap');
		expect(decision.excluded.filter(exclusion => exclusion.reason === 'budget').map(exclusion => exclusion.model).sort()).toEqual(['mid', 'premium']);
		expect(router.explain(decision)).toMatch(/budget for one request/u);
	});

	test('a budget client that refuses sends the request to the cheapest model, or refuses it', async () => {
		const asked: string[] = [];
		const budgetClient = {
			check(request: {model: string}) {
				asked.push(request.model);
				return request.model === 'cheap' ? {allowed: true} : {allowed: false, reason: 'team quota spent'};
			},
		};
		const lenient = await AdaptiveRouter.open({models: pricedApart, ...noExploration, budgetClient, budgets: {onLimit: 'cheapest'}});
		const decision = lenient.route('Hi', {costWeight: 0});
		expect(asked).toEqual(['premium', 'cheap']);
		expect(decision.model).toBe('cheap');
		expect(decision.operations?.budget).toMatchObject({mode: 'limit', deniedBy: 'team quota spent'});

		const strict = await AdaptiveRouter.open({models: pricedApart, ...noExploration, budgetClient});
		expect(errorCode(() => strict.route('Hi', {costWeight: 0}))).toBe('budget_exceeded');
	});

	test('bad budgets are refused when the router opens', async () => {
		await expect(AdaptiveRouter.open({budgets: {dailyUsd: -1}})).rejects.toThrow(RangeError);
		await expect(AdaptiveRouter.open({budgets: {economyBelow: 2}})).rejects.toThrow(/Expected `budgets.economyBelow` to be a share from 0 to 1, got `2`/u);
		await expect(AdaptiveRouter.open({budgets: {weekly: 3} as never})).rejects.toThrow(/Unknown key `weekly`/u);
	});
});
