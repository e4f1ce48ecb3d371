import {mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {AdaptiveRouter, type ModelConfig} from '../../src/index.js';
import {pricedApart} from '../router/fixtures.js';

const sqlPrompts = Array.from({length: 24}, (_, index) => `Write a SQL query that joins the orders table with the customers table and returns the ${index + 3} customers with the largest total order value in 2025.`);
const unrelated = 'Hi there, how are you today?';

async function reportAll(router: AdaptiveRouter, prompts: readonly string[], score: number): Promise<void> {
	for (const prompt of prompts) {
		const decision = router.route(prompt);
		await router.reportOutcome(decision.hash, score, {success: score >= 0.5});
	}
}

describe('outcomes change routing', () => {
	test('after 20 outcomes scoring the cheap model 0.1 on one kind of prompt, that kind goes to a stronger model and others stay cheap', async () => {
		const router = await AdaptiveRouter.open({models: pricedApart, abTestRate: 0});
		expect(router.route(sqlPrompts[0] ?? '').model).toBe('cheap');
		await router.learn(sqlPrompts.slice(0, 20).map(prompt => ({prompt, model: 'cheap', quality: 0.1})));
		expect(router.modelPerformance('cheap').count).toBe(20);
		expect(router.modelPerformance('cheap').averageQuality).toBeCloseTo(0.1, 9);
		const later = router.route(sqlPrompts[22] ?? '');
		expect(later.model).not.toBe('cheap');
		expect(later.alternatives.find(alternative => alternative.model === 'cheap')?.predictedQuality).toBeLessThan(0.5);
		expect(router.explain(later)).toContain('predicted quality');
		expect(router.route(unrelated).model).toBe('cheap');
	});

	test('reported outcomes move a kind of prompt off a model that keeps scoring poorly on it, within 20 reports', async () => {
		const router = await AdaptiveRouter.open({models: pricedApart, abTestRate: 0});
		let reports = 0;
		for (const prompt of sqlPrompts.slice(0, 20)) {
			const decision = router.route(prompt);
			if (decision.model !== 'cheap') {
				break;
			}

			await router.reportOutcome(decision.hash, 0.1, {success: false});
			reports++;
		}

		expect(reports).toBeGreaterThan(0);
		expect(reports).toBeLessThan(20);
		expect(router.route(sqlPrompts[22] ?? '').model).not.toBe('cheap');
		expect(router.route(unrelated).model).toBe('cheap');
	});

	test('after outcomes showing the cheap model is enough for a kind of prompt, that kind moves down to it', async () => {
		const models: ModelConfig[] = pricedApart.map(model => (model.name === 'cheap' ? {...model, qualityPrior: 0.5} : {...model, qualityPrior: 0.9}));
		const router = await AdaptiveRouter.open({models, abTestRate: 0});
		expect(router.route(sqlPrompts[0] ?? '').model).toBe('mid');
		await router.learn(sqlPrompts.slice(0, 20).map(prompt => ({prompt, model: 'cheap', quality: 0.95})));
		expect(router.route(sqlPrompts[22] ?? '').model).toBe('cheap');
	});

	test('routes without a reported outcome are not failures', async () => {
		const router = await AdaptiveRouter.open({models: pricedApart, abTestRate: 0});
		for (let index = 0; index < 100; index++) {
			router.route(sqlPrompts[index % sqlPrompts.length] ?? '');
		}

		expect(router.modelPerformance('cheap')).toMatchObject({count: 0});
		expect(router.route(sqlPrompts[0] ?? '').model).toBe('cheap');
		expect(router.stats().observations).toBe(0);
	});

	test('reporting one decision twice counts once', async () => {
		const router = await AdaptiveRouter.open({models: pricedApart, abTestRate: 0});
		const decision = router.route(sqlPrompts[0] ?? '');
		expect(await router.reportOutcome(decision.hash, 0.2)).toEqual({hash: decision.hash, recorded: true});
		expect(await router.reportOutcome(decision.hash, 0.2)).toEqual({hash: decision.hash, recorded: false});
		expect(router.modelPerformance('cheap')).toMatchObject({count: 1, averageQuality: 0.2});
		expect(router.stats().observations).toBe(1);
	});

	test('modelPerformance reports quality, success and count by tier', async () => {
		const router = await AdaptiveRouter.open({models: pricedApart, abTestRate: 0});
		const decision = router.route(sqlPrompts[0] ?? '');
		await router.reportOutcome(decision.hash, 0.8, {success: true});
		const performance = router.modelPerformance('cheap');
		expect(performance).toMatchObject({model: 'cheap', count: 1, averageQuality: 0.8, successRate: 2 / 3});
		expect(performance.qualityByTier[decision.tier]).toEqual({count: 1, averageQuality: 0.8, successRate: 2 / 3});
		expect(router.modelPerformance('never-used')).toMatchObject({count: 0});
	});

	test('learned cost comes from reported usage: a model that answers at length is predicted to cost more', async () => {
		const router = await AdaptiveRouter.open({models: pricedApart, abTestRate: 0});
		const before = router.route(sqlPrompts[0] ?? '');
		await router.reportOutcome(before.hash, 0.9, {outputTokens: before.estimatedTokens.output * 10});
		const after = router.route(sqlPrompts[1] ?? '');
		expect(after.estimatedTokens.output).toBeGreaterThan(before.estimatedTokens.output * 5);
	});
});

describe('prompt features', () => {
	const models: readonly ModelConfig[] = [
		{name: 'cheap', provider: 'p', costPer1kInput: 0.0001, costPer1kOutput: 0.0002},
		{name: 'strong', provider: 'p', costPer1kInput: 0.01, costPer1kOutput: 0.03},
	];
	const fruit = ['apples', 'pears', 'plums', 'figs', 'limes', 'dates', 'kiwis', 'mangos'];
	const short = (index: number) => `Sam buys ${index + 3} ${fruit[index % 8] ?? ''} at 2 dollars each. How much does he pay?`;
	const long = (index: number) => `Sam buys ${index + 3} ${fruit[index % 8] ?? ''} at 2 dollars each and ${index + 5} bags of rice at 4 dollars each. He pays with a 100 dollar note and gets a coupon worth a tenth of his change. His sister then gives him half of what she has left after buying ${index + 2} books at 7 dollars each from the 90 dollars she started with. How much money does Sam have now?`;
	// Words none of the taught prompts share, so that no similar past prompt speaks for them: only their length and signals do.
	const shortQuestion = 'Name the river that flows through Paris.';
	const longQuestion = 'A train leaves the northern station carrying forty passengers and stops at five villages along the valley, where some travellers step off and others climb aboard with their luggage. At the third village half of those on board leave, and at the fourth a school group of twelve joins the remaining riders. Explain, step by step, how many people reach the southern terminal.';

	test('when the cheap model fails the long prompts of a tier and passes the short ones, a new long prompt goes up and a short one stays cheap', async () => {
		const router = await AdaptiveRouter.open({models, abTestRate: 0});
		// One tier for all (minTier), so that the tier's mean cannot tell short from long.
		const options = {minTier: 'expert'} as const;
		for (let index = 0; index < 30; index++) {
			await router.reportOutcome(router.route(short(index), {...options, costWeight: 1}).hash, 1);
			await router.reportOutcome(router.route(long(index), {...options, costWeight: 1}).hash, 0);
		}

		const shortDecision = router.route(shortQuestion, options);
		const longDecision = router.route(longQuestion, options);
		expect([shortDecision.tier, longDecision.tier]).toEqual(['expert', 'expert']);
		expect(shortDecision.model).toBe('cheap');
		expect(shortDecision.prediction?.featureAdjustment).toBeGreaterThan(0.1);
		expect(longDecision.model).toBe('strong');
		expect(longDecision.alternatives.find(alternative => alternative.model === 'cheap')?.predictedQuality).toBeLessThan(0.3);
		expect(router.explain(shortDecision)).toMatch(/\+0\.\d\d for this prompt's length and signals/u);
	});

	test('slopes learned in one process reach another through the journal, and survive compaction and reopening', async () => {
		const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-slopes-'));
		const writer = await AdaptiveRouter.open({workspace: directory, models, abTestRate: 0, refreshIntervalMs: 0});
		const reader = await AdaptiveRouter.open({workspace: directory, abTestRate: 0, refreshIntervalMs: 0});
		const options = {minTier: 'expert'} as const;
		for (let index = 0; index < 12; index++) {
			await writer.reportOutcome(writer.route(short(index), {...options, costWeight: 1}).hash, 0.9);
			await writer.reportOutcome(writer.route(long(index), {...options, costWeight: 1}).hash, 0.2);
		}

		await reader.refresh();
		const predictions = (router: AdaptiveRouter) => [shortQuestion, longQuestion].map(prompt => {
			const decision = router.route(prompt, options);
			return {prediction: decision.prediction, alternatives: decision.alternatives};
		});
		const learned = predictions(writer);
		expect(learned[0]?.prediction?.featureAdjustment).toBeGreaterThan(0.05);
		expect(predictions(reader)).toEqual(learned);
		await writer.compact();
		await writer.close();
		await reader.close();

		const reopened = await AdaptiveRouter.open({workspace: directory, abTestRate: 0, refreshIntervalMs: 0});
		expect(predictions(reopened)).toEqual(learned);
		await reopened.close();
	});
});

describe('exploration', () => {
	test('explores a share of routes within 4σ of abTestRate over 10,000 routes', async () => {
		const rate = 0.05;
		const router = await AdaptiveRouter.open({models: pricedApart, abTestRate: rate, seed: 'share'});
		let explored = 0;
		for (let index = 0; index < 10_000; index++) {
			const decision = router.route(sqlPrompts[index % sqlPrompts.length] ?? '');
			explored += decision.explored ? 1 : 0;
			expect(decision.model === 'cheap').toBe(!decision.explored);
		}

		const sigma = Math.sqrt(10_000 * rate * (1 - rate));
		expect(Math.abs(explored - (10_000 * rate))).toBeLessThanOrEqual(4 * sigma);
	});

	test('one seed gives the same decisions twice', async () => {
		const run = async () => {
			const router = await AdaptiveRouter.open({models: pricedApart, abTestRate: 0.3, seed: 'replay'});
			const models: string[] = [];
			for (const [index, prompt] of sqlPrompts.entries()) {
				const decision = router.route(prompt);
				models.push(decision.model);
				await router.reportOutcome(decision.hash, (index % 3) / 2);
			}

			return models;
		};

		const first = await run();
		expect(await run()).toEqual(first);
		expect(new Set(first).size).toBeGreaterThan(1);
	});
});

describe('confidence-gated escalation', () => {
	test('always: escalates to the escalation model and says why', async () => {
		const router = await AdaptiveRouter.open({models: pricedApart, abTestRate: 0, lowConfidenceThreshold: 1, escalationModel: 'premium'});
		const decision = router.route(unrelated);
		expect(decision).toMatchObject({model: 'premium', escalated: true, originalConfidence: decision.confidence});
		expect(decision.escalationReason).toContain('below lowConfidenceThreshold 1');
		expect(router.explain(decision)).toContain('lowConfidenceThreshold');
	});

	test('always without a model routes one tier up', async () => {
		const router = await AdaptiveRouter.open({models: pricedApart, abTestRate: 0, lowConfidenceThreshold: 1});
		const decision = router.route(unrelated);
		expect(decision.escalated).toBe(true);
		expect(decision.tier).not.toBe(decision.classifiedTier);
	});

	test('log_only and ask record the gate but keep the usual model', async () => {
		for (const strategy of ['log_only', 'ask'] as const) {
			const router = await AdaptiveRouter.open({models: pricedApart, abTestRate: 0, lowConfidenceThreshold: 1, escalationModel: 'premium', escalationStrategy: strategy});
			const decision = router.route(unrelated);
			expect(decision).toMatchObject({model: 'cheap', escalated: false, originalConfidence: decision.confidence});
			expect(decision.escalationReason).toContain(strategy === 'ask' ? 'ask before escalating to premium' : 'logged only');
		}
	});

	test('does not fire above the threshold', async () => {
		const router = await AdaptiveRouter.open({models: pricedApart, abTestRate: 0, lowConfidenceThreshold: 0, escalationModel: 'premium'});
		expect(router.route(unrelated)).toMatchObject({model: 'cheap', escalated: false, originalConfidence: null, escalationReason: null});
	});
});

describe('learn', () => {
	test('takes replay lines and log lines, and refuses a bad record without learning anything', async () => {
		const router = await AdaptiveRouter.open({models: pricedApart, abTestRate: 0});
		expect(await router.learn([
			{prompt: 'What is 2 + 2?', outcomes: {cheap: {quality: 1, costUsd: 0.000_01}, mid: {quality: 1}}},
			{prompt: 'Prove Fermat’s little theorem.', model: 'premium', quality: 0.9, costUsd: 0.02},
		])).toEqual({records: 2, results: 3});
		await expect(router.learn([{prompt: 'fine', model: 'cheap', quality: 0.5}, {prompt: 'bad', model: 'cheap', quality: 2}])).rejects.toMatchObject({code: 'invalid_input', details: {record: 2}});
		expect(router.stats().observations).toBe(2);
	});
});

describe('learning is kept in the workspace', () => {
	test('another process sees outcomes after refresh, and everything learned survives compaction and reopening', async () => {
		const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-learning-'));
		const writer = await AdaptiveRouter.open({workspace: directory, models: pricedApart, abTestRate: 0, refreshIntervalMs: 0});
		const reader = await AdaptiveRouter.open({workspace: directory, abTestRate: 0, refreshIntervalMs: 0});
		await reportAll(writer, sqlPrompts.slice(0, 20), 0.1);
		await reader.refresh();
		expect(reader.modelPerformance('cheap')).toEqual(writer.modelPerformance('cheap'));
		expect(reader.route(sqlPrompts[22] ?? '').model).toBe(writer.route(sqlPrompts[22] ?? '').model);
		// The reader learned from the writer's journal what the writer learned: its predictions are the same.
		expect(reader.route(sqlPrompts[21] ?? '').prediction).toEqual(writer.route(sqlPrompts[21] ?? '').prediction);

		const performance = writer.modelPerformance('cheap');
		const chosen = writer.route(sqlPrompts[23] ?? '').model;
		const prediction = writer.route(sqlPrompts[23] ?? '').prediction;
		expect(await writer.compact()).toMatchObject({learned: 20});
		await writer.close();
		await reader.close();

		const reopened = await AdaptiveRouter.open({workspace: directory, abTestRate: 0, refreshIntervalMs: 0});
		expect(reopened.stats().observations).toBe(20);
		expect(reopened.modelPerformance('cheap')).toEqual(performance);
		expect(reopened.route(sqlPrompts[23] ?? '').model).toBe(chosen);
		expect(reopened.route(sqlPrompts[23] ?? '').prediction).toEqual(prediction);
		await reopened.close();
	});
});
