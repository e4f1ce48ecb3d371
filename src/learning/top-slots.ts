/**
 * The `limit` slots of highest similarity among those offered, kept in a min-heap on two typed arrays (the
 * least similar at the root), so that a query keeps its nearest prompts without allocating.
 */
export class TopSlots {
	readonly #slots: Int32Array;
	readonly #values: Float64Array;
	#size = 0;

	constructor(limit: number) {
		this.#slots = new Int32Array(limit);
		this.#values = new Float64Array(limit);
	}

	/** Keeps `slot` if it is among the `limit` most similar offered since the last {@link sort}. */
	offer(slot: number, value: number): void {
		if (this.#size < this.#slots.length) {
			this.#siftUp(this.#size++, slot, value);
		} else if (value > (this.#values[0] ?? 0)) {
			this.#siftDown(this.#size, slot, value);
		}
	}

	/**
	 * Orders what was kept most similar first, readable through {@link slot} and {@link similarity}, and empties
	 * the heap for the next query. Returns how many were kept.
	 */
	sort(): number {
		const kept = this.#size;
		for (let end = kept - 1; end > 0; end--) {
			const slot = this.#slots[end] ?? 0;
			const value = this.#values[end] ?? 0;
			this.#slots[end] = this.#slots[0] ?? 0;
			this.#values[end] = this.#values[0] ?? 0;
			this.#siftDown(end, slot, value);
		}

		this.#size = 0;
		return kept;
	}

	/** After {@link sort}: the `rank`th most similar slot, from 0. */
	slot(rank: number): number {
		return this.#slots[rank] ?? 0;
	}

	similarity(rank: number): number {
		return this.#values[rank] ?? 0;
	}

	/** Puts (`slot`, `value`) at `position`, the heap's new last place, and moves it up to where it belongs. */
	#siftUp(position: number, slot: number, value: number): void {
		let at = position;
		while (at > 0) {
			const parent = (at - 1) >> 1;
			const parentValue = this.#values[parent] ?? 0;
			if (parentValue <= value) {
				break;
			}

			this.#slots[at] = this.#slots[parent] ?? 0;
			this.#values[at] = parentValue;
			at = parent;
		}

		this.#slots[at] = slot;
		this.#values[at] = value;
	}

	/** Replaces the root of a heap of `size` with (`slot`, `value`) and moves it down to where it belongs. */
	#siftDown(size: number, slot: number, value: number): void {
		let at = 0;
		for (;;) {
			let child = (2 * at) + 1;
			if (child >= size) {
				break;
			}

			if (child + 1 < size && (this.#values[child + 1] ?? 0) < (this.#values[child] ?? 0)) {
				child++;
			}

			const childValue = this.#values[child] ?? 0;
			if (childValue >= value) {
				break;
			}

			this.#slots[at] = this.#slots[child] ?? 0;
			this.#values[at] = childValue;
			at = child;
		}

		this.#slots[at] = slot;
		this.#values[at] = value;
	}
}
