import fc from 'fast-check';
import {expect, test} from 'vitest';
import {quickReplayLine, replayLineSchema} from '../../src/replay/replay-line.js';

const odd = fc.constantFrom<unknown>(null, -1, 1.5, '', ' ', 'x', true, [], {}, Number.NaN, Number.POSITIVE_INFINITY);
const sometimesOdd = <T>(valid: fc.Arbitrary<T>) => fc.oneof({weight: 15, arbitrary: valid}, {weight: 1, arbitrary: odd});
const outcome = sometimesOdd(fc.record({
	quality: sometimesOdd(fc.double({min: 0, max: 1, noNaN: true})),
	costUsd: sometimesOdd(fc.double({min: 0, max: 10, noNaN: true})),
	extra: fc.string(),
}, {requiredKeys: ['quality', 'costUsd']}));
const line = fc.record({
	id: sometimesOdd(fc.oneof(fc.string({minLength: 1}), fc.integer())),
	prompt: sometimesOdd(fc.string()),
	task: sometimesOdd(fc.string()),
	outcomes: sometimesOdd(fc.dictionary(fc.oneof(fc.string({maxLength: 4}), fc.constantFrom('constructor', 'toString')), outcome, {maxKeys: 3})),
	extra: fc.integer(),
}, {requiredKeys: ['id', 'prompt', 'outcomes']});

test('the hand check of replay lines gives what the schema gives, and nothing it refuses', () => {
	let accepted = 0;
	fc.assert(fc.property(line, value => {
		// As a file line: what JSON.parse would give.
		const json = JSON.parse(JSON.stringify(value)) as unknown;
		const quick = quickReplayLine(json);
		const parsed = replayLineSchema.safeParse(json);
		if (quick !== undefined) {
			accepted++;
			expect(parsed.success).toBe(true);
			expect(JSON.stringify(quick)).toBe(JSON.stringify(parsed.data));
		}
	}), {numRuns: 5000});
	expect(accepted).toBeGreaterThan(500);
	expect(quickReplayLine({id: 7, prompt: 'What is 2 + 2?', outcomes: {a: {quality: 1, costUsd: 0}}})).toEqual({id: '7', prompt: 'What is 2 + 2?', outcomes: {a: {quality: 1, costUsd: 0}}});
});

test('a model named __proto__ is kept, where the schema would set a prototype with it and lose it', () => {
	const json = JSON.parse('{"id": "p1", "prompt": "Hi", "outcomes": {"__proto__": {"quality": 1, "costUsd": 0.1}, "b": {"quality": 0, "costUsd": 0}}}') as unknown;
	const line = quickReplayLine(json);
	expect(Object.keys(line?.outcomes ?? {})).toEqual(['__proto__', 'b']);
	expect(Object.getPrototypeOf(line?.outcomes)).toBe(Object.prototype);
	expect(({} as Record<string, unknown>).quality).toBeUndefined();
});
