import {ModelRegistry} from '../models/model-registry.js';
import {parseIsoTime} from '../util/iso-time.js';
import {DecisionIndex, type DecisionStub} from './decision-index.js';
import type {WorkspaceRecord} from './workspace-record.js';

/** What a router knows: its models and its recent decisions. Changed only by applying records. */
export class RouterState {
	readonly registry = new ModelRegistry();
	readonly #decisions: DecisionIndex;
	readonly #retentionMs: number;

	constructor(maxDecisions: number, retentionMs: number) {
		this.#decisions = new DecisionIndex(maxDecisions);
		this.#retentionMs = retentionMs;
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
				const {hash, routedAt, model, tier} = record.decision;
				this.#decisions.add(hash, parseIsoTime(routedAt), model, tier);
				break;
			}

			case 'outcome': {
				// The first outcome of a decision counts; the index only needs to know there was one.
				this.#decisions.markOutcome(record.outcome.hash);
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
}
