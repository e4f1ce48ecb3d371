import fc from 'fast-check';
import {expect, test} from 'vitest';
import {studentTwoSidedPValue, welchTest, type SampleSums} from '../../src/stats/welch-test.js';

function sums(values: readonly number[]): SampleSums {
	return {count: values.length, sum: values.reduce((total, value) => total + value, 0), sumOfSquares: values.reduce((total, value) => total + (value * value), 0)};
}

// Reference values from SciPy 1.17 (2 * stats.t.sf(|t|, df)).
test.each([
	[2.228_138_851_986, 10, 0.05],
	[2, 5, 0.101_939_478_829_858_35],
	[3, 2, 0.095_465_966_266_709_13],
	[0.5, 30, 0.620_723_004_885_127_2],
	[1, 1, 0.5],
	[4.5, 3.7, 0.012_927_381_711_591_772],
	[10, 100, 9.901_688_984_594_13e-17],
	[0, 7, 1],
])('the two-sided p-value of t = %d with %d degrees of freedom is %d', (statistic, degreesOfFreedom, expected) => {
	const pValue = studentTwoSidedPValue(statistic, degreesOfFreedom);
	expect(Math.abs(pValue - expected)).toBeLessThan(Math.max(1e-10, expected * 1e-8));
});

test('agrees with SciPy on a small pair of samples', () => {
	// stats.ttest_ind(a, b, equal_var=False)
	const result = welchTest(sums([0.9, 0.8, 0.85, 0.7, 0.95, 0.6]), sums([0.5, 0.65, 0.7, 0.4, 0.55]));
	expect(result?.statistic).toBeCloseTo(3.183_535_355_654_749_7, 9);
	expect(result?.degreesOfFreedom).toBeCloseTo(8.883_023_624_453_314, 9);
	expect(result?.pValue).toBeCloseTo(0.011_306_352_460_181_983, 9);
});

test('needs two values in each sample, and handles samples without spread', () => {
	expect(welchTest(sums([1]), sums([0, 1]))).toBeUndefined();
	expect(welchTest(sums([1, 1, 1]), sums([1, 1]))?.pValue).toBe(1);
	expect(welchTest(sums([1, 1, 1]), sums([0, 0]))?.pValue).toBe(0);
});

test('gives p-values in [0, 1], symmetric in the order of the samples', () => {
	const sample = fc.array(fc.double({min: 0, max: 1, noNaN: true}), {minLength: 2, maxLength: 40});
	fc.assert(fc.property(sample, sample, (first, second) => {
		const forward = welchTest(sums(first), sums(second));
		const backward = welchTest(sums(second), sums(first));
		expect(forward?.pValue).toBeGreaterThanOrEqual(0);
		expect(forward?.pValue).toBeLessThanOrEqual(1);
		expect(Math.abs((forward?.pValue ?? 0) - (backward?.pValue ?? 0))).toBeLessThan(1e-9);
	}));
});
