import {readdir, readFile, mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import {expect, test} from 'vitest';
import {AdaptiveRouter} from '../../src/index.js';
import {PRODUCT_COUNT} from '../../src/learning/feature-slopes.js';
import {QUALITY_FEATURE_COUNT} from '../../src/learning/quality-features.js';
import {isLearningFile} from '../../src/workspace/file/learning-file-check.js';
import {LEARNING_SCHEMA_VERSION, learningFileSchema} from '../../src/workspace/file/workspace-schemas.js';
import {expectCheckWithinSchema} from './hand-check-property.js';

// Now and then a value of the wrong kind or range in place of a valid one.
const odd = fc.constantFrom<unknown>(null, -1, 0, 1.5, 5, 2 ** 60, '', 'x', true, [], {}, [1], Number.NaN);
const sometimesOdd = <T>(valid: fc.Arbitrary<T>) => fc.oneof({weight: 60, arbitrary: valid}, {weight: 1, arbitrary: odd});
const number = sometimesOdd(fc.double({noNaN: true, noDefaultInfinity: true}));
const count = sometimesOdd(fc.nat());
const text = sometimesOdd(fc.string({maxLength: 6}));
const stats = sometimesOdd(fc.tuple(number, number, number, count, number));
const list = <T>(item: fc.Arbitrary<T>) => sometimesOdd(fc.array(item, {maxLength: 3}));
const entry = sometimesOdd(fc.oneof(
	fc.tuple(list(text), list(sometimesOdd(fc.integer({min: 1, max: 9}))), list(count), list(number)),
	fc.tuple(list(text), list(sometimesOdd(fc.integer({min: 1, max: 9}))), list(count), list(number), list(number)),
));
const numbers = (length: number) => sometimesOdd(fc.oneof({weight: 20, arbitrary: fc.array(number, {minLength: length, maxLength: length})}, {weight: 1, arbitrary: fc.array(number, {minLength: length - 1, maxLength: length - 1})}));
const tierSums = sometimesOdd(fc.tuple(sometimesOdd(fc.double({min: 0, noNaN: true, noDefaultInfinity: true})), number, number, numbers(QUALITY_FEATURE_COUNT), numbers(PRODUCT_COUNT), numbers(QUALITY_FEATURE_COUNT)));
const learningFile = fc.record({
	schemaVersion: sometimesOdd(fc.constantFrom(1, LEARNING_SCHEMA_VERSION)),
	observations: count,
	quality: list(sometimesOdd(fc.tuple(text, list(stats), list(stats)))),
	usage: list(sometimesOdd(fc.tuple(text, list(stats)))),
	memory: sometimesOdd(fc.oneof(
		fc.record({models: list(text), entries: list(entry)}),
		fc.record({models: list(text), terms: list(text), sizes: sometimesOdd(fc.tuple(count, count, count)), packed: text, crc: sometimesOdd(fc.constantFrom('0badf00d', '0BADF00D', '0badf00', 'x'))}),
	)),
	experiments: list(sometimesOdd(fc.tuple(text, list(number), list(number)))),
	floors: list(stats),
	centroids: list(sometimesOdd(fc.tuple(sometimesOdd(fc.integer({min: 0, max: 4})), sometimesOdd(fc.double({min: 0, noNaN: true, noDefaultInfinity: true})), list(sometimesOdd(fc.tuple(text, number)))))),
	slopes: list(sometimesOdd(fc.tuple(text, list(tierSums)))),
}, {requiredKeys: ['schemaVersion', 'observations', 'quality', 'usage', 'memory']}).chain(file => fc.oneof(
	{weight: 20, arbitrary: fc.constant<Record<string, unknown>>(file)},
	{weight: 1, arbitrary: fc.constant<Record<string, unknown>>({...file, extra: 1})},
));

test('the hand check of learning.json accepts nothing its schema refuses', () => {
	expectCheckWithinSchema(learningFile, isLearningFile, learningFileSchema, 4000, 20);
});

test('the hand check accepts the learning.json a router writes', async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-learning-check-'));
	const router = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0, models: [
		{name: 'small', provider: 'p', costPer1kInput: 0.0001, costPer1kOutput: 0.0002},
		{name: 'large', provider: 'p', costPer1kInput: 0.01, costPer1kOutput: 0.03},
	]});
	router.createExperiment({name: 'trial', strategyA: 'cost_optimized', strategyB: 'quality_first', split: 0.5});
	for (let index = 0; index < 40; index++) {
		const decision = router.route(`Explain step ${index} of the proof that there are infinitely many primes`, {experiment: 'trial', subject: `user-${index}`});
		await router.reportOutcome(decision.hash, (index % 5) / 4, {inputTokens: 40, outputTokens: 200});
	}

	await router.teach('Prove that every bounded monotone sequence converges', 'expert');
	await router.compact();
	const generations = (await readdir(path.join(directory, 'snapshots'))).filter(name => /^\d{8}$/u.test(name)).sort();
	const file = JSON.parse(await readFile(path.join(directory, 'snapshots', generations.at(-1) ?? '', 'learning.json'), 'utf8')) as {schemaVersion: number; memory: {sizes: number[]}; centroids?: unknown[]; slopes?: unknown[]};
	expect(file.schemaVersion).toBe(LEARNING_SCHEMA_VERSION);
	expect(file.memory.sizes[0]).toBeGreaterThan(0);
	expect(file.centroids?.length).toBeGreaterThan(0);
	expect(file.slopes?.length).toBeGreaterThan(0);
	expect(learningFileSchema.safeParse(file).success).toBe(true);
	expect(isLearningFile(file)).toBe(true);
	await router.close();
});
