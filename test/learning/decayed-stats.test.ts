import fc from 'fast-check';
import {expect, test} from 'vitest';
import {DecayedStats} from '../../src/learning/decayed-stats.js';

const day = 24 * 60 * 60 * 1000;

test('a value one half-life older than the newest weighs half as much', () => {
	const stats = new DecayedStats();
	stats.add(0, 0, day);
	stats.add(1, day, day);
	expect(stats.weight).toBeCloseTo(1.5, 12);
	expect(stats.mean(0)).toBeCloseTo(1 / 1.5, 12);
	expect(stats.count).toBe(2);
});

test('the result does not depend on the order values arrive in', () => {
	fc.assert(fc.property(
		fc.array(fc.record({value: fc.double({min: 0, max: 1, noNaN: true}), atMs: fc.integer({min: 0, max: 30 * day})}), {minLength: 1, maxLength: 40}),
		fc.integer({min: 0, max: 1000}),
		(values, seed) => {
			const forward = new DecayedStats();
			for (const {value, atMs} of values) {
				forward.add(value, atMs, 7 * day);
			}

			const shuffled = [...values].sort((a, b) => ((a.atMs * 31) + seed) % 97 - ((b.atMs * 31) + seed) % 97);
			const other = new DecayedStats();
			for (const {value, atMs} of shuffled) {
				other.add(value, atMs, 7 * day);
			}

			expect(other.weight).toBeCloseTo(forward.weight, 9);
			expect(other.mean(0)).toBeCloseTo(forward.mean(0), 9);
			expect(DecayedStats.fromJSON(forward.toJSON()).mean(0)).toBe(forward.mean(0));
		},
	));
});
