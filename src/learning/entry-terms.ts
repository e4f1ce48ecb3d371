/**
 * The terms of the similar-prompt memory's entries (term ids, counts in the prompt, TF-IDF weights), one entry
 * after another in three typed arrays, rather than three small typed arrays an entry: allocating and collecting
 * those took most of loading a memory of 50,000 prompts, and a share of every outcome's learning. An entry keeps
 * its terms side by side from its start; entries are written at the end, and once the arrays are full the live
 * entries are moved to the front of arrays twice their size (oldest first, the order they were written in), so
 * that each term is moved about once for each time it is written.
 */
export class EntryTerms {
	#ids = new Int32Array(1024);
	#counts = new Uint16Array(1024);
	#weights = new Float32Array(1024);
	readonly #start: Int32Array;
	/** Terms of each slot's entry; 0 for an empty slot. */
	readonly #length: Int32Array;
	#used = 0;
	#live = 0;

	constructor(slots: number) {
		this.#start = new Int32Array(slots);
		this.#length = new Int32Array(slots);
	}

	/** The arrays entries are read from, valid until the next {@link write}. */
	get ids(): Int32Array {
		return this.#ids;
	}

	get counts(): Uint16Array {
		return this.#counts;
	}

	get weights(): Float32Array {
		return this.#weights;
	}

	/** Where `slot`'s entry starts in the arrays. */
	start(slot: number): number {
		return this.#start[slot] ?? 0;
	}

	/** How many terms `slot`'s entry has; 0 for an empty slot. */
	length(slot: number): number {
		return this.#length[slot] ?? 0;
	}

	/**
	 * Writes `slot`'s entry (which must be empty): `length` terms from position `from` of the arrays given, the
	 * counts capped at 65,535. `liveSlots` lists the slots holding entries, oldest first, should the arrays need
	 * moving.
	 */
	write(slot: number, ids: ArrayLike<number>, counts: ArrayLike<number>, weights: ArrayLike<number>, from: number, length: number, liveSlots: () => Iterable<number>): void {
		this.reserve(length, liveSlots);
		const start = this.#used;
		for (let index = 0; index < length; index++) {
			this.#ids[start + index] = ids[from + index] ?? 0;
			this.#counts[start + index] = Math.min(65_535, counts[from + index] ?? 1);
			this.#weights[start + index] = weights[from + index] ?? 0;
		}

		this.#start[slot] = start;
		this.#length[slot] = length;
		this.#used += length;
		this.#live += length;
	}

	/** Makes room for `extra` more terms at once, as loading a memory knows how many it brings. */
	reserve(extra: number, liveSlots: () => Iterable<number>): void {
		if (this.#used + extra > this.#ids.length) {
			this.#moveLive(extra, liveSlots());
		}
	}

	/** Empties `slot`. */
	clear(slot: number): void {
		this.#live -= this.#length[slot] ?? 0;
		this.#length[slot] = 0;
	}

	/** Moves the live entries to the front of arrays with room for them twice over and `needed` more. */
	#moveLive(needed: number, liveSlots: Iterable<number>): void {
		const size = Math.max(1024, 2 * (this.#live + needed));
		const ids = new Int32Array(size);
		const counts = new Uint16Array(size);
		const weights = new Float32Array(size);
		let used = 0;
		for (const slot of liveSlots) {
			const start = this.#start[slot] ?? 0;
			const length = this.#length[slot] ?? 0;
			ids.set(this.#ids.subarray(start, start + length), used);
			counts.set(this.#counts.subarray(start, start + length), used);
			weights.set(this.#weights.subarray(start, start + length), used);
			this.#start[slot] = used;
			used += length;
		}

		this.#ids = ids;
		this.#counts = counts;
		this.#weights = weights;
		this.#used = used;
	}
}
