import type {DecisionJson} from '../decision/routing-decision.js';

/**
 * Decisions by hash, oldest first, bounded by count. Expiry by age is checked on lookup, against the clock the
 * caller passes, so that nothing here reads the time itself.
 */
export class DecisionLog {
	readonly #decisions = new Map<string, DecisionJson>();
	readonly #maxDecisions: number;
	readonly #retentionMs: number;

	constructor(maxDecisions: number, retentionMs: number) {
		this.#maxDecisions = maxDecisions;
		this.#retentionMs = retentionMs;
	}

	get size(): number {
		return this.#decisions.size;
	}

	add(decision: DecisionJson): void {
		this.#decisions.set(decision.hash, decision);
		if (this.#decisions.size > this.#maxDecisions) {
			const oldest = this.#decisions.keys().next();
			if (oldest.done !== true) {
				this.#decisions.delete(oldest.value);
			}
		}
	}

	/** The decision with this hash, unless it is unknown or older than the retention at `nowMs`. */
	get(hash: string, nowMs: number): DecisionJson | undefined {
		const decision = this.#decisions.get(hash);
		if (decision === undefined || nowMs - Date.parse(decision.routedAt) > this.#retentionMs) {
			return undefined;
		}

		return decision;
	}

	/** Whether a decision with this hash was recorded and is past its retention at `nowMs`. */
	isExpired(hash: string, nowMs: number): boolean {
		const decision = this.#decisions.get(hash);
		return decision !== undefined && nowMs - Date.parse(decision.routedAt) > this.#retentionMs;
	}
}
