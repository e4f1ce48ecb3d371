import {TIERS, type Tier} from '../tiers.js';

/** What the router keeps of a decision: enough to accept its outcome once. */
export type DecisionStub = {
	readonly routedAtMs: number;
	readonly model: string;
	readonly tier: Tier;
	readonly hasOutcome: boolean;
};

const idPattern = /^[\da-f]{32}$/u;
const modelNameLimit = 0xFF_FF;

/**
 * Recent decisions by hash, kept in typed arrays: about 40 bytes a decision and no object for the garbage
 * collector to trace, where a Map of stub objects took about 190 bytes and made route() pay for every one kept.
 * A ring holds the decisions in the order they came, the oldest overwritten first; an open-addressing table of
 * ring positions, keyed by the hash's first 32 bits (random, so a good hash), finds them.
 *
 * Hashes are the 32 hex digits of {@link randomId}; any other string is simply unknown.
 */
export class DecisionIndex {
	readonly #capacity: number;
	// The ring: a decision's 128-bit id as four 32-bit words, its time, model and tier, and whether it has an outcome.
	readonly #ids: Int32Array;
	readonly #routedAtMs: Float64Array;
	readonly #models: Uint16Array;
	readonly #tiers: Uint8Array;
	readonly #outcomes: Uint8Array;
	#size = 0;
	#next = 0;
	// The table: ring position + 1 by slot, 0 for an empty slot; at most half full.
	readonly #slots: Int32Array;
	readonly #slotMask: number;
	readonly #modelNames: string[] = [];
	readonly #modelNumbers = new Map<string, number>();
	readonly #key = new Int32Array(4);

	constructor(capacity: number) {
		this.#capacity = capacity;
		this.#ids = new Int32Array(capacity * 4);
		this.#routedAtMs = new Float64Array(capacity);
		this.#models = new Uint16Array(capacity);
		this.#tiers = new Uint8Array(capacity);
		this.#outcomes = new Uint8Array(capacity);
		let slotCount = 8;
		while (slotCount < capacity * 2) {
			slotCount *= 2;
		}

		this.#slots = new Int32Array(slotCount);
		this.#slotMask = slotCount - 1;
	}

	get size(): number {
		return this.#size;
	}

	/** Adds a decision, forgetting the oldest when full. A hash already present, or not of {@link randomId}'s form, is ignored. */
	add(hash: string, routedAtMs: number, model: string, tier: Tier): void {
		if (this.#capacity === 0 || !this.#parse(hash) || this.#find() >= 0) {
			return;
		}

		const position = this.#next;
		if (this.#size === this.#capacity) {
			this.#unlink(position);
		} else {
			this.#size++;
		}

		this.#ids.set(this.#key, position * 4);
		this.#routedAtMs[position] = routedAtMs;
		this.#models[position] = this.#modelNumber(model);
		this.#tiers[position] = TIERS.indexOf(tier);
		this.#outcomes[position] = 0;
		this.#link(position);
		this.#next = (position + 1) % this.#capacity;
	}

	/** The stub of the decision with this hash, or undefined. */
	get(hash: string): DecisionStub | undefined {
		const position = this.#parse(hash) ? this.#find() : -1;
		if (position < 0) {
			return undefined;
		}

		return {
			routedAtMs: this.#routedAtMs[position] ?? 0,
			model: this.#modelNames[this.#models[position] ?? 0] ?? '',
			tier: TIERS[this.#tiers[position] ?? 0] ?? 'trivial',
			hasOutcome: this.#outcomes[position] === 1,
		};
	}

	/** Marks the decision as having its outcome; returns false when it is unknown or already had one. */
	markOutcome(hash: string): boolean {
		const position = this.#parse(hash) ? this.#find() : -1;
		if (position < 0 || this.#outcomes[position] === 1) {
			return false;
		}

		this.#outcomes[position] = 1;
		return true;
	}

	/** Reads a hash into #key; false when it is not 32 lower-case hex digits. */
	#parse(hash: string): boolean {
		if (hash.length !== 32 || !idPattern.test(hash)) {
			return false;
		}

		for (let word = 0; word < 4; word++) {
			this.#key[word] = Number.parseInt(hash.slice(word * 8, (word * 8) + 8), 16) | 0;
		}

		return true;
	}

	/** The ring position of #key, or -1. */
	#find(): number {
		for (let slot = (this.#key[0] ?? 0) & this.#slotMask; ; slot = (slot + 1) & this.#slotMask) {
			const stored = this.#slots[slot] ?? 0;
			if (stored === 0) {
				return -1;
			}

			const position = stored - 1;
			if (this.#sameKey(position)) {
				return position;
			}
		}
	}

	#sameKey(position: number): boolean {
		const base = position * 4;
		return this.#ids[base] === this.#key[0] && this.#ids[base + 1] === this.#key[1]
			&& this.#ids[base + 2] === this.#key[2] && this.#ids[base + 3] === this.#key[3];
	}

	#homeSlot(position: number): number {
		return (this.#ids[position * 4] ?? 0) & this.#slotMask;
	}

	#link(position: number): void {
		let slot = this.#homeSlot(position);
		while ((this.#slots[slot] ?? 0) !== 0) {
			slot = (slot + 1) & this.#slotMask;
		}

		this.#slots[slot] = position + 1;
	}

	/** Removes a ring position from the table, shifting later entries of the probe run back so no tombstone is left. */
	#unlink(position: number): void {
		let slot = this.#homeSlot(position);
		while (this.#slots[slot] !== position + 1) {
			slot = (slot + 1) & this.#slotMask;
		}

		let hole = slot;
		for (let next = (hole + 1) & this.#slotMask; (this.#slots[next] ?? 0) !== 0; next = (next + 1) & this.#slotMask) {
			const home = this.#homeSlot((this.#slots[next] ?? 1) - 1);
			// Move the entry into the hole unless its home lies cyclically after the hole and at or before its slot.
			const stays = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next);
			if (!stays) {
				this.#slots[hole] = this.#slots[next] ?? 0;
				hole = next;
			}
		}

		this.#slots[hole] = 0;
	}

	#modelNumber(model: string): number {
		let number = this.#modelNumbers.get(model);
		if (number === undefined) {
			// Past 65,535 distinct names (models are re-registered far less often), the last number is shared.
			number = Math.min(this.#modelNames.length, modelNameLimit);
			if (number === this.#modelNames.length) {
				this.#modelNames.push(model);
			}

			this.#modelNumbers.set(model, number);
		}

		return number;
	}
}
