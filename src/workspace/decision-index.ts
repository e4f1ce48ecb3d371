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

/** The archive index meaning "not archived yet". */
export const NO_ARCHIVE = 0xFF_FF;

/** One decision as the snapshot's decision table stores it: the hash's 128 bits as four words, then its fields. */
export type DecisionRow = {
	id0: number;
	id1: number;
	id2: number;
	id3: number;
	routedAtMs: number;
	model: number;
	tier: number;
	hasOutcome: boolean;
	archive: number;
	archiveOffset: number;
};

/** A row to fill, for reading or writing a table row by row without an object each. */
export function emptyRow(): DecisionRow {
	return {id0: 0, id1: 0, id2: 0, id3: 0, routedAtMs: 0, model: 0, tier: 0, hasOutcome: false, archive: NO_ARCHIVE, archiveOffset: 0};
}

const modelNameLimit = 0xFF_FF;
const initialCapacity = 1024;

/**
 * Recent decisions by hash, kept in typed arrays: about 55 bytes a decision and no object for the garbage
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
	// The table: per slot, the ring position + 1 (0 for an empty slot) and the hash's first word; at most half full.
	#slots = new Int32Array(0);
	#slotMask = 0;
	readonly #modelNames: string[] = [];
	readonly #modelNumbers = new Map<string, number>();
	readonly #key = new Int32Array(4);
	readonly #scratch = emptyRow();

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
			const row = this.#scratch;
			row.id0 = this.#key[0] ?? 0;
			row.id1 = this.#key[1] ?? 0;
			row.id2 = this.#key[2] ?? 0;
			row.id3 = this.#key[3] ?? 0;
			row.routedAtMs = routedAtMs;
			row.model = this.#modelNumber(model);
			row.tier = TIERS.indexOf(tier);
			row.hasOutcome = false;
			row.archive = NO_ARCHIVE;
			row.archiveOffset = 0;
			this.#insert(row);
		}
	}

	/**
	 * Adds a snapshot's rows, oldest first, whose model numbers refer to `modelNames` as given to
	 * {@link adoptModelNames}: `read(row, number)` fills `row` with row `number` and returns false to skip it (a
	 * damaged row). Into an empty index, the rows go straight into the ring and the table of hashes
	 * is built in the order of its slots: a million rows load in a tenth of the time that adding them one by one
	 * takes, since each addition waits on a read from a random place in memory.
	 */
	loadRows(count: number, read: (row: DecisionRow, number: number) => boolean): void {
		const row = emptyRow();
		if (this.#size === 0 && this.#maxDecisions > 0) {
			// Only the newest maxDecisions would stay.
			const first = Math.max(0, count - this.#maxDecisions);
			this.#reserve(count - first);
			for (let number = first; number < count; number++) {
				if (read(row, number)) {
					this.#place(this.#size, row);
					this.#size++;
				}
			}

			this.#next = this.#size % this.#capacity;
			if (this.#linkAll()) {
				return;
			}

			// Two rows with one hash: not a table tierwise wrote. Add the rows one by one, keeping the first of each hash.
			this.#size = 0;
			this.#next = 0;
			this.#outcomeCount = 0;
			this.#slots.fill(0);
		}

		for (let number = 0; number < count; number++) {
			if (read(row, number)) {
				this.#insert(row);
			}
		}
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

	/**
	 * Calls `visit` with every decision, oldest first. The row object is the same on every call, refilled: copy
	 * what you keep. A million decisions pass in milliseconds, where an object each took a second to build.
	 */
	forEachRow(visit: (row: Readonly<DecisionRow>) => void): void {
		const row = emptyRow();
		const oldest = this.#size < this.#capacity ? 0 : this.#next;
		for (let count = 0; count < this.#size; count++) {
			const position = (oldest + count) % this.#capacity;
			row.id0 = this.#ids[position * 4] ?? 0;
			row.id1 = this.#ids[(position * 4) + 1] ?? 0;
			row.id2 = this.#ids[(position * 4) + 2] ?? 0;
			row.id3 = this.#ids[(position * 4) + 3] ?? 0;
			row.routedAtMs = this.#routedAtMs[position] ?? 0;
			row.model = this.#models[position] ?? 0;
			row.tier = this.#tiers[position] ?? 0;
			row.hasOutcome = this.#outcomes[position] === 1;
			row.archive = this.#archives[position] ?? NO_ARCHIVE;
			row.archiveOffset = this.#archiveOffsets[position] ?? 0;
			visit(row);
		}
	}

	/** Adds a row unless its hash is already there, forgetting the oldest when full. */
	#insert(row: Readonly<DecisionRow>): void {
		this.#key[0] = row.id0;
		this.#key[1] = row.id1;
		this.#key[2] = row.id2;
		this.#key[3] = row.id3;
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

		this.#place(position, row);
		this.#link(position);
		this.#next = (position + 1) % this.#capacity;
	}

	/** Makes room for `count` decisions, up to maxDecisions, at once. */
	#reserve(count: number): void {
		const capacity = Math.min(this.#maxDecisions, count);
		if (capacity > this.#capacity) {
			this.#resize(capacity);
		}
	}

	/** Writes a row's fields at a ring position (not linking it into the table). */
	#place(position: number, row: Readonly<DecisionRow>): void {
		this.#ids[position * 4] = row.id0;
		this.#ids[(position * 4) + 1] = row.id1;
		this.#ids[(position * 4) + 2] = row.id2;
		this.#ids[(position * 4) + 3] = row.id3;
		this.#routedAtMs[position] = row.routedAtMs;
		this.#models[position] = row.model;
		this.#tiers[position] = row.tier;
		this.#outcomes[position] = row.hasOutcome ? 1 : 0;
		this.#outcomeCount += row.hasOutcome ? 1 : 0;
		this.#archives[position] = row.archive;
		this.#archiveOffsets[position] = row.archiveOffset;
	}

	/** Moves the ring into arrays of a larger capacity, oldest first, and rebuilds the table. */
	#resize(capacity: number): void {
		// The ring's contents are two runs: from the oldest to the end of the arrays, then from their start.
		const oldest = this.#size < this.#capacity ? 0 : this.#next;
		const firstRun = Math.min(this.#size, this.#capacity - oldest);
		const copy = <T extends Int32Array | Float64Array | Uint16Array | Uint8Array>(source: T, make: (length: number) => T, width = 1): T => {
			const target = make(capacity * width);
			target.set(source.subarray(oldest * width, (oldest + firstRun) * width));
			target.set(source.subarray(0, (this.#size - firstRun) * width), firstRun * width);
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

		this.#slots = new Int32Array(slotCount * 2);
		this.#slotMask = slotCount - 1;
		this.#linkAll();
	}

	/**
	 * Links every ring position into an empty table, grouped by home slot (see {@link #byHomeSlot}), so that the
	 * table is written front to back; false when two positions hold the same hash (in any order of linking, the
	 * second meets the first in its probe run). Linking in ring order instead waited on
	 * a read from a random place in memory for each position, about 300 ms for a million.
	 */
	#linkAll(): boolean {
		const {words, positions} = this.#byHomeSlot();
		for (let at = 0; at < this.#size; at++) {
			const word0 = words[at] ?? 0;
			const position = positions[at] ?? 0;
			let slot = word0 & this.#slotMask;
			for (let stored = this.#slots[slot * 2] ?? 0; stored !== 0; stored = this.#slots[slot * 2] ?? 0) {
				// Only a slot with the same first word sends us to the ring, where the rest of the hash is.
				if (this.#slots[(slot * 2) + 1] === word0 && this.#sameHash(stored - 1, position)) {
					return false;
				}

				slot = (slot + 1) & this.#slotMask;
			}

			this.#slots[slot * 2] = position + 1;
			this.#slots[(slot * 2) + 1] = word0;
		}

		return true;
	}

	/**
	 * The ring positions and their hashes' first words, grouped by the top 11 bits of their home slot: one
	 * counting pass, whose writes go to 2,048 runs at a time rather than anywhere in memory. The slots of a group
	 * lie within a few kilobytes of one another (8 KB for a million decisions), so linking in this order still
	 * writes the table front to back, as far as the processor's caches can tell. Sorting by the whole home slot
	 * took two such passes: a million rows loaded in a fresh process in 268–339 ms, against 164–224 ms now.
	 */
	#byHomeSlot(): {words: Int32Array; positions: Int32Array} {
		const size = this.#size;
		const mask = this.#slotMask;
		const slotBits = 32 - Math.clz32(mask);
		const shift = Math.max(0, slotBits - 11);
		const counts = new Int32Array(1 << (slotBits - shift));
		for (let position = 0; position < size; position++) {
			const group = ((this.#ids[position * 4] ?? 0) & mask) >>> shift;
			counts[group] = (counts[group] ?? 0) + 1;
		}

		let total = 0;
		for (let group = 0; group < counts.length; group++) {
			const count = counts[group] ?? 0;
			counts[group] = total;
			total += count;
		}

		const words = new Int32Array(size);
		const positions = new Int32Array(size);
		for (let position = 0; position < size; position++) {
			const word = this.#ids[position * 4] ?? 0;
			const group = (word & mask) >>> shift;
			const to = counts[group] ?? 0;
			counts[group] = to + 1;
			words[to] = word;
			positions[to] = position;
		}

		return {words, positions};
	}

	#sameHash(a: number, b: number): boolean {
		return this.#ids[a * 4] === this.#ids[b * 4] && this.#ids[(a * 4) + 1] === this.#ids[(b * 4) + 1]
			&& this.#ids[(a * 4) + 2] === this.#ids[(b * 4) + 2] && this.#ids[(a * 4) + 3] === this.#ids[(b * 4) + 3];
	}

	/** Reads a hash into #key; false when it is not 32 lower-case hex digits. One pass of char codes: a regex and four parseInts took 800 ns. */
	#parse(hash: string): boolean {
		if (hash.length !== 32) {
			return false;
		}

		for (let word = 0; word < 4; word++) {
			let value = 0;
			for (let at = word * 8; at < (word * 8) + 8; at++) {
				const code = hash.charCodeAt(at);
				const digit = code >= 48 && code <= 57 ? code - 48 : (code >= 97 && code <= 102 ? code - 87 : -1);
				if (digit < 0) {
					return false;
				}

				value = (value << 4) | digit;
			}

			this.#key[word] = value;
		}

		return true;
	}

	/** The ring position of #key, or -1. */
	#find(): number {
		const word0 = this.#key[0] ?? 0;
		for (let slot = word0 & this.#slotMask; ; slot = (slot + 1) & this.#slotMask) {
			const stored = this.#slots[slot * 2] ?? 0;
			if (stored === 0) {
				return -1;
			}

			// The slot's copy of the first word settles most comparisons without reading the ring.
			const base = (stored - 1) * 4;
			if (this.#slots[(slot * 2) + 1] === word0 && this.#ids[base + 1] === this.#key[1]
				&& this.#ids[base + 2] === this.#key[2] && this.#ids[base + 3] === this.#key[3]) {
				return stored - 1;
			}
		}
	}

	/** Links a ring position into the table (whose hash the table must not hold yet). */
	#link(position: number): void {
		const word0 = this.#ids[position * 4] ?? 0;
		let slot = word0 & this.#slotMask;
		while ((this.#slots[slot * 2] ?? 0) !== 0) {
			slot = (slot + 1) & this.#slotMask;
		}

		this.#slots[slot * 2] = position + 1;
		this.#slots[(slot * 2) + 1] = word0;
	}

	/** Removes a ring position from the table, shifting later entries of the probe run back so no tombstone is left. */
	#unlink(position: number): void {
		let slot = (this.#ids[position * 4] ?? 0) & this.#slotMask;
		while (this.#slots[slot * 2] !== position + 1) {
			slot = (slot + 1) & this.#slotMask;
		}

		let hole = slot;
		for (let next = (hole + 1) & this.#slotMask; (this.#slots[next * 2] ?? 0) !== 0; next = (next + 1) & this.#slotMask) {
			const home = (this.#slots[(next * 2) + 1] ?? 0) & this.#slotMask;
			// Move the entry into the hole unless its home lies cyclically after the hole and at or before its slot.
			const stays = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next);
			if (!stays) {
				this.#slots[hole * 2] = this.#slots[next * 2] ?? 0;
				this.#slots[(hole * 2) + 1] = this.#slots[(next * 2) + 1] ?? 0;
				hole = next;
			}
		}

		this.#slots[hole * 2] = 0;
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
