import {describe, expect, test} from 'vitest';
import {AdaptiveRouter, checkResponse, type ModelConfig} from '../../src/index.js';
import {noExploration} from '../router/fixtures.js';

const models: readonly ModelConfig[] = [
	{name: 'cheap', provider: 'alpha', costPer1kInput: 0.0001, costPer1kOutput: 0.0002},
	{name: 'mid', provider: 'beta', costPer1kInput: 0.001, costPer1kOutput: 0.002},
	{name: 'premium', provider: 'gamma', costPer1kInput: 0.01, costPer1kOutput: 0.03},
];

const question = 'In which year did the Berlin Wall fall, and what led to it? Answer in two sentences.';

describe('cascade', () => {
	test('escalates on a hedging answer and stops on a confident one', async () => {
		const router = await AdaptiveRouter.open({models, ...noExploration});
		const answers: Record<string, string> = {
			cheap: 'I\'m not sure, it might be 1991, but it is hard to say.',
			mid: 'The Berlin Wall fell in 1989. Mass protests in East Germany and a botched announcement of eased travel rules led crowds to the crossings.',
		};
		const asked: string[] = [];
		const cascaded = await router.cascade(question, async ({model}) => {
			asked.push(model);
			return Promise.resolve(answers[model] ?? '');
		}, {confidenceThreshold: 0.7});
		expect(asked).toEqual(['cheap', 'mid']);
		expect(cascaded.accepted).toBe(true);
		expect(cascaded.result).toBe(answers.mid);
		expect(cascaded.decision).toMatchObject({model: 'mid', derivedFrom: {reason: 'cascade'}});
		expect(cascaded.steps.map(step => [step.model, step.confidence !== null && step.confidence >= 0.7])).toEqual([['cheap', false], ['mid', true]]);
		expect(cascaded.steps[0]?.signals.join()).toMatch(/hedge/u);
		// Each answer's confidence is its outcome.
		expect(router.modelPerformance('cheap').count).toBe(1);
		expect(router.modelPerformance('mid').averageQuality).toBeGreaterThanOrEqual(0.7);

		const confident = await router.cascade(question, async () => Promise.resolve(answers.mid ?? ''));
		expect(confident.steps).toHaveLength(1);
		expect(confident.decision.model).toBe('cheap');
	});

	test('a failed call escalates too; with a scorer its verdict decides', async () => {
		const router = await AdaptiveRouter.open({models, ...noExploration});
		const cascaded = await router.cascade('Hi', async ({model}) => (model === 'cheap'
			? Promise.reject(Object.assign(new Error('overloaded'), {status: 529}))
			: Promise.resolve(`hello from ${model}`)), {score: result => (result.endsWith('premium') ? 1 : 0.2)});
		expect(cascaded.steps.map(step => [step.model, step.failure ?? step.confidence])).toEqual([['cheap', 'transient'], ['mid', 0.2], ['premium', 1]]);
		expect(cascaded.result).toBe('hello from premium');
	});

	test('the default check finds refusals, hedges and very short answers', () => {
		expect(checkResponse('What is 2 + 2?', '4').confidence).toBe(1);
		expect(checkResponse('Explain photosynthesis', 'I\'m sorry, but I can\'t help with that.').confidence).toBeLessThanOrEqual(0.1);
		expect(checkResponse(question.repeat(3), 'Yes.').signals.join()).toMatch(/short answer/u);
		expect(checkResponse('Hi', '').confidence).toBe(0);
	});
});

describe('ensemble', () => {
	test('asks several models in parallel, detects consensus and keeps an agreeing answer', async () => {
		const router = await AdaptiveRouter.open({models, ...noExploration});
		const answers: Record<string, string> = {cheap: 'The answer is 42.', mid: 'It is 41.', premium: '42'};
		const started: string[] = [];
		let running = 0;
		let peak = 0;
		const result = await router.ensemble('What is six times seven?', async ({model}) => {
			started.push(model);
			running++;
			peak = Math.max(peak, running);
			await new Promise(resolve => {
				setTimeout(resolve, 5);
			});
			running--;
			return answers[model] ?? '';
		});
		expect(peak).toBe(3);
		expect(new Set(started)).toEqual(new Set(['cheap', 'mid', 'premium']));
		expect(result.consensus).toMatchObject({agreed: true, answer: 'The answer is 42.'});
		expect(result.consensus.share).toBeCloseTo(2 / 3, 12);
		expect(['cheap', 'premium']).toContain(result.winner.model);
		expect(result.members.map(member => member.model).sort()).toEqual(['cheap', 'mid', 'premium']);
		expect(router.analytics().totalRouted).toBe(3);
	});

	test('the cost cap holds: members whose estimates would pass it are left out', async () => {
		const router = await AdaptiveRouter.open({models, ...noExploration});
		const decision = router.route('What is six times seven?');
		const mid = decision.alternatives.find(alternative => alternative.model === 'mid')?.estimatedCostUsd ?? 0;
		const cap = decision.estimatedCostUsd + mid;
		const result = await router.ensemble('What is six times seven?', async () => Promise.resolve('42'), {size: 3, maxCostUsd: cap});
		expect(result.members.map(member => member.model)).toEqual(['cheap', 'mid']);
		expect(result.estimatedCostUsd).toBeLessThanOrEqual(cap);
		await expect(router.ensemble('What is six times seven?', async () => Promise.resolve('42'), {maxCostUsd: decision.estimatedCostUsd / 2})).rejects.toMatchObject({code: 'budget_exceeded'});
	});

	test('a scorer picks the best of N, and synthesize merges them', async () => {
		const router = await AdaptiveRouter.open({models, ...noExploration});
		const result = await router.ensemble('Name a colour.', async ({model}) => Promise.resolve(`${model} says blue`), {
			score: answer => (answer.startsWith('mid') ? 0.9 : 0.5),
			synthesize: members => members.map(member => member.result ?? '').sort().join(' | '),
		});
		expect(result.winner.model).toBe('mid');
		expect(result.result).toBe('cheap says blue | mid says blue | premium says blue');
		await expect(router.ensemble('Hi', async () => Promise.resolve('x'), {size: 0})).rejects.toMatchObject({code: 'invalid_input'});
	});
});
