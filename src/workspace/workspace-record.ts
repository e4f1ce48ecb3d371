import type {DecisionRecord} from '../decision/routing-decision.js';
import type {ExperimentConfig} from '../experiments/experiment-config.js';
import type {Observation} from '../learning/observation.js';
import type {ModelConfig} from '../models/model-config.js';
import type {OpsEvent} from '../ops/ops-event.js';
import type {OutcomeRecord} from '../outcome/outcome.js';

/**
 * One change to a workspace. A router's whole state is what its records, applied in order, make of an empty
 * one; a store only has to keep them in order and durable.
 */
export type WorkspaceRecord =
	| {readonly type: 'model'; readonly model: ModelConfig}
	| {readonly type: 'model_removed'; readonly name: string}
	/** An experiment created, or ended (the same name again, with `endedAt`). */
	| {readonly type: 'experiment'; readonly experiment: ExperimentConfig}
	| {readonly type: 'decision'; readonly decision: DecisionRecord}
	| {readonly type: 'outcome'; readonly outcome: OutcomeRecord}
	/** What the learning loop takes from an outcome, or from a line of history given to `learn`. */
	| {readonly type: 'observation'; readonly observation: Observation}
	/** What operations count: a decision's cost and SLA status, reported spend, a provider's health. */
	| {readonly type: 'ops'; readonly event: OpsEvent};
