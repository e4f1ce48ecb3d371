import type {ExperimentConfig} from '../experiments/experiment-config.js';
import {LearningState, type LearningJson, type LearningOptions} from '../learning/learning-state.js';
import type {Observation} from '../learning/observation.js';
import type {ModelConfig} from '../models/model-config.js';
import {ModelRegistry} from '../models/model-registry.js';
import type {OpsEvent} from '../ops/ops-event.js';
import {OpsState, type OpsJson} from '../ops/ops-state.js';
import type {HealthOptions} from '../ops/provider-health.js';
import {DecisionIndex, type DecisionStub} from './decision-index.js';
import type {RecordSummary} from './record-summary.js';
import type {StateSink} from './workspace-store.js';

/**
 * What a router knows: its models, its recent decisions and what it has learned. Changed only by applying
 * records, or by a store loading.
 */
export class RouterState implements StateSink {
	readonly registry = new ModelRegistry();
	/** Experiments by name, ended ones included. */
	readonly experiments = new Map<string, ExperimentConfig>();
	#decisions: DecisionIndex;
	#learning: LearningState;
	#ops: OpsState;
	readonly #retentionMs: number;
	readonly #learningOptions: LearningOptions;
	readonly #healthOptions: HealthOptions;

	constructor(maxDecisions: number, retentionMs: number, learningOptions: LearningOptions = {}, healthOptions: HealthOptions = {}) {
		this.#decisions = new DecisionIndex(maxDecisions);
		this.#retentionMs = retentionMs;
		this.#learningOptions = learningOptions;
		this.#healthOptions = healthOptions;
		this.#learning = new LearningState(learningOptions);
		this.#ops = new OpsState(healthOptions);
	}

	get learning(): LearningState {
		return this.#learning;
	}

	/** The cost ledger and the providers' health. */
	get ops(): OpsState {
		return this.#ops;
	}

	/** Kept decisions, and how many of them have an outcome. */
	get decisionCount(): number {
		return this.#decisions.size;
	}

	get outcomeCount(): number {
		return this.#decisions.outcomeCount;
	}

	replaceModels(models: readonly ModelConfig[]): void {
		this.registry.replaceAll(models);
	}

	replaceExperiments(experiments: readonly ExperimentConfig[]): void {
		this.experiments.clear();
		for (const experiment of experiments) {
			this.experiments.set(experiment.name, experiment);
		}
	}

	replaceDecisions(index: DecisionIndex): void {
		this.#decisions = index;
	}

	replaceLearning(snapshot: LearningJson | undefined, observations: Iterable<Observation>): void {
		const learning = new LearningState(this.#learningOptions, snapshot);
		for (const observation of observations) {
			learning.apply(observation);
		}

		this.#learning = learning;
	}

	replaceOps(snapshot: OpsJson | undefined, events: Iterable<OpsEvent>): void {
		const ops = new OpsState(this.#healthOptions, snapshot);
		for (const event of events) {
			ops.apply(event);
		}

		this.#ops = ops;
	}

	apply(record: RecordSummary): void {
		switch (record.type) {
			case 'model': {
				this.registry.upsert(record.model);
				break;
			}

			case 'model_removed': {
				this.registry.unregister(record.name);
				break;
			}

			case 'experiment': {
				this.experiments.set(record.experiment.name, record.experiment);
				break;
			}

			case 'decision': {
				this.#decisions.add(record.hash, record.routedAtMs, record.model, record.tier);
				break;
			}

			case 'outcome': {
				// The first outcome of a decision counts; the index only needs to know there was one.
				this.#decisions.markOutcome(record.hash);
				break;
			}

			case 'observation': {
				this.#learning.apply(record.observation);
				break;
			}

			case 'ops': {
				this.#ops.apply(record.event);
				break;
			}
		}
	}

	/** What is kept of the decision with this hash, if it is known and within its retention at `nowMs`. */
	decision(hash: string, nowMs: number): DecisionStub | undefined {
		const stub = this.#decisions.get(hash);
		return stub === undefined || nowMs - stub.routedAtMs > this.#retentionMs ? undefined : stub;
	}

	/** Whether the decision with this hash is known but past its retention at `nowMs`. */
	isExpired(hash: string, nowMs: number): boolean {
		const stub = this.#decisions.get(hash);
		return stub !== undefined && nowMs - stub.routedAtMs > this.#retentionMs;
	}

	/** What is kept of a decision, retention aside: for finding its record. */
	stub(hash: string): DecisionStub | undefined {
		return this.#decisions.get(hash);
	}
}
