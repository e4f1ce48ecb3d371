import type {SampleSums} from '../stats/welch-test.js';
import type {ExperimentArm} from './experiment-config.js';

/** What an outcome of a decision in an experiment adds to its arm. */
export type ArmOutcome = {
	readonly experiment: string;
	readonly arm: ExperimentArm;
	readonly score: number;
	/** What the request cost: the reported cost, or the estimate from the reported tokens or the decision. */
	readonly costUsd: number;
};

/** An arm's outcomes as sums of quality and cost. */
export type ArmSums = {
	readonly quality: SampleSums;
	readonly cost: SampleSums;
};

/** [count, quality sum, quality sum of squares, cost sum, cost sum of squares] for arms A and B. */
export type ExperimentTrackerJson = Array<[experiment: string, armA: number[], armB: number[]]>;

type MutableArm = {count: number; qualitySum: number; qualitySquares: number; costSum: number; costSquares: number};

function emptyArm(): MutableArm {
	return {count: 0, qualitySum: 0, qualitySquares: 0, costSum: 0, costSquares: 0};
}

/**
 * Each experiment arm's outcomes, as plain (undecayed) sums: an experiment compares what its arms did, however
 * long ago. Sums make the state the same whatever order the outcomes arrive in, in every process.
 */
export class ExperimentTracker {
	readonly #experiments = new Map<string, {A: MutableArm; B: MutableArm}>();

	static fromJSON(json: ExperimentTrackerJson): ExperimentTracker {
		const tracker = new ExperimentTracker();
		for (const [experiment, armA, armB] of json) {
			const [countA = 0, qualitySumA = 0, qualitySquaresA = 0, costSumA = 0, costSquaresA = 0] = armA;
			const [countB = 0, qualitySumB = 0, qualitySquaresB = 0, costSumB = 0, costSquaresB = 0] = armB;
			tracker.#experiments.set(experiment, {
				A: {count: countA, qualitySum: qualitySumA, qualitySquares: qualitySquaresA, costSum: costSumA, costSquares: costSquaresA},
				B: {count: countB, qualitySum: qualitySumB, qualitySquares: qualitySquaresB, costSum: costSumB, costSquares: costSquaresB},
			});
		}

		return tracker;
	}

	record(outcome: ArmOutcome): void {
		let arms = this.#experiments.get(outcome.experiment);
		if (arms === undefined) {
			arms = {A: emptyArm(), B: emptyArm()};
			this.#experiments.set(outcome.experiment, arms);
		}

		const arm = arms[outcome.arm];
		arm.count++;
		arm.qualitySum += outcome.score;
		arm.qualitySquares += outcome.score * outcome.score;
		arm.costSum += outcome.costUsd;
		arm.costSquares += outcome.costUsd * outcome.costUsd;
	}

	/** The sums of an experiment's arm; zero when it has no outcomes. */
	arm(experiment: string, arm: ExperimentArm): ArmSums {
		const found = this.#experiments.get(experiment)?.[arm] ?? emptyArm();
		return {
			quality: {count: found.count, sum: found.qualitySum, sumOfSquares: found.qualitySquares},
			cost: {count: found.count, sum: found.costSum, sumOfSquares: found.costSquares},
		};
	}

	toJSON(): ExperimentTrackerJson {
		const row = (arm: MutableArm) => [arm.count, arm.qualitySum, arm.qualitySquares, arm.costSum, arm.costSquares];
		return [...this.#experiments].map(([experiment, arms]) => [experiment, row(arms.A), row(arms.B)]);
	}
}
