import {mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {AdaptiveRouter, isTierwiseError, TIERS, type Tier} from '../../src/index.js';
import {noExploration, pricedApart} from '../router/fixtures.js';

const reports = Array.from({length: 20}, (_, index) => `Summarise the ${['quarterly', 'annual', 'monthly', 'weekly'][index % 4] ?? ''} sales report for region ${index} in two sentences.`);
const probe = 'Summarise the half-year sales report for region 77 in two sentences.';
const unrelated = 'What time is it in Tokyo?';

function tierRank(router: AdaptiveRouter, prompt: string): number {
	return TIERS.indexOf(router.route(prompt).classification.tier);
}

function expectedTier(router: AdaptiveRouter, prompt: string): number {
	const {scores} = router.route(prompt).classification;
	return TIERS.reduce((total, tier, index) => total + (index * scores[tier]), 0);
}

test('teaching prompts of a kind a harder tier moves prompts like them up, and leaves others alone', async () => {
	const router = await AdaptiveRouter.open({models: pricedApart, ...noExploration});
	const before = {probe: tierRank(router, probe), expected: expectedTier(router, probe), unrelated: router.route(unrelated).classification};
	for (const prompt of reports) {
		await router.teach(prompt, 'expert');
	}

	expect(tierRank(router, probe)).toBeGreaterThan(before.probe);
	expect(expectedTier(router, probe)).toBeGreaterThan(before.expected + 0.5);
	expect(router.route(unrelated).classification.tier).toBe(before.unrelated.tier);
	expect(router.route(unrelated).classification.confidence).toBeCloseTo(before.unrelated.confidence, 1);
	const drift = router.centroidDrift();
	expect(drift.expert.lessonWeight).toBe(20);
	expect(drift.expert.alignment).toBeLessThan(1);
	expect(drift.expert.alignment).toBeGreaterThanOrEqual(Math.cos(Math.PI / 6) - 1e-9);
	expect(drift.simple).toEqual({lessonWeight: 0, alignment: 1});
});

test('lessons are kept in the workspace: another process, a compaction and a reopen classify alike', async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-teach-'));
	const first = await AdaptiveRouter.open({workspace: directory, models: pricedApart, refreshIntervalMs: 0, ...noExploration});
	const second = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0, ...noExploration});
	for (const prompt of reports.slice(0, 10)) {
		await first.teach(prompt, 'expert');
	}

	await second.refresh();
	const scores = first.route(probe).classification.scores;
	expect(second.route(probe).classification.scores).toEqual(scores);
	await second.compact();
	await first.close();
	await second.close();
	const reopened = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0});
	expect(reopened.route(probe).classification.scores).toEqual(scores);
	expect(reopened.centroidDrift().expert.lessonWeight).toBe(10);
	await reopened.close();
});

test('a poorly scored outcome pulls the next tier a little; a good one, or one of an explored decision, teaches nothing', async () => {
	const router = await AdaptiveRouter.open({models: pricedApart, ...noExploration});
	const decision = router.route(probe);
	const next = TIERS[TIERS.indexOf(decision.tier) + 1] as Tier;
	await router.reportOutcome(decision.hash, 0.9);
	expect(router.centroidDrift()[next].lessonWeight).toBe(0);
	await router.reportOutcome(router.route(probe).hash, 0.2);
	expect(router.centroidDrift()[next].lessonWeight).toBe(0.25);

	const exploring = await AdaptiveRouter.open({models: pricedApart, abTestRate: 1, seed: 'explore'});
	const explored = exploring.route(probe);
	expect(explored.explored).toBe(true);
	await exploring.reportOutcome(explored.hash, 0.1);
	expect(Object.values(exploring.centroidDrift()).map(tier => tier.lessonWeight)).toEqual([0, 0, 0, 0, 0]);
});

test('teach refuses a bad prompt or tier with invalid_input', async () => {
	const router = await AdaptiveRouter.open({models: pricedApart});
	for (const [prompt, tier] of [['', 'simple'], ['  ', 'simple'], ['Hi', 'hard'], [42, 'simple']] as const) {
		const error: unknown = await router.teach(prompt as string, tier as Tier).catch((caught: unknown) => caught);
		expect(isTierwiseError(error) ? error.code : error).toBe('invalid_input');
	}

	expect(router.centroidDrift().simple.lessonWeight).toBe(0);
});
