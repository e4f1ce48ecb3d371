/**
 * (model, score) pairs in the order they came, oldest dropped first, in two typed arrays that grow when full.
 * Positions are absolute (they keep counting up); a pair's place in the arrays is its position modulo their size.
 * The similar-prompt memory keeps its prompts' results here rather than in an object per prompt, so that a query
 * reading its neighbours' results touches two compact arrays, not objects spread over the heap.
 */
export class ResultRing {
	#models: Int32Array;
	#scores: Float64Array;
	/** Position of the next pair appended. */
	#head = 0;
	/** Position of the oldest pair kept. */
	#tail = 0;

	constructor(initialSize: number) {
		this.#models = new Int32Array(Math.max(1, initialSize));
		this.#scores = new Float64Array(Math.max(1, initialSize));
	}

	/** Position the next pair will have. */
	get head(): number {
		return this.#head;
	}

	append(model: number, score: number): void {
		if (this.#head - this.#tail === this.#models.length) {
			this.#grow();
		}

		const at = this.#head % this.#models.length;
		this.#models[at] = model;
		this.#scores[at] = score;
		this.#head++;
	}

	/** Drops every pair before `position`. */
	dropBefore(position: number): void {
		this.#tail = Math.max(this.#tail, Math.min(position, this.#head));
	}

	model(position: number): number {
		return this.#models[position % this.#models.length] ?? 0;
	}

	score(position: number): number {
		return this.#scores[position % this.#scores.length] ?? 0;
	}

	#grow(): void {
		const size = 2 * this.#models.length;
		const models = new Int32Array(size);
		const scores = new Float64Array(size);
		for (let position = this.#tail; position < this.#head; position++) {
			models[position % size] = this.model(position);
			scores[position % size] = this.score(position);
		}

		this.#models = models;
		this.#scores = scores;
	}
}
