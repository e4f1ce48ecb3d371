import {TIERS, type Tier} from '../tiers.js';

/** What the router keeps of a decision: enough to accept its outcome once, and to find its full record. */
export type DecisionStub = {
	readonly routedAtMs: number;
	readonly model: string;
	readonly tier: Tier;
	readonly hasOutcome: boolean;
	/** Where a compaction archived the full record, or undefined while it is still in a journal. */
	readonly archive: {readonly index: number; readonly offset: number} | undefined;
};

/** One decision as the snapshot's decision table stores it. */
export type DecisionRow = {
	readonly id: Int32Array;
	readonly routedAtMs: number;
	readonly model: number;
	readonly tier: number;
	readonly hasOutcome: boolean;
	readonly archive: number;
	readonly archiveOffset: number;
};

/** The archive index meaning "not archived yet". */
export const NO_ARCHIVE = 0xFF_FF;

const idPattern = /^[\da-f]{32}$/u;
const modelNameLimit = 0xFF_FF;
const initialCapacity = 1024;

/**
 * Recent decisions by hash, kept in typed arrays: about 50 bytes a decision and no object for the garbage
 * collector to trace, where a Map of stub objects took about 190 bytes and made route() pay for every one kept.
 * A ring holds the decisions in the order they came, growing to `maxDecisions` and then overwriting the oldest;
 * an open-addressing table of ring positions, keyed by the hash's first 32 bits (random, so a good hash), finds
 * them. Hashes are the 32 hex digits of `randomId()`; any other string is simply unknown.
 */
export class DecisionIndex {
	readonly #maxDecisions: number;
	#capacity = 0;
	// The ring: a decision's 128-bit id as four 32-bit words, its time, model, tier, outcome flag and archive location.
	#ids = new Int32Array(0);
	#routedAtMs = new Float64Array(0);
	#models = new Uint16Array(0);
	#tiers = new Uint8Array(0);
	#outcomes = new Uint8Array(0);
	#archives = new Uint16Array(0);
	#archiveOffsets = new Float64Array(0);
	#size = 0;
	#next = 0;
	#outcomeCount = 0;
	// The table: ring position + 1 by slot, 0 for an empty slot; at most half full.
	#slots = new Int32Array(0);
	#slotMask = 0;
	readonly #modelNames: string[] = [];
	readonly #modelNumbers = new Map<string, number>();
	readonly #key = new Int32Array(4);

	constructor(maxDecisions: number) {
		this.#maxDecisions = maxDecisions;
		this.#resize(Math.min(maxDecisions, initialCapacity));
	}

	get size(): number {
		return this.#size;
	}

	/** How many of the kept decisions have an outcome. */
	get outcomeCount(): number {
		return this.#outcomeCount;
	}

	/** Model names by the numbers rows use. */
	get modelNames(): readonly string[] {
		return this.#modelNames;
	}

	/** Adds a decision, forgetting the oldest when full. A hash already present, or not of `randomId()`'s form, is ignored. */
	add(hash: string, routedAtMs: number, model: string, tier: Tier): void {
		if (this.#parse(hash)) {
			this.#insert(routedAtMs, this.#modelNumber(model), TIERS.indexOf(tier), false, NO_ARCHIVE, 0);
		}
	}

	/** Adds a row of a snapshot's decision table, whose model numbers refer to `modelNames` as given to {@link adoptModelNames}. */
	addRow(row: DecisionRow): void {
		this.#key.set(row.id);
		this.#insert(row.routedAtMs, row.model, row.tier, row.hasOutcome, row.archive, row.archiveOffset);
	}

	/** Takes a snapshot's model names, in order, before its rows are added. Only for an empty index. */
	adoptModelNames(names: readonly string[]): void {
		for (const name of names) {
			this.#modelNumber(name);
		}
	}

	/** The stub of the decision with this hash, or undefined. */
	get(hash: string): DecisionStub | undefined {
		const position = this.#parse(hash) ? this.#find() : -1;
		if (position < 0) {
			return undefined;
		}

		const archive = this.#archives[position] ?? NO_ARCHIVE;
		return {
			routedAtMs: this.#routedAtMs[position] ?? 0,
			model: this.#modelNames[this.#models[position] ?? 0] ?? '',
			tier: TIERS[this.#tiers[position] ?? 0] ?? 'trivial',
			hasOutcome: this.#outcomes[position] === 1,
			archive: archive === NO_ARCHIVE ? undefined : {index: archive, offset: this.#archiveOffsets[position] ?? 0},
		};
	}

	/** Marks the decision as having its outcome; returns false when it is unknown or already had one. */
	markOutcome(hash: string): boolean {
		const position = this.#parse(hash) ? this.#find() : -1;
		if (position < 0 || this.#outcomes[position] === 1) {
			return false;
		}

		this.#outcomes[position] = 1;
		this.#outcomeCount++;
		return true;
	}

	/** Records where compaction archived a decision's full record. */
	setArchive(hash: string, archive: number, offset: number): void {
		const position = this.#parse(hash) ? this.#find() : -1;
		if (position >= 0) {
			this.#archives[position] = archive;
			this.#archiveOffsets[position] = offset;
		}
	}

	/** Every decision, oldest first, as rows; `keep` filters them (e.g. by age). */
	rows(keep: (routedAtMs: number) => boolean): DecisionRow[] {
		const rows: DecisionRow[] = [];
		const oldest = this.#size < this.#capacity ? 0 : this.#next;
		for (let count = 0; count < this.#size; count++) {
			const position = (oldest + count) % this.#capacity;
			const routedAtMs = this.#routedAtMs[position] ?? 0;
			if (keep(routedAtMs)) {
				rows.push({
					id: this.#ids.slice(position * 4, (position * 4) + 4),
					routedAtMs,
					model: this.#models[position] ?? 0,
					tier: this.#tiers[position] ?? 0,
					hasOutcome: this.#outcomes[position] === 1,
					archive: this.#archives[position] ?? NO_ARCHIVE,
					archiveOffset: this.#archiveOffsets[position] ?? 0,
				});
			}
		}

		return rows;
	}

	#insert(routedAtMs: number, model: number, tier: number, hasOutcome: boolean, archive: number, archiveOffset: number): void {
		if (this.#maxDecisions === 0 || this.#find() >= 0) {
			return;
		}

		if (this.#size === this.#capacity && this.#capacity < this.#maxDecisions) {
			this.#resize(Math.min(this.#maxDecisions, this.#capacity * 2));
		}

		const position = this.#next;
		if (this.#size === this.#capacity) {
			this.#unlink(position);
			if (this.#outcomes[position] === 1) {
				this.#outcomeCount--;
			}
		} else {
			this.#size++;
		}

		this.#ids.set(this.#key, position * 4);
		this.#routedAtMs[position] = routedAtMs;
		this.#models[position] = model;
		this.#tiers[position] = tier;
		this.#outcomes[position] = hasOutcome ? 1 : 0;
		this.#outcomeCount += hasOutcome ? 1 : 0;
		this.#archives[position] = archive;
		this.#archiveOffsets[position] = archiveOffset;
		this.#link(position);
		this.#next = (position + 1) % this.#capacity;
	}

	/** Moves the ring into arrays of a new capacity, oldest first, and rebuilds the table. */
	#resize(capacity: number): void {
		const oldest = this.#size < this.#capacity ? 0 : this.#next;
		const order = Array.from({length: this.#size}, (_, count) => (oldest + count) % this.#capacity);
		const copy = <T extends Int32Array | Float64Array | Uint16Array | Uint8Array>(source: T, make: (length: number) => T, width = 1): T => {
			const target = make(capacity * width);
			for (const [to, from] of order.entries()) {
				target.set(source.subarray(from * width, (from + 1) * width), to * width);
			}

			return target;
		};

		this.#ids = copy(this.#ids, length => new Int32Array(length), 4);
		this.#routedAtMs = copy(this.#routedAtMs, length => new Float64Array(length));
		this.#models = copy(this.#models, length => new Uint16Array(length));
		this.#tiers = copy(this.#tiers, length => new Uint8Array(length));
		this.#outcomes = copy(this.#outcomes, length => new Uint8Array(length));
		this.#archives = copy(this.#archives, length => new Uint16Array(length));
		this.#archiveOffsets = copy(this.#archiveOffsets, length => new Float64Array(length));
		this.#capacity = capacity;
		this.#next = capacity === 0 ? 0 : this.#size % capacity;
		let slotCount = 8;
		while (slotCount < capacity * 2) {
			slotCount *= 2;
		}

		this.#slots = new Int32Array(slotCount);
		this.#slotMask = slotCount - 1;
		for (let position = 0; position < this.#size; position++) {
			this.#link(position);
		}
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

			const base = (stored - 1) * 4;
			if (this.#ids[base] === this.#key[0] && this.#ids[base + 1] === this.#key[1]
				&& this.#ids[base + 2] === this.#key[2] && this.#ids[base + 3] === this.#key[3]) {
				return stored - 1;
			}
		}
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
			number = Math.min(this.#modelNames.length, modelNameLimit - 1);
			if (number === this.#modelNames.length) {
				this.#modelNames.push(model);
			}

			this.#modelNumbers.set(model, number);
		}

		return number;
	}
}
