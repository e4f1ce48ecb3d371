import {mkdtemp, readdir, readFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import {expect, test} from 'vitest';
import {AdaptiveRouter} from '../../src/index.js';
import {QUALITY_FEATURE_COUNT} from '../../src/learning/quality-features.js';
import {TIERS} from '../../src/tiers.js';
import {journalEntrySchema} from '../../src/workspace/file/journal-line.js';
import {isCheckedRecord} from '../../src/workspace/file/journal-record-checks.js';
import {expectCheckWithinSchema} from './hand-check-property.js';

// Now and then a value of the wrong kind or range in place of a valid one.
const odd = fc.constantFrom<unknown>(null, -1, 0, 1.5, 2 ** 60, '', 'x', true, [], {}, [1], ['a', 0], ['a', 1, 1], '2026-12-01T10:00:00Z');
const sometimesOdd = <T>(valid: fc.Arbitrary<T>) => fc.oneof({weight: 30, arbitrary: valid}, {weight: 1, arbitrary: odd});
/** A record with each optional field sometimes left out. */
const withOptional = (required: Record<string, fc.Arbitrary<unknown>>, optional: Record<string, fc.Arbitrary<unknown>>) => fc.record({...required, ...optional}, {requiredKeys: Object.keys(required)});
const list = <T>(item: fc.Arbitrary<T>) => sometimesOdd(fc.array(item, {maxLength: 3}));
const text = sometimesOdd(fc.string({maxLength: 4}));
const share = sometimesOdd(fc.double({min: 0, max: 1, noNaN: true}));
const amount = sometimesOdd(fc.double({min: 0, max: 1e6, noNaN: true}));
const tier = sometimesOdd(fc.constantFrom(...TIERS));
const digits = (value: number, width: number) => String(value).padStart(width, '0');
// Times in toISOString's form, and in its shape with any month, day, hour or second, leap days included.
const time = fc.oneof(
	sometimesOdd(fc.date({min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true}).map(date => date.toISOString())),
	fc.tuple(fc.constantFrom(1900, 2000, 2023, 2024, 2100), fc.integer({min: 0, max: 13}), fc.integer({min: 0, max: 32}), fc.integer({min: 0, max: 24}), fc.integer({min: 0, max: 60}))
		.map(([year, month, day, hour, second]) => `${year}-${digits(month, 2)}-${digits(day, 2)}T${digits(hour, 2)}:00:${digits(second, 2)}.000Z`),
);

const outcome = fc.record({
	type: fc.constant('outcome'),
	outcome: sometimesOdd(withOptional({hash: text, score: share, reportedAt: time}, {costUsd: amount})),
});

const observation = fc.record({
	type: fc.constant('observation'),
	observation: sometimesOdd(withOptional({
		tier,
		terms: list(sometimesOdd(fc.tuple(text, sometimesOdd(fc.integer({min: 1, max: 50}))))),
		inputTokens: amount,
		observedAt: time,
		results: list(sometimesOdd(withOptional({model: text, score: share, success: sometimesOdd(fc.boolean())}, {outputTokens: amount, costUsd: amount}))),
	}, {
		features: sometimesOdd(fc.array(fc.double({noNaN: true, noDefaultInfinity: true}), {minLength: QUALITY_FEATURE_COUNT, maxLength: QUALITY_FEATURE_COUNT})),
		experiment: sometimesOdd(fc.record({name: text, arm: sometimesOdd(fc.constantFrom('A', 'B')), costUsd: amount})),
		lesson: sometimesOdd(fc.record({tier, weight: sometimesOdd(fc.double({min: 0.01, max: 1, noNaN: true}))})),
		chosen: sometimesOdd(fc.boolean()),
	})),
});

test.each([
	['outcome', outcome],
	['observation', observation],
] as const)('the hand check of %s records accepts nothing the journal schema refuses', (_name, record) => {
	expectCheckWithinSchema(record, isCheckedRecord, journalEntrySchema, 3000, 50);
});

test('leaves every other record to the schema', () => {
	expect(isCheckedRecord({type: 'decision', decision: {}})).toBe(false);
	expect(isCheckedRecord({type: 'model', model: {name: 'm'}})).toBe(false);
	expect(isCheckedRecord(null)).toBe(false);
	expect(isCheckedRecord([])).toBe(false);
	expect(isCheckedRecord({type: 'seal'})).toBe(true);
});

test('accepts the outcomes and observations a router writes', async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-record-checks-'));
	const router = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0, abTestRate: 0.3, seed: 'checks', models: [
		{name: 'small', provider: 'p', costPer1kInput: 0.0001, costPer1kOutput: 0.0002},
		{name: 'large', provider: 'q', costPer1kInput: 0.01, costPer1kOutput: 0.03},
	]});
	router.createExperiment({name: 'arms', strategyA: 'cost_optimized', strategyB: 'quality_first', split: 0.5});
	for (let index = 0; index < 30; index++) {
		const decision = router.route(`Explain step ${index} of the proof, café ${index}`, index % 3 === 0 ? {experiment: 'arms', subject: `s${index}`} : {});
		await router.reportOutcome(decision.hash, (index % 5) / 4, index % 2 === 0 ? {costUsd: 0.001, outputTokens: 120} : {});
	}

	await router.teach('Prove the theorem in full', 'expert');
	await router.learn([{prompt: 'What is two plus two?', model: 'small', quality: 1, costUsd: 0.00001}]);
	await router.close();
	const records = [];
	for (const name of await readdir(path.join(directory, 'journal'))) {
		for (const line of (await readFile(path.join(directory, 'journal', name), 'utf8')).split('\n')) {
			const record = /"record":(.*)\}$/u.exec(line)?.[1];
			if (record !== undefined) {
				records.push(JSON.parse(record) as {type: string});
			}
		}
	}

	const checked = records.filter(record => ['outcome', 'observation', 'seal'].includes(record.type));
	expect(checked.filter(record => record.type === 'observation').length).toBeGreaterThan(30);
	expect(checked.filter(record => !isCheckedRecord(record))).toEqual([]);
});
