import fc from 'fast-check';
import {expect} from 'vitest';
import type {z} from 'zod';
import type {Check} from '../../src/util/value-checks.js';

/**
 * Asserts that a hand check is no looser than the schema it stands in for: every value `values` draws that the
 * check accepts, the schema accepts too. At least `minAccepted` of the draws must pass the check, so that the
 * property says something.
 */
export function expectCheckWithinSchema(values: fc.Arbitrary<unknown>, check: Check, schema: z.ZodType, numRuns: number, minAccepted: number): void {
	let accepted = 0;
	fc.assert(fc.property(values, value => {
		if (check(value)) {
			accepted++;
			expect(schema.safeParse(value).success).toBe(true);
		}
	}), {numRuns});
	expect(accepted).toBeGreaterThan(minAccepted);
}
