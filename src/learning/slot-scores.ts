/**
 * Similarity sums for the slots one query touches, in a small open-addressing table rather than an array as
 * large as the memory: a query touches a few hundred slots, and a table of a few kilobytes stays in the
 * processor's cache where an array of one number per stored prompt does not. Emptied after each query.
 */
export class SlotScores {
	readonly #keys: Int32Array;
	readonly #values: Float64Array;
	readonly #mask: number;
	/** Table positions in use, in the order first used. */
	readonly #used: Int32Array;
	#size = 0;

	/** A table for at most `capacity` distinct slots. */
	constructor(capacity: number) {
		const tableSize = 2 ** Math.ceil(Math.log2(Math.max(8, 2 * capacity)));
		this.#keys = new Int32Array(tableSize).fill(-1);
		this.#values = new Float64Array(tableSize);
		this.#mask = tableSize - 1;
		this.#used = new Int32Array(capacity);
	}

	/** Distinct slots added since the last {@link clear}. */
	get size(): number {
		return this.#size;
	}

	/** Adds `amount` to `slot`'s sum; no more distinct slots than the capacity. */
	add(slot: number, amount: number): void {
		let at = Math.imul(slot, 0x9E_37_79_B1) & this.#mask;
		for (;;) {
			const key = this.#keys[at] ?? -1;
			if (key === slot) {
				this.#values[at] = (this.#values[at] ?? 0) + amount;
				return;
			}

			if (key === -1) {
				this.#keys[at] = slot;
				this.#values[at] = amount;
				this.#used[this.#size++] = at;
				return;
			}

			at = (at + 1) & this.#mask;
		}
	}

	/** The slot added `index`th (from 0). */
	slotAt(index: number): number {
		return this.#keys[this.#used[index] ?? 0] ?? -1;
	}

	/** The sum of the slot added `index`th. */
	valueAt(index: number): number {
		return this.#values[this.#used[index] ?? 0] ?? 0;
	}

	clear(): void {
		// Past an eighth of the table, one fill is quicker than a write to each position used.
		if (8 * this.#size > this.#keys.length) {
			this.#keys.fill(-1);
		} else {
			for (let index = 0; index < this.#size; index++) {
				this.#keys[this.#used[index] ?? 0] = -1;
			}
		}

		this.#size = 0;
	}
}
