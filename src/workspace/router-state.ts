import {ModelRegistry} from '../models/model-registry.js';
import type {OutcomeRecord} from '../outcome/outcome.js';
import {BoundedMap} from '../util/bounded-map.js';
import {DecisionLog, type DecisionStub} from './decision-log.js';
import type {WorkspaceRecord} from './workspace-record.js';

/** What a router knows: its models, recent decisions and their outcomes. Changed only by applying records. */
export class RouterState {
	readonly registry = new ModelRegistry();
	readonly decisions: DecisionLog;
	readonly #outcomes: BoundedMap<string, OutcomeRecord>;

	constructor(maxDecisions: number, retentionMs: number) {
		this.decisions = new DecisionLog(maxDecisions, retentionMs);
		this.#outcomes = new BoundedMap(maxDecisions);
	}

	get outcomeCount(): number {
		return this.#outcomes.size;
	}

	outcome(hash: string): OutcomeRecord | undefined {
		return this.#outcomes.get(hash);
	}

	apply(record: WorkspaceRecord): void {
		switch (record.type) {
			case 'model': {
				this.registry.upsert(record.model);
				break;
			}

			case 'model_removed': {
				this.registry.unregister(record.name);
				break;
			}

			case 'decision': {
				this.decisions.add(record.decision);
				break;
			}

			case 'outcome': {
				this.#addOutcome(record.outcome);
				break;
			}
		}
	}

	/** What is kept of the decision with this hash, if it is known and within its retention. */
	decision(hash: string, nowMs: number): DecisionStub | undefined {
		return this.decisions.get(hash, nowMs);
	}

	#addOutcome(outcome: OutcomeRecord): void {
		// The first outcome of a decision counts.
		if (!this.#outcomes.has(outcome.hash)) {
			this.#outcomes.set(outcome.hash, outcome);
		}
	}
}
