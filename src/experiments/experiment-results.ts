import {sampleMean, sampleVariance, welchTest, type SampleSums} from '../stats/welch-test.js';
import {describeStrategy, type ExperimentArm, type ExperimentConfig, type ExperimentStrategy} from './experiment-config.js';
import type {ArmSums} from './experiment-tracker.js';

/** How one arm did. */
export type ArmResult = {
	readonly arm: ExperimentArm;
	readonly strategy: ExperimentStrategy;
	/** Outcomes reported for the arm's decisions. */
	readonly outcomes: number;
	readonly meanQuality: number;
	/** Sample standard deviation of the quality scores. */
	readonly qualityStdDev: number;
	readonly meanCostUsd: number;
	readonly totalCostUsd: number;
};

/** A test of whether the arms differ on one measure. */
export type ArmComparison = {
	readonly test: 'welch_t_test';
	/** Welch's t, positive when arm A's mean is the larger. */
	readonly statistic: number;
	readonly degreesOfFreedom: number;
	/** Two-sided. */
	readonly pValue: number;
	/** Whether `pValue` is below the significance level. */
	readonly significant: boolean;
};

/** What {@link AdaptiveRouter.experimentResults} reports. */
export type ExperimentResults = {
	readonly name: string;
	readonly split: number;
	readonly createdAt: string;
	readonly endedAt: string | null;
	readonly arms: {readonly A: ArmResult; readonly B: ArmResult};
	readonly significanceLevel: number;
	readonly minOutcomesPerArm: number;
	/** Welch's t-test on the quality scores; null while an arm has fewer than `minOutcomesPerArm` outcomes. */
	readonly quality: ArmComparison | null;
	/** The same test on the cost of each request. */
	readonly cost: ArmComparison | null;
	/** The arm with the higher mean quality, only when the quality test is significant. */
	readonly winner: ExperimentArm | null;
	/** The results in a sentence or two. */
	readonly summary: string;
};

export type ExperimentResultOptions = {
	/** The p-value below which a difference counts. @default 0.05 */
	readonly significanceLevel?: number;
	/** Outcomes each arm needs before its arms are compared. @default 5 */
	readonly minOutcomesPerArm?: number;
};

export const DEFAULT_SIGNIFICANCE_LEVEL = 0.05;
export const DEFAULT_MIN_OUTCOMES_PER_ARM = 5;

/**
 * Compares an experiment's arms: the mean quality and cost of each, and Welch's unequal-variances t-test on each
 * measure. There is a winner only when the quality test is significant; a difference in cost alone is reported,
 * not crowned, since "no significant difference in quality" is not evidence that the qualities are equal.
 */
export function experimentResults(config: ExperimentConfig, armA: ArmSums, armB: ArmSums, options: ExperimentResultOptions = {}): ExperimentResults {
	const significanceLevel = options.significanceLevel ?? DEFAULT_SIGNIFICANCE_LEVEL;
	const minOutcomesPerArm = Math.max(2, options.minOutcomesPerArm ?? DEFAULT_MIN_OUTCOMES_PER_ARM);
	const arms = {A: armResult('A', config.strategyA, armA), B: armResult('B', config.strategyB, armB)};
	const enough = arms.A.outcomes >= minOutcomesPerArm && arms.B.outcomes >= minOutcomesPerArm;
	const quality = enough ? compare(armA.quality, armB.quality, significanceLevel) : null;
	const cost = enough ? compare(armA.cost, armB.cost, significanceLevel) : null;
	const winner = quality?.significant === true ? (quality.statistic > 0 ? 'A' : 'B') : null;
	return {
		name: config.name,
		split: config.split,
		createdAt: config.createdAt,
		endedAt: config.endedAt,
		arms,
		significanceLevel,
		minOutcomesPerArm,
		quality,
		cost,
		winner,
		summary: summarize(arms, quality, cost, significanceLevel, minOutcomesPerArm),
	};
}

function armResult(arm: ExperimentArm, strategy: ExperimentStrategy, sums: ArmSums): ArmResult {
	return {
		arm,
		strategy,
		outcomes: sums.quality.count,
		meanQuality: sampleMean(sums.quality),
		qualityStdDev: Math.sqrt(sampleVariance(sums.quality)),
		meanCostUsd: sampleMean(sums.cost),
		totalCostUsd: sums.cost.sum,
	};
}

function compare(first: SampleSums, second: SampleSums, significanceLevel: number): ArmComparison | null {
	const result = welchTest(first, second);
	return result === undefined ? null : {test: 'welch_t_test', ...result, significant: result.pValue < significanceLevel};
}

function summarize(arms: ExperimentResults['arms'], quality: ArmComparison | null, cost: ArmComparison | null, significanceLevel: number, minOutcomes: number): string {
	const name = (arm: ArmResult) => `${arm.arm} (${describeStrategy(arm.strategy)})`;
	if (quality === null || cost === null) {
		return `Too few outcomes to compare: A has ${arms.A.outcomes}, B has ${arms.B.outcomes}; each arm needs ${minOutcomes}.`;
	}

	const p = (comparison: ArmComparison) => comparison.pValue < 0.001 ? 'p < 0.001' : `p = ${comparison.pValue.toFixed(3)}`;
	const [higher, lower] = arms.A.meanQuality >= arms.B.meanQuality ? [arms.A, arms.B] : [arms.B, arms.A];
	const qualityText = quality.significant
		? `${name(higher)} scores higher: ${higher.meanQuality.toFixed(3)} against ${lower.meanQuality.toFixed(3)} (Welch's t-test, ${p(quality)}, below ${significanceLevel}).`
		: `No significant difference in quality: ${arms.A.meanQuality.toFixed(3)} for A against ${arms.B.meanQuality.toFixed(3)} for B (Welch's t-test, ${p(quality)}).`;
	const [cheaper, dearer] = arms.A.meanCostUsd <= arms.B.meanCostUsd ? [arms.A, arms.B] : [arms.B, arms.A];
	const saving = dearer.meanCostUsd > 0 ? (1 - (cheaper.meanCostUsd / dearer.meanCostUsd)) * 100 : 0;
	const costText = cost.significant
		? `${name(cheaper)} costs ${saving.toFixed(0)}% less a request (${p(cost)}).`
		: `No significant difference in cost (${p(cost)}).`;
	return `${qualityText} ${costText}`;
}
