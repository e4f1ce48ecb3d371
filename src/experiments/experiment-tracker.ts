import type {ArmOutcomeRef} from '../learning/observation.js';
import type {SampleSums} from '../stats/welch-test.js';
import type {ExperimentArm} from './experiment-config.js';

/** An arm's outcomes as sums of quality and cost. */
export type ArmSums = {
	readonly quality: SampleSums;
	readonly cost: SampleSums;
};

/** An arm's row: count, quality sum, quality sum of squares, cost sum, cost sum of squares. */
type ArmRow = [count: number, qualitySum: number, qualitySquares: number, costSum: number, costSquares: number];

/** Each experiment's rows for arms A and B, as the tracker keeps them. */
export type ExperimentTrackerJson = Array<[experiment: string, armA: number[], armB: number[]]>;

function row(values: readonly number[] = []): ArmRow {
	return [values[0] ?? 0, values[1] ?? 0, values[2] ?? 0, values[3] ?? 0, values[4] ?? 0];
}

/**
 * Each experiment arm's outcomes, as plain (undecayed) sums: an experiment compares what its arms did, however
 * long ago. Sums make the state the same whatever order the outcomes arrive in, in every process.
 */
export class ExperimentTracker {
	readonly #experiments = new Map<string, {A: ArmRow; B: ArmRow}>();

	static fromJSON(json: ExperimentTrackerJson): ExperimentTracker {
		const tracker = new ExperimentTracker();
		for (const [experiment, armA, armB] of json) {
			tracker.#experiments.set(experiment, {A: row(armA), B: row(armB)});
		}

		return tracker;
	}

	/** Adds an outcome's score and cost to its arm. */
	record(outcome: ArmOutcomeRef, score: number): void {
		let arms = this.#experiments.get(outcome.name);
		if (arms === undefined) {
			arms = {A: row(), B: row()};
			this.#experiments.set(outcome.name, arms);
		}

		const sums = arms[outcome.arm];
		sums[0]++;
		sums[1] += score;
		sums[2] += score * score;
		sums[3] += outcome.costUsd;
		sums[4] += outcome.costUsd * outcome.costUsd;
	}

	/** The sums of an experiment's arm; zero when it has no outcomes. */
	arm(experiment: string, arm: ExperimentArm): ArmSums {
		const [count, qualitySum, qualitySquares, costSum, costSquares] = this.#experiments.get(experiment)?.[arm] ?? row();
		return {
			quality: {count, sum: qualitySum, sumOfSquares: qualitySquares},
			cost: {count, sum: costSum, sumOfSquares: costSquares},
		};
	}

	toJSON(): ExperimentTrackerJson {
		return [...this.#experiments].map(([experiment, arms]) => [experiment, [...arms.A], [...arms.B]]);
	}
}
