import {mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {AdaptiveRouter, isTierwiseError} from '../../src/index.js';
import {ladder, noExploration, pricedApart} from '../router/fixtures.js';

const careful = {name: 'careful', strategyA: 'cost_optimized', strategyB: 'quality_first'} as const;
const simplePrompt = 'Translate "good morning" into French.';

async function workspace(): Promise<string> {
	return mkdtemp(path.join(tmpdir(), 'tierwise-experiments-'));
}

/** Routes a prompt for users until one lands in each arm; returns a decision of each. */
function oneOfEach(router: AdaptiveRouter, prompt: string, experiment: string) {
	const decisions = Array.from({length: 40}, (_, index) => router.route(prompt, {experiment, user: `user-${index}`}));
	const a = decisions.find(decision => decision.abVariant === 'A');
	const b = decisions.find(decision => decision.abVariant === 'B');
	if (a === undefined || b === undefined) {
		throw new Error('40 users all landed in one arm');
	}

	return {a, b};
}

function expectCode(run: () => unknown, code: string): void {
	try {
		run();
	} catch (error) {
		expect(isTierwiseError(error) ? error.code : error).toBe(code);
		return;
	}

	throw new Error(`expected a TierwiseError with code ${code}`);
}

describe('assignment', () => {
	test('gives each subject the same arm in every router', async () => {
		const first = await AdaptiveRouter.open({models: pricedApart, ...noExploration});
		const second = await AdaptiveRouter.open({models: pricedApart, ...noExploration});
		first.createExperiment(careful);
		second.createExperiment(careful);
		for (let index = 0; index < 200; index++) {
			const options = {experiment: 'careful', user: `user-${index}`};
			expect(second.route(simplePrompt, options).abVariant).toBe(first.route(simplePrompt, options).abVariant);
		}
	});

	test('splits subjects between the arms within their binomial bound', async () => {
		const router = await AdaptiveRouter.open({models: pricedApart, ...noExploration});
		router.createExperiment({...careful, split: 0.3});
		const subjects = 10_000;
		let inA = 0;
		for (let index = 0; index < subjects; index++) {
			inA += router.route('Hi', {experiment: 'careful', subject: `subject-${index}`}).abVariant === 'A' ? 1 : 0;
		}

		const sigma = Math.sqrt(subjects * 0.3 * 0.7);
		expect(Math.abs(inA - (subjects * 0.3))).toBeLessThan(4 * sigma);
	});

	test('assigns by subject, else user, else the prompt', async () => {
		const router = await AdaptiveRouter.open({models: pricedApart, ...noExploration});
		router.createExperiment(careful);
		const byPrompt = Array.from({length: 5}, () => router.route(simplePrompt, {experiment: 'careful'}).abVariant);
		expect(new Set(byPrompt).size).toBe(1);
		const arms = new Set(Array.from({length: 40}, (_, index) => router.route(simplePrompt, {experiment: 'careful', subject: `s-${index}`, user: 'one-user'}).abVariant));
		expect(arms).toEqual(new Set(['A', 'B']));
	});
});

describe('strategies', () => {
	test('quality_first routes one tier up, cost_optimized as usual, and the decision says which arm', async () => {
		const router = await AdaptiveRouter.open({models: ladder, ...noExploration});
		router.createExperiment(careful);
		const plain = router.route(simplePrompt);
		const {a, b} = oneOfEach(router, simplePrompt, 'careful');
		expect(a.tier).toBe(plain.tier);
		expect(a.model).toBe(plain.model);
		expect(b.tier).not.toBe(plain.tier);
		expect(b.constraints.minTier).toBe(b.tier);
		expect(b.experiment).toEqual({name: 'careful', arm: 'B', strategy: 'quality_first'});
		expect(router.explain(b)).toContain('Experiment: careful, arm B (quality_first)');
		expect(b.reasoning.join(' ')).toContain('experiment careful as arm B');
		expect(plain.abVariant).toBeNull();
		expect(plain.experiment).toBeNull();
	});

	test('best_quality and option strategies set what they name and keep the caller\'s limits', async () => {
		const router = await AdaptiveRouter.open({models: pricedApart.map(model => ({...model, qualityPrior: model.name === 'premium' ? 0.95 : 0.6})), ...noExploration});
		router.createExperiment({name: 'best', strategyA: 'best_quality', strategyB: {prefer: 'beta'}});
		const {a, b} = oneOfEach(router, simplePrompt, 'best');
		expect(a.model).toBe('premium');
		expect(a.constraints.costWeight).toBe(0);
		expect(b.model).toBe('mid');
		expect(b.experiment?.strategy).toBe('prefer beta');
		const capped = router.route(simplePrompt, {experiment: 'best', user: a.user ?? '', maxCostUsd: 0.0001});
		expect(capped.abVariant).toBe('A');
		expect(capped.model).toBe('cheap');
	});
});

describe('results', () => {
	async function runArms(router: AdaptiveRouter, experiment: string, scores: {A: readonly number[]; B: readonly number[]}): Promise<void> {
		const used = {A: 0, B: 0};
		for (let index = 0; used.A < scores.A.length || used.B < scores.B.length; index++) {
			const decision = router.route(simplePrompt, {experiment, user: `user-${index}`});
			const arm = decision.abVariant as 'A' | 'B';
			const score = scores[arm][used[arm]];
			if (score !== undefined) {
				used[arm]++;
				await router.reportOutcome(decision.hash, score, {costUsd: arm === 'A' ? 0.001 : 0.002 + (score / 1000)});
			}
		}
	}

	test('names no winner while arms do not differ significantly, nor before each has enough outcomes', async () => {
		const router = await AdaptiveRouter.open({models: pricedApart, ...noExploration});
		router.createExperiment(careful);
		const scores = [0.9, 0.6, 0.75, 0.8, 0.7, 0.85, 0.65, 0.95];
		await runArms(router, 'careful', {A: scores.slice(0, 3), B: scores.slice(0, 3)});
		const early = router.experimentResults('careful');
		expect(early.arms.A.outcomes).toBe(3);
		expect(early.quality).toBeNull();
		expect(early.winner).toBeNull();
		expect(early.summary).toContain('Too few outcomes');

		router.createExperiment({...careful, name: 'level'});
		await runArms(router, 'level', {A: scores, B: [...scores].reverse()});
		const level = router.experimentResults('level');
		expect(level.quality?.pValue).toBeCloseTo(1, 9);
		expect(level.winner).toBeNull();
		expect(level.summary).toContain('No significant difference in quality');
		expect(level.cost?.significant).toBe(true);
		expect(level.summary).toMatch(/A \(cost_optimized\) costs \d+% less/u);
	});

	test('names the arm with significantly higher quality the winner, with the test behind it', async () => {
		const router = await AdaptiveRouter.open({models: pricedApart, ...noExploration});
		router.createExperiment(careful);
		await runArms(router, 'careful', {A: [0.5, 0.55, 0.45, 0.6, 0.5, 0.4], B: [0.9, 0.85, 0.95, 0.9, 0.8, 0.88]});
		const results = router.experimentResults('careful');
		expect(results.arms.A).toMatchObject({outcomes: 6, meanCostUsd: 0.001, totalCostUsd: expect.closeTo(0.006, 12) as number});
		expect(results.arms.B.meanQuality).toBeCloseTo(0.88, 9);
		expect(results.quality?.test).toBe('welch_t_test');
		expect(results.quality?.pValue).toBeLessThan(0.001);
		expect(results.winner).toBe('B');
		expect(results.summary).toContain('B (quality_first) scores higher');
		expect(router.experimentResults('careful', {significanceLevel: 1e-12}).winner).toBeNull();
	});

	test('counts an outcome reported twice once', async () => {
		const router = await AdaptiveRouter.open({models: pricedApart, ...noExploration});
		router.createExperiment(careful);
		const decision = router.route(simplePrompt, {experiment: 'careful', user: 'u'});
		await router.reportOutcome(decision.hash, 0.9);
		await router.reportOutcome(decision.hash, 0.1);
		const arm = router.experimentResults('careful').arms[decision.abVariant as 'A' | 'B'];
		expect(arm.outcomes).toBe(1);
		expect(arm.meanQuality).toBe(0.9);
		expect(arm.meanCostUsd).toBe(decision.estimatedCostUsd);
	});

	test('an ended experiment takes no more arms and keeps its results', async () => {
		const router = await AdaptiveRouter.open({models: pricedApart, ...noExploration});
		router.createExperiment(careful);
		const decision = router.route(simplePrompt, {experiment: 'careful', user: 'u'});
		await router.reportOutcome(decision.hash, 0.7);
		expect(router.endExperiment('careful')).toBe(true);
		expect(router.endExperiment('careful')).toBe(false);
		expect(router.route(simplePrompt, {experiment: 'careful', user: 'u'}).abVariant).toBeNull();
		const results = router.experimentResults('careful');
		expect(results.endedAt).not.toBeNull();
		expect(results.arms.A.outcomes + results.arms.B.outcomes).toBe(1);
	});
});

describe('in a workspace', () => {
	test('every process sees the experiment, assigns alike, and the results add up across processes and a reopen', async () => {
		const directory = await workspace();
		const first = await AdaptiveRouter.open({workspace: directory, models: pricedApart, refreshIntervalMs: 0, ...noExploration});
		first.createExperiment(careful);
		await first.flush();
		const second = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0, ...noExploration});
		expect(second.experiments().map(experiment => experiment.name)).toEqual(['careful']);
		for (let index = 0; index < 20; index++) {
			const router = index % 2 === 0 ? first : second;
			const decision = router.route(simplePrompt, {experiment: 'careful', user: `user-${index}`});
			// Reported by the other process: it reads the decision from the workspace.
			await (router === first ? second : first).reportOutcome(decision.hash, decision.abVariant === 'A' ? 0.6 : 0.8, {costUsd: 0.001});
		}

		await first.refresh();
		await second.refresh();
		const fromFirst = first.experimentResults('careful');
		expect(fromFirst.arms.A.outcomes + fromFirst.arms.B.outcomes).toBe(20);
		expect(second.experimentResults('careful').arms).toEqual(fromFirst.arms);
		second.endExperiment('careful');
		await second.flush();
		await first.compact();
		await first.close();
		await second.close();

		const reopened = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0});
		const results = reopened.experimentResults('careful');
		expect(results.arms).toEqual(fromFirst.arms);
		expect(results.endedAt).not.toBeNull();
		await reopened.close();
	});
});

test('two processes creating one name at once end up with the first written', async () => {
	const directory = await workspace();
	const first = await AdaptiveRouter.open({workspace: directory, models: pricedApart, refreshIntervalMs: 0});
	const second = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0});
	first.createExperiment({...careful, split: 0.2});
	await first.flush();
	second.createExperiment({...careful, split: 0.9});
	await second.flush();
	await first.refresh();
	expect(second.experiments()).toEqual(first.experiments());
	expect(second.experiments()[0]?.split).toBe(0.2);
	await first.close();
	await second.close();
});

test('a read-only workspace refuses new experiments and lessons, and changes nothing', async () => {
	const directory = await workspace();
	const writer = await AdaptiveRouter.open({workspace: directory, models: pricedApart, refreshIntervalMs: 0});
	await writer.close();
	const reader = await AdaptiveRouter.open({workspace: directory, readOnly: true, refreshIntervalMs: 0});
	expectCode(() => reader.createExperiment(careful), 'workspace_read_only');
	expect(reader.experiments()).toEqual([]);
	const error: unknown = await reader.teach('Hi', 'expert').catch((caught: unknown) => caught);
	expect(isTierwiseError(error) ? error.code : error).toBe('workspace_read_only');
	expect(reader.centroidDrift().expert.lessonWeight).toBe(0);
	await reader.close();
});

describe('bad input', () => {
	test('an unknown or duplicate experiment, or a bad definition, is a typed error', async () => {
		const router = await AdaptiveRouter.open({models: pricedApart});
		expectCode(() => router.route('Hi', {experiment: 'nope'}), 'unknown_experiment');
		expectCode(() => router.experimentResults('nope'), 'unknown_experiment');
		router.createExperiment(careful);
		expectCode(() => router.createExperiment(careful), 'duplicate_experiment');
		expectCode(() => router.createExperiment({...careful, name: 'x', split: 1}), 'invalid_input');
		expectCode(() => router.createExperiment({...careful, name: 'x', strategyB: 'fastest' as 'quality_first'}), 'invalid_input');
		expectCode(() => router.createExperiment({...careful, name: ''}), 'invalid_input');
		expect(router.experiments()).toHaveLength(1);
	});

	test('__proto__ and constructor work as experiment names', async () => {
		const router = await AdaptiveRouter.open({models: pricedApart, ...noExploration});
		for (const name of ['__proto__', 'constructor']) {
			router.createExperiment({...careful, name});
			expect(router.route('Hi', {experiment: name, user: 'u'}).experiment?.name).toBe(name);
			expect(router.experimentResults(name).name).toBe(name);
		}

		expect(Object.prototype).not.toHaveProperty('strategyA');
	});
});
