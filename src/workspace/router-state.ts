import type {DecisionJson} from '../decision/routing-decision.js';
import {ModelRegistry} from '../models/model-registry.js';
import type {OutcomeRecord} from '../outcome/outcome.js';
import {DecisionLog} from './decision-log.js';
import type {WorkspaceRecord} from './workspace-record.js';

/** What a router knows: its models, recent decisions and their outcomes. Changed only by applying records. */
export class RouterState {
	readonly registry = new ModelRegistry();
	readonly decisions: DecisionLog;
	readonly #outcomes = new Map<string, OutcomeRecord>();
	readonly #maxOutcomes: number;

	constructor(maxDecisions: number, retentionMs: number) {
		this.decisions = new DecisionLog(maxDecisions, retentionMs);
		this.#maxOutcomes = maxDecisions;
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
				this.registry.unregister(record.model.name);
				this.registry.register(record.model);
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

	/** The decision with this hash if it is known and within its retention. */
	decision(hash: string, nowMs: number): DecisionJson | undefined {
		return this.decisions.get(hash, nowMs);
	}

	#addOutcome(outcome: OutcomeRecord): void {
		if (this.#outcomes.has(outcome.hash)) {
			return;
		}

		this.#outcomes.set(outcome.hash, outcome);
		if (this.#outcomes.size > this.#maxOutcomes) {
			const oldest = this.#outcomes.keys().next();
			if (oldest.done !== true) {
				this.#outcomes.delete(oldest.value);
			}
		}
	}
}
