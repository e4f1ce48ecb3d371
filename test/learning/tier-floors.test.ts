import {mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import {expect, test} from 'vitest';
import {AdaptiveRouter, QUALITY_TOLERANCE, type ModelConfig} from '../../src/index.js';
import {FLOOR_MIN_OUTCOMES, TierFloors} from '../../src/learning/tier-floors.js';

const dayMs = 24 * 60 * 60 * 1000;
const words = ['cat', 'dog', 'house', 'tree', 'river', 'book', 'car', 'city', 'school', 'friend', 'window', 'garden', 'music', 'table', 'water'];
const translations = words.map(word => `Translate the word "${word}" into French.`);
const probe = 'Translate the word "bridge" into French.';

/** Priors set so that the simple tier's tolerance (0.08) leaves `cheap` just below the bar and `mid` above it. */
const models: ModelConfig[] = [
	{name: 'mid', provider: 'beta', costPer1kInput: 0.001, costPer1kOutput: 0.002, qualityPrior: 0.86},
	{name: 'cheap', provider: 'alpha', costPer1kInput: 0.0001, costPer1kOutput: 0.0002, qualityPrior: 0.8},
	{name: 'premium', provider: 'gamma', costPer1kInput: 0.01, costPer1kOutput: 0.03, qualityPrior: 0.9},
];

test('a floor moves only with enough outcomes, rises as successes fall and relaxes as they near all', () => {
	fc.assert(fc.property(fc.array(fc.boolean(), {maxLength: 60}), outcomes => {
		const floors = new TierFloors(14 * dayMs);
		for (const [index, success] of outcomes.entries()) {
			floors.record('moderate', success, index);
		}

		const floor = floors.floor('moderate');
		expect(floor.tolerance).toBeGreaterThanOrEqual(0);
		expect(floor.tolerance).toBeLessThanOrEqual(2 * QUALITY_TOLERANCE.moderate + 1e-12);
		if (outcomes.length < FLOOR_MIN_OUTCOMES) {
			expect(floor.change).toBe('none');
			expect(floor.tolerance).toBe(QUALITY_TOLERANCE.moderate);
		}

		expect(floor.change === 'raised').toBe(floor.tolerance < QUALITY_TOLERANCE.moderate);
		expect(floor.change === 'relaxed').toBe(floor.tolerance > QUALITY_TOLERANCE.moderate);
		expect(floors.floor('simple').change).toBe('none');
	}));

	const failing = new TierFloors(14 * dayMs);
	const succeeding = new TierFloors(14 * dayMs);
	for (let index = 0; index < 20; index++) {
		failing.record('complex', index % 4 === 0, index);
		succeeding.record('complex', true, index);
	}

	expect(failing.floor('complex')).toMatchObject({change: 'raised', tolerance: 0, successRate: expect.closeTo(0.25, 6) as number});
	expect(succeeding.floor('complex')).toMatchObject({change: 'relaxed', tolerance: 2 * QUALITY_TOLERANCE.complex, successRate: 1});
});

test('a tier whose prompts always succeed on their models relaxes its floor, so a cheaper model clears it, and says so', async () => {
	const router = await AdaptiveRouter.open({models, abTestRate: 0});
	const before = router.route(probe);
	expect(before.model).toBe('mid');
	expect(before.prediction?.floor).toMatchObject({change: 'none', tolerance: QUALITY_TOLERANCE.simple});
	for (const prompt of translations.slice(0, 12)) {
		await router.reportOutcome(router.route(prompt).hash, 0.9, {success: true});
	}

	const after = router.route(probe);
	expect(after.prediction?.floor?.change).toBe('relaxed');
	expect(after.prediction?.floor?.tolerance).toBeGreaterThan(QUALITY_TOLERANCE.simple);
	expect(after.model).toBe('cheap');
	expect(router.explain(after)).toContain('the floor is relaxed from 0.080');
});

test('a tier whose prompts keep failing on their models raises its floor, so the best predicted model wins over cheaper ones, and says so', async () => {
	const router = await AdaptiveRouter.open({models: models.map(model => (model.name === 'cheap' ? {...model, qualityPrior: 0.86} : model)), abTestRate: 0});
	expect(router.route(probe).model).toBe('cheap');
	// Reported for another kind of prompt of the same tier, so that the neighbours say nothing of the probe.
	for (let index = 0; index < 12; index++) {
		const decision = router.route(`Give me a synonym for "${words[index] ?? ''}".`);
		expect(decision.tier).toBe('simple');
		await router.reportOutcome(decision.hash, 0.2, {success: false});
	}

	const after = router.route(probe);
	expect(after.prediction?.floor).toMatchObject({change: 'raised', tolerance: 0, successRate: 0});
	const best = Math.max(...after.alternatives.map(alternative => alternative.predictedQuality ?? 0));
	expect(after.prediction?.quality).toBeGreaterThanOrEqual(best);
	expect(after.alternatives.some(alternative => alternative.estimatedCostUsd < after.estimatedCostUsd)).toBe(true);
	expect(router.explain(after)).toContain('the floor is raised from 0.080');
});

test('outcomes of explored decisions and of history leave the floors alone; floors survive a compaction and a reopen', async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-floors-'));
	const exploring = await AdaptiveRouter.open({workspace: directory, models, abTestRate: 1, seed: 'floors', refreshIntervalMs: 0});
	for (const prompt of translations.slice(0, 12)) {
		await exploring.reportOutcome(exploring.route(prompt).hash, 0.9, {success: true});
	}

	await exploring.learn(translations.map(prompt => ({prompt, model: 'mid', quality: 1})));
	expect(exploring.route(probe).prediction?.floor?.outcomes).toBe(0);
	await exploring.close();

	const router = await AdaptiveRouter.open({workspace: directory, abTestRate: 0, refreshIntervalMs: 0});
	for (const prompt of translations.slice(0, 12)) {
		await router.reportOutcome(router.route(prompt).hash, 0.9, {success: true});
	}

	const floor = router.route(probe).prediction?.floor;
	expect(floor?.change).toBe('relaxed');
	await router.compact();
	await router.close();
	const reopened = await AdaptiveRouter.open({workspace: directory, abTestRate: 0, refreshIntervalMs: 0});
	expect(reopened.route(probe).prediction?.floor).toEqual(floor);
	await reopened.close();
});
