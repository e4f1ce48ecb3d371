import type {DecisionRecord} from '../decision/routing-decision.js';
import {TierwiseError} from '../errors/tierwise-error.js';
import type {Observation} from '../learning/observation.js';
import {OpsState} from '../ops/ops-state.js';
import {BoundedMap} from '../util/bounded-map.js';
import type {CompactionReport} from './file/compaction.js';
import {summarizeRecord} from './record-summary.js';
import type {WorkspaceRecord} from './workspace-record.js';
import type {StateSink, WorkspaceStore} from './workspace-store.js';

export type MemoryStoreOptions = {
	/**
	 * Full decision records kept, the newest: for `lookupDecision` and `audit`, and the only decisions a router
	 * opened later on this store accepts outcomes for. Each is a kilobyte or more, and each one still held when
	 * the young generation is collected is copied: with 1,000 kept, route() took 4.5 ms a collection against 1.6
	 * with 100. A file workspace keeps every decision within its retention.
	 * @default 100
	 */
	maxDecisions?: number;
	/** Outcome records kept, the newest. @default 100_000 */
	maxOutcomes?: number;
	/** Observations (what learning takes from outcomes and history) kept, the newest. @default 100_000 */
	maxObservations?: number;
	/** Keep the cost ledger and health that ops events make, for a router opened later on this store. @default true */
	keepOps?: boolean;
};

type ModelRecord = Extract<WorkspaceRecord, {type: 'model'}>;
type ExperimentRecord = Extract<WorkspaceRecord, {type: 'experiment'}>;

/**
 * A store in this process's memory, compacted as it goes: the latest record of each registered model, the
 * newest decisions and outcomes up to their limits, and the cost ledger and health that ops events make (with
 * the default health options). A router opened later on the same store rebuilds the same
 * models and the kept decisions and outcomes; nothing survives the process.
 */
export class MemoryStore implements WorkspaceStore {
	readonly location = 'memory';
	readonly #models = new Map<string, ModelRecord>();
	readonly #experiments = new Map<string, ExperimentRecord>();
	readonly #decisions: BoundedMap<string, Extract<WorkspaceRecord, {type: 'decision'}>>;
	readonly #outcomes: BoundedMap<string, WorkspaceRecord>;
	readonly #observations: BoundedMap<number, Observation>;
	/** Ops events are folded as they come: the ledger and health they make, not the events, so memory stays bounded. */
	readonly #ops: OpsState | undefined;
	#observationCount = 0;
	#closed = false;

	constructor(options: MemoryStoreOptions = {}) {
		const {maxDecisions = 100, maxOutcomes = 100_000, maxObservations = 100_000} = options;
		for (const [name, value] of [['maxDecisions', maxDecisions], ['maxOutcomes', maxOutcomes], ['maxObservations', maxObservations]] as const) {
			if (!Number.isInteger(value) || value < 0) {
				throw new RangeError(`Expected \`${name}\` to be a whole number from 0 up, got \`${String(value)}\` (${typeof value})`);
			}
		}

		this.#decisions = new BoundedMap(maxDecisions);
		this.#outcomes = new BoundedMap(maxOutcomes);
		this.#observations = new BoundedMap(maxObservations);
		this.#ops = options.keepOps === false ? undefined : new OpsState();
	}

	async load(sink: StateSink): Promise<void> {
		this.#closed = false;
		for (const record of [...this.#models.values(), ...this.#experiments.values(), ...this.#decisions.values(), ...this.#outcomes.values()]) {
			sink.apply(summarizeRecord(record));
		}

		sink.replaceLearning(undefined, this.#observations.values());
		sink.replaceOps(this.#ops?.toJSON(), []);
		return Promise.resolve();
	}

	/** Every record kept, models and experiments first; ops events are kept folded, not as records. */
	records(): WorkspaceRecord[] {
		return [
			...this.#models.values(),
			...this.#experiments.values(),
			...this.#decisions.values(),
			...this.#outcomes.values(),
			...[...this.#observations.values()].map(observation => ({type: 'observation', observation}) as const),
		];
	}

	append(record: WorkspaceRecord): void {
		if (this.#closed) {
			throw new TierwiseError('router_closed', 'This store is closed. Open a router again to record more.');
		}

		switch (record.type) {
			case 'model': {
				// A known name keeps its place (new prices); a new one goes last, as in the router's registry.
				this.#models.set(record.model.name, record);
				break;
			}

			case 'model_removed': {
				this.#models.delete(record.name);
				break;
			}

			case 'experiment': {
				this.#experiments.set(record.experiment.name, record);
				break;
			}

			case 'decision': {
				this.#decisions.set(record.decision.hash, record);
				break;
			}

			case 'outcome': {
				this.#outcomes.set(record.outcome.hash, record);
				break;
			}

			case 'observation': {
				this.#observations.set(this.#observationCount++, record.observation);
				break;
			}

			case 'ops': {
				this.#ops?.apply(record.event);
				break;
			}
		}
	}

	async flush(): Promise<void> {
		// Records in memory are as kept as they will ever be.
		return Promise.resolve();
	}

	async refresh(): Promise<void> {
		// No other process can write here.
		return Promise.resolve();
	}

	async findDecision(hash: string): Promise<DecisionRecord | undefined> {
		return Promise.resolve(this.#decisions.get(hash)?.decision);
	}

	async *scanRecords(): AsyncGenerator<WorkspaceRecord> {
		await Promise.resolve();
		yield* this.#decisions.values();
		yield* this.#outcomes.values();
	}

	async compact(): Promise<CompactionReport | undefined> {
		// Compacted as it goes.
		return Promise.resolve(undefined);
	}

	async close(): Promise<void> {
		this.#closed = true;
		return Promise.resolve();
	}
}
