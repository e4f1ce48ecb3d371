const noSlots = new Int32Array(0);
const noWeights = new Float32Array(0);

/**
 * The similar-prompt memory's inverted index: per term, oldest first, the slots of the entries that hold it and
 * its weight in each, in two typed arrays a term. A term's live postings run from its start to its end; before
 * the start are those of evicted entries, which go oldest first, so that dropping one moves the start. Typed
 * arrays rather than arrays of numbers: a posting takes 8 bytes instead of 16, and a memory's postings load in
 * two passes over them (see {@link PostingLists.load}).
 */
export class PostingLists {
	readonly #slots: Int32Array[] = [];
	readonly #weights: Float32Array[] = [];
	readonly #start: number[] = [];
	readonly #end: number[] = [];

	/** Adds a term without postings; returns its id. */
	addTerm(): number {
		this.#slots.push(noSlots);
		this.#weights.push(noWeights);
		this.#start.push(0);
		this.#end.push(0);
		return this.#slots.length - 1;
	}

	/** The arrays of `term`'s postings, valid until the next change to it: live from {@link start} to {@link end}. */
	slotsOf(term: number): Int32Array {
		return this.#slots[term] ?? noSlots;
	}

	weightsOf(term: number): Float32Array {
		return this.#weights[term] ?? noWeights;
	}

	start(term: number): number {
		return this.#start[term] ?? 0;
	}

	end(term: number): number {
		return this.#end[term] ?? 0;
	}

	/** Live postings of `term`. */
	count(term: number): number {
		return this.end(term) - this.start(term);
	}

	/**
	 * Gives terms without postings theirs all at once: posting `index` is `terms[index]`'s, of `slots[index]` at
	 * `weights[index]`, oldest first. One pass counts each term's postings, one puts them in place in two arrays
	 * shared by every term, and each term's lists are views of its part of them: writing posting after posting to
	 * each term's own arrays took several times as long, each write reaching through a different array.
	 */
	load(terms: Int32Array, slots: Int32Array, weights: Float32Array): void {
		const termCount = this.#slots.length;
		const offsets = new Int32Array(termCount + 1);
		for (const term of terms) {
			offsets[term + 1] = (offsets[term + 1] ?? 0) + 1;
		}

		for (let term = 0; term < termCount; term++) {
			offsets[term + 1] = (offsets[term + 1] ?? 0) + (offsets[term] ?? 0);
		}

		const next = offsets.slice(0, termCount);
		const sharedSlots = new Int32Array(terms.length);
		const sharedWeights = new Float32Array(terms.length);
		for (let index = 0; index < terms.length; index++) {
			const term = terms[index] ?? 0;
			const at = next[term] ?? 0;
			next[term] = at + 1;
			sharedSlots[at] = slots[index] ?? 0;
			sharedWeights[at] = weights[index] ?? 0;
		}

		for (let term = 0; term < termCount; term++) {
			const from = offsets[term] ?? 0;
			const to = offsets[term + 1] ?? 0;
			if (to > from) {
				this.#slots[term] = sharedSlots.subarray(from, to);
				this.#weights[term] = sharedWeights.subarray(from, to);
				this.#start[term] = 0;
				this.#end[term] = to - from;
			}
		}
	}

	/** Adds the newest posting of `term`. */
	push(term: number, slot: number, weight: number): void {
		let end = this.end(term);
		if (end === this.slotsOf(term).length) {
			this.#moveTo(term, Math.max(4, 2 * this.count(term)));
			end = this.end(term);
		}

		(this.#slots[term] ?? noSlots)[end] = slot;
		(this.#weights[term] ?? noWeights)[end] = weight;
		this.#end[term] = end + 1;
	}

	/** Drops the oldest live posting of `term`: the start moves, and the postings move to the front once half are dropped. */
	dropOldest(term: number): void {
		const start = this.start(term) + 1;
		const end = this.end(term);
		if (start >= end) {
			this.#start[term] = 0;
			this.#end[term] = 0;
		} else if (start >= 32 && 2 * start >= end) {
			this.slotsOf(term).copyWithin(0, start, end);
			this.weightsOf(term).copyWithin(0, start, end);
			this.#start[term] = 0;
			this.#end[term] = end - start;
		} else {
			this.#start[term] = start;
		}
	}

	/** Moves `term`'s live postings to the front of arrays of `size`, new ones when they are not that size. */
	#moveTo(term: number, size: number): void {
		const start = this.start(term);
		const end = this.end(term);
		const slots = this.slotsOf(term);
		const weights = this.weightsOf(term);
		if (slots.length === size) {
			slots.copyWithin(0, start, end);
			weights.copyWithin(0, start, end);
		} else {
			const movedSlots = new Int32Array(size);
			const movedWeights = new Float32Array(size);
			movedSlots.set(slots.subarray(start, end));
			movedWeights.set(weights.subarray(start, end));
			this.#slots[term] = movedSlots;
			this.#weights[term] = movedWeights;
		}

		this.#start[term] = 0;
		this.#end[term] = end - start;
	}
}
