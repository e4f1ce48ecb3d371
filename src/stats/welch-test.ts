import {regularizedIncompleteBeta} from './incomplete-beta.js';

/** A sample as running sums: enough for its mean and variance, and kept exactly across processes. */
export type SampleSums = {
	readonly count: number;
	readonly sum: number;
	readonly sumOfSquares: number;
};

/** What {@link welchTest} found. */
export type WelchTestResult = {
	/** Welch's t statistic, positive when the first sample's mean is the larger. */
	readonly statistic: number;
	/** Welch–Satterthwaite degrees of freedom. */
	readonly degreesOfFreedom: number;
	/** Two-sided p-value: the chance of a difference at least this large if the means were equal. */
	readonly pValue: number;
};

export function sampleMean(sample: SampleSums): number {
	return sample.count === 0 ? 0 : sample.sum / sample.count;
}

/** The unbiased sample variance (n - 1 in the denominator); 0 below two values. */
export function sampleVariance(sample: SampleSums): number {
	if (sample.count < 2) {
		return 0;
	}

	const mean = sample.sum / sample.count;
	return Math.max(0, (sample.sumOfSquares - (sample.count * mean * mean)) / (sample.count - 1));
}

/**
 * Two-sided p-value of Student's t distribution with `degreesOfFreedom`: P(|T| ≥ |t|) = I_{ν/(ν+t²)}(ν/2, 1/2).
 */
export function studentTwoSidedPValue(statistic: number, degreesOfFreedom: number): number {
	if (!Number.isFinite(statistic)) {
		return 0;
	}

	return regularizedIncompleteBeta(degreesOfFreedom / (degreesOfFreedom + (statistic * statistic)), degreesOfFreedom / 2, 0.5);
}

/**
 * Welch's unequal-variances t-test of whether two samples have the same mean. Undefined when either sample has
 * fewer than two values. Two samples without any spread give a p-value of 1 when their means are equal and 0
 * when they differ.
 */
export function welchTest(first: SampleSums, second: SampleSums): WelchTestResult | undefined {
	if (first.count < 2 || second.count < 2) {
		return undefined;
	}

	const firstShare = sampleVariance(first) / first.count;
	const secondShare = sampleVariance(second) / second.count;
	const difference = sampleMean(first) - sampleMean(second);
	const standardError = Math.sqrt(firstShare + secondShare);
	if (standardError === 0) {
		const differs = Math.abs(difference) > 1e-12;
		return {statistic: differs ? Math.sign(difference) * Number.POSITIVE_INFINITY : 0, degreesOfFreedom: first.count + second.count - 2, pValue: differs ? 0 : 1};
	}

	const statistic = difference / standardError;
	const satterthwaite = ((firstShare + secondShare) ** 2)
		/ (((firstShare ** 2) / (first.count - 1)) + ((secondShare ** 2) / (second.count - 1)));
	// Variances so small that their squares underflow leave no estimate: the smaller sample's, the cautious bound.
	const degreesOfFreedom = Number.isFinite(satterthwaite) && satterthwaite > 0 ? satterthwaite : Math.min(first.count, second.count) - 1;
	return {statistic, degreesOfFreedom, pValue: studentTwoSidedPValue(statistic, degreesOfFreedom)};
}
