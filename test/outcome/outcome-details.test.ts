import fc from 'fast-check';
import {expect, test} from 'vitest';
import {isPlainOutcomeDetails, OUTCOME_ERROR_KINDS, outcomeDetailsSchema} from '../../src/outcome/outcome.js';

const anyValue = fc.oneof(fc.boolean(), fc.integer(), fc.double(), fc.constantFrom(...OUTCOME_ERROR_KINDS, 'exploded', undefined, null, Number.NaN, Number.POSITIVE_INFINITY, -1), fc.string());
const details = fc.dictionary(fc.constantFrom('success', 'latencyMs', 'inputTokens', 'outputTokens', 'costUsd', 'error', 'extra', '__proto__'), anyValue);

test('the hand check of outcome details accepts nothing the schema refuses, and every valid outcome', () => {
	fc.assert(fc.property(details, value => {
		if (isPlainOutcomeDetails(value)) {
			expect(outcomeDetailsSchema.safeParse(value).success).toBe(true);
		}
	}), {numRuns: 5000});
	fc.assert(fc.property(fc.record({
		success: fc.boolean(),
		latencyMs: fc.double({min: 0, max: 1e6, noNaN: true}),
		inputTokens: fc.nat(),
		outputTokens: fc.nat(),
		costUsd: fc.double({min: 0, max: 100, noNaN: true}),
		error: fc.constantFrom(...OUTCOME_ERROR_KINDS),
	}, {requiredKeys: []}), value => {
		expect(isPlainOutcomeDetails(value)).toBe(true);
	}));
	expect(isPlainOutcomeDetails([])).toBe(false);
	expect(isPlainOutcomeDetails(Object.assign(Object.create(null) as object, {costUsd: 1}))).toBe(true);
});
