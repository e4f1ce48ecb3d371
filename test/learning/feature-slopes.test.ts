import fc from 'fast-check';
import {expect, test} from 'vitest';
import {FeatureSlopes} from '../../src/learning/feature-slopes.js';
import {QUALITY_FEATURE_COUNT} from '../../src/learning/quality-features.js';

const day = 24 * 60 * 60 * 1000;

/** Features with `values` first and zeros after. */
function features(...values: number[]): number[] {
	return Array.from({length: QUALITY_FEATURE_COUNT}, (_, index) => values[index] ?? 0);
}

test('a score that falls with the first feature and rises with the third is predicted so, around the tier mean', () => {
	const slopes = new FeatureSlopes(Number.POSITIVE_INFINITY);
	let lengthSum = 0;
	let mathsSum = 0;
	const count = 400;
	for (let index = 0; index < count; index++) {
		const length = 2 + (((index * 7) % 13) / 4);
		const maths = (index * 5) % 3;
		lengthSum += length;
		mathsSum += maths;
		slopes.record('m', 2, features(length, 0, maths), 0.9 - (0.1 * length) + (0.05 * maths), index);
	}

	// Against the tier's mean prompt, one 1.5 units longer is 0.15 lower, one with a unit more maths 0.05 higher.
	const [length, maths] = [lengthSum / count, mathsSum / count];
	expect(slopes.adjustment('m', 2, features(length + 1.5, 0, maths))).toBeCloseTo(-0.15, 2);
	expect(slopes.adjustment('m', 2, features(length, 0, maths + 1))).toBeCloseTo(0.05, 2);
	expect(slopes.adjustment('m', 2, features(length, 0, maths))).toBeCloseTo(0, 9);
	expect(slopes.adjustment('m', 2, features(length, 5, maths))).toBeCloseTo(0, 9);
});

test('a prompt far outside what the tier has seen is adjusted as one two spreads from its mean', () => {
	const slopes = new FeatureSlopes(Number.POSITIVE_INFINITY);
	for (let index = 0; index < 400; index++) {
		const length = index % 2 === 0 ? 2 : 4;
		slopes.record('m', 2, features(length), 1 - (0.2 * length), index);
	}

	// Lengths 2 and 4: mean 3, spread 1; the line falls 0.2 a unit.
	const atTwoSpreads = slopes.adjustment('m', 2, features(5));
	expect(atTwoSpreads).toBeCloseTo(-0.4, 2);
	expect(slopes.adjustment('m', 2, features(40))).toBe(atTwoSpreads);
	expect(slopes.adjustment('m', 2, features(-30))).toBeCloseTo(-atTwoSpreads, 9);
});

test('slopes come from within tiers: tiers that differ in mean and length teach no slope', () => {
	const slopes = new FeatureSlopes(Number.POSITIVE_INFINITY);
	for (let index = 0; index < 200; index++) {
		// Short prompts of tier 0 all score 0.9, long prompts of tier 3 all 0.3: length says nothing inside a tier.
		slopes.record('m', 0, features(1 + ((index % 5) / 10)), 0.9, index);
		slopes.record('m', 3, features(6 + ((index % 5) / 10)), 0.3, index);
	}

	expect(slopes.adjustment('m', 0, features(6))).toBeCloseTo(0, 9);
	expect(slopes.adjustment('m', 3, features(1))).toBeCloseTo(0, 9);
});

test('a model or tier without outcomes, and a feature that never varies, add nothing', () => {
	const slopes = new FeatureSlopes(day);
	expect(slopes.adjustment('m', 1, features(3))).toBe(0);
	for (let index = 0; index < 50; index++) {
		slopes.record('m', 1, features(2, 1), index % 2, index);
	}

	expect(slopes.adjustment('m', 4, features(3))).toBe(0);
	expect(slopes.adjustment('other', 1, features(3))).toBe(0);
	expect(slopes.adjustment('m', 1, features(2, 1))).toBeCloseTo(0, 12);
	expect(slopes.adjustment('m', 1, features(9, 1))).toBeCloseTo(0, 12);
});

test('a few outcomes move a slope a little, many move it to the line', () => {
	const after = (count: number) => {
		const slopes = new FeatureSlopes(Number.POSITIVE_INFINITY);
		for (let index = 0; index < count; index++) {
			const length = index % 2 === 0 ? 1 : 3;
			slopes.record('m', 2, features(length), length === 1 ? 1 : 0, index);
		}

		return slopes.adjustment('m', 2, features(3));
	};

	// The line: 1 at length 1, 0 at length 3, so −0.5 at 3 against the mean.
	expect(after(4)).toBeGreaterThan(-0.25);
	expect(after(4)).toBeLessThan(0);
	expect(after(400)).toBeCloseTo(-0.5, 2);
});

test('the result does not depend on the order outcomes arrive in, and survives JSON', () => {
	const outcome = fc.record({
		tier: fc.integer({min: 0, max: 4}),
		x: fc.array(fc.double({min: 0, max: 8, noNaN: true}), {minLength: QUALITY_FEATURE_COUNT, maxLength: QUALITY_FEATURE_COUNT}),
		score: fc.double({min: 0, max: 1, noNaN: true}),
		atMs: fc.integer({min: 0, max: 60 * day}),
	});
	fc.assert(fc.property(fc.array(outcome, {minLength: 1, maxLength: 30}), fc.array(fc.double({min: 0, max: 8, noNaN: true}), {minLength: QUALITY_FEATURE_COUNT, maxLength: QUALITY_FEATURE_COUNT}), (outcomes, query) => {
		const forward = new FeatureSlopes(7 * day);
		const backward = new FeatureSlopes(7 * day);
		for (const {tier, x, score, atMs} of outcomes) {
			forward.record('m', tier, x, score, atMs);
		}

		for (const {tier, x, score, atMs} of [...outcomes].reverse()) {
			backward.record('m', tier, x, score, atMs);
		}

		const restored = new FeatureSlopes(7 * day, JSON.parse(JSON.stringify(forward.toJSON())) as ReturnType<FeatureSlopes['toJSON']>);
		for (let tier = 0; tier < 5; tier++) {
			const expected = forward.adjustment('m', tier, query);
			expect(Number.isFinite(expected)).toBe(true);
			expect(backward.adjustment('m', tier, query)).toBeCloseTo(expected, 6);
			expect(restored.adjustment('m', tier, query)).toBe(expected);
		}
	}));
});
