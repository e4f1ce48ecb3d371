import fc from 'fast-check';
import {expect, test} from 'vitest';
import {OUTCOME_ERROR_KINDS, outcomeRecordOf, type OutcomeDetails} from '../../src/outcome/outcome.js';

test('an outcome record keeps every detail that is set, drops those set to undefined, and adds the hash, score and time', () => {
	const maybe = <T>(value: fc.Arbitrary<T>) => fc.option(value, {nil: undefined});
	const details = fc.record({
		success: maybe(fc.boolean()),
		latencyMs: maybe(fc.double({min: 0, max: 1e6, noNaN: true})),
		inputTokens: maybe(fc.nat()),
		outputTokens: maybe(fc.nat()),
		costUsd: maybe(fc.double({min: 0, max: 10, noNaN: true})),
		error: maybe(fc.constantFrom(...OUTCOME_ERROR_KINDS)),
	}, {requiredKeys: []});
	fc.assert(fc.property(details, fc.double({min: 0, max: 1, noNaN: true}), (given, score) => {
		const record = outcomeRecordOf(given as OutcomeDetails, 'h1', score, '2026-12-01T00:00:00.000Z');
		const set = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
		expect(record).toStrictEqual({...set, hash: 'h1', score, reportedAt: '2026-12-01T00:00:00.000Z'});
		expect(Object.values(record)).not.toContain(undefined);
	}));
});
