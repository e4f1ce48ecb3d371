import type {DecisionRecord} from '../decision/routing-decision.js';
import type {Tier} from '../tiers.js';
import {BoundedMap} from '../util/bounded-map.js';
import {parseIsoTime} from '../util/iso-time.js';

/**
 * What the router keeps of a decision: enough to accept its outcome. A few dozen bytes, where the full record
 * (kept by the store) is a few kilobytes; a router keeps a hundred thousand of these at little cost.
 */
export type DecisionStub = {
	readonly routedAtMs: number;
	readonly model: string;
	readonly tier: Tier;
};

/**
 * Recent decisions by hash, bounded by count, the oldest dropped first. Age is checked on lookup, against the
 * time the caller passes, so that nothing here reads the clock.
 */
export class DecisionLog {
	readonly #stubs: BoundedMap<string, DecisionStub>;
	readonly #retentionMs: number;

	constructor(maxDecisions: number, retentionMs: number) {
		this.#stubs = new BoundedMap(maxDecisions);
		this.#retentionMs = retentionMs;
	}

	get size(): number {
		return this.#stubs.size;
	}

	add(decision: DecisionRecord): void {
		this.#stubs.set(decision.hash, {routedAtMs: parseIsoTime(decision.routedAt), model: decision.model, tier: decision.tier});
	}

	/** The decision with this hash, unless it is unknown or older than the retention at `nowMs`. */
	get(hash: string, nowMs: number): DecisionStub | undefined {
		const stub = this.#stubs.get(hash);
		return stub === undefined || nowMs - stub.routedAtMs > this.#retentionMs ? undefined : stub;
	}

	/** Whether a decision with this hash was recorded and is past its retention at `nowMs`. */
	isExpired(hash: string, nowMs: number): boolean {
		const stub = this.#stubs.get(hash);
		return stub !== undefined && nowMs - stub.routedAtMs > this.#retentionMs;
	}
}
