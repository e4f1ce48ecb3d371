import type {DecisionRecord} from '../decision/routing-decision.js';
import type {ExperimentConfig} from '../experiments/experiment-config.js';
import type {LearningJson} from '../learning/learning-state.js';
import type {Observation} from '../learning/observation.js';
import type {ModelConfig} from '../models/model-config.js';
import type {OpsEvent} from '../ops/ops-event.js';
import type {OpsJson} from '../ops/ops-state.js';
import type {DecisionIndex, DecisionStub} from './decision-index.js';
import type {RecordSummary} from './record-summary.js';
import type {CompactionReport} from './file/compaction.js';
import type {WorkspaceRecord} from './workspace-record.js';

/** Where a store puts what it loads: the router's state. */
export type StateSink = {
	/** Replaces every model (a store's model list is whole). */
	replaceModels(models: readonly ModelConfig[]): void;
	/** Replaces every experiment (a store's experiment list is whole). */
	replaceExperiments(experiments: readonly ExperimentConfig[]): void;
	/** Replaces the decision index (a store that keeps a snapshot builds it whole). */
	replaceDecisions(index: DecisionIndex): void;
	/** Replaces everything learned with a snapshot's (or nothing), then the observations recorded since, in order. */
	replaceLearning(snapshot: LearningJson | undefined, observations: Iterable<Observation>): void;
	/** Replaces what operations know with a snapshot's (or nothing), then the events recorded since, in order. */
	replaceOps(snapshot: OpsJson | undefined, events: Iterable<OpsEvent>): void;
	/**
	 * Applies what the state needs of one record. Applying a model, decision or outcome twice changes nothing;
	 * an observation or an ops event counts each time, so a store applies each once, or replaces the learning
	 * and the ops state and applies again.
	 */
	apply(record: RecordSummary): void;
};

/**
 * Where a router keeps its records. Implementations: {@link MemoryStore} (the default, nothing survives the
 * process) and {@link FileStore} (a directory several processes share). Each must pass the contract suite in
 * `test/workspace/store-contract.ts`.
 */
export type WorkspaceStore = {
	/** Where the records live, for messages: a directory, or `memory`. */
	readonly location: string;
	/** Loads everything kept into `sink` and remembers it for {@link refresh}. Called once, when a router opens. */
	load(sink: StateSink): Promise<void>;
	/** Queues a record after every earlier one. Synchronous, so that route() can record without waiting. */
	append(record: WorkspaceRecord): void;
	/** Resolves once every record appended so far is kept for good (durable, for a store on disk). */
	flush(): Promise<void>;
	/** Brings the loaded state up to date with what other processes recorded since. */
	refresh(): Promise<void>;
	/** A decision's full record, for explanations; undefined when unknown or no longer kept. */
	findDecision(hash: string, stub: DecisionStub | undefined): Promise<DecisionRecord | undefined>;
	/**
	 * Every decision and outcome kept that may be from `sinceMs` on (a store may give older ones too), oldest
	 * first as far as the store knows: what audits read. Records of other processes are included.
	 */
	scanRecords(sinceMs: number): AsyncIterable<WorkspaceRecord>;
	/** Folds logs into a snapshot; undefined when there is nothing to do or another process is at it. */
	compact(): Promise<CompactionReport | undefined>;
	/** Flushes and releases the store. Appending afterwards throws `router_closed`. */
	close(): Promise<void>;
};
