import type {PromptTerms} from './observation.js';

/** What the neighbours of a prompt say about one model: similarity-weighted sums over up to `k` of them. */
export type NeighbourEvidence = {
	/** Σ similarity × score. */
	readonly weightedScore: number;
	/** Σ similarity: how much evidence there is. */
	readonly weight: number;
	readonly neighbours: number;
};

export type PromptMemoryOptions = {
	/** Prompts kept; the oldest go first. @default 50_000 */
	readonly capacity?: number;
	/** Neighbours per model. @default 20 */
	readonly neighboursPerModel?: number;
	/** Postings read per query term, newest first: bounds the work of a query whatever the memory holds. @default 128 */
	readonly postingsPerTerm?: number;
};

/** A query reads this many of its heaviest terms at most. */
const maxQueryTerms = 24;

type Entry = {
	readonly ids: Int32Array;
	readonly counts: Uint16Array;
	readonly models: Int32Array;
	readonly scores: Float32Array;
};

/** A stored prompt in the form {@link PromptMemory.toJSON} writes: terms and counts, model indices and scores. */
export type MemoryEntryJson = [terms: string[], counts: number[], models: number[], scores: number[]];

export type PromptMemoryJson = {
	readonly models: string[];
	/** Oldest first. */
	readonly entries: MemoryEntryJson[];
};

/**
 * Outcomes of past prompts, found again by the similarity of their TF-IDF vectors to a new prompt's. An
 * inverted index from each term to the prompts that hold it, with the term's weight in each; a fixed number of
 * prompts, oldest out first. The memory keeps its own vocabulary and document frequencies, so that it knows
 * the words of the caller's prompts, not only those of the classifier's seed corpus.
 *
 * A query reads at most `postingsPerTerm` postings of each of its terms, newest first: the cost of a route does
 * not grow with what has been learned.
 */
export class PromptMemory {
	readonly #capacity: number;
	readonly #neighboursPerModel: number;
	readonly #postingsPerTerm: number;
	readonly #nearestCount: number;
	readonly #termIds = new Map<string, number>();
	readonly #terms: string[] = [];
	readonly #documentFrequency: number[] = [];
	/** Per term: pairs of (entry sequence number, weight of the term in that entry), oldest first. */
	readonly #postings: number[][] = [];
	readonly #modelIds = new Map<string, number>();
	readonly #models: string[] = [];
	readonly #entries: Array<Entry | undefined>;
	/** The sequence number held in each slot, plus one; 0 for an empty slot. */
	readonly #slotSequence: Float64Array;
	#nextSequence = 0;
	// Scratch space for queries, which are synchronous.
	readonly #similarity: Float64Array;
	readonly #touched: number[] = [];

	constructor(options: PromptMemoryOptions = {}) {
		this.#capacity = options.capacity ?? 50_000;
		this.#neighboursPerModel = options.neighboursPerModel ?? 20;
		this.#postingsPerTerm = options.postingsPerTerm ?? 128;
		this.#nearestCount = Math.max(64, 4 * this.#neighboursPerModel);
		this.#entries = new Array<Entry | undefined>(this.#capacity);
		this.#slotSequence = new Float64Array(this.#capacity);
		this.#similarity = new Float64Array(this.#capacity);
	}

	/** Prompts held. */
	get size(): number {
		return Math.min(this.#nextSequence, this.#capacity);
	}

	/** Stores a prompt with how models did on it, evicting the oldest when full. */
	add(terms: PromptTerms, results: ReadonlyArray<{readonly model: string; readonly score: number}>): void {
		if (terms.length === 0 || results.length === 0) {
			return;
		}

		const sequence = this.#nextSequence++;
		const slot = sequence % this.#capacity;
		this.#evict(slot);
		const ids = new Int32Array(terms.length);
		const counts = new Uint16Array(terms.length);
		for (const [index, [term, count]] of terms.entries()) {
			const id = this.#intern(term);
			ids[index] = id;
			counts[index] = Math.min(65_535, count);
			this.#documentFrequency[id] = (this.#documentFrequency[id] ?? 0) + 1;
		}

		const weights = this.#weigh(terms, ids);
		for (const [index, id] of ids.entries()) {
			const postings = this.#postings[id] ?? [];
			postings.push(sequence, weights[index] ?? 0);
			this.#postings[id] = postings;
		}

		const models = new Int32Array(results.length);
		const scores = new Float32Array(results.length);
		for (const [index, result] of results.entries()) {
			models[index] = this.#internModel(result.model);
			scores[index] = result.score;
		}

		this.#entries[slot] = {ids, counts, models, scores};
		this.#slotSequence[slot] = sequence + 1;
	}

	/**
	 * For each model with neighbours, what the nearest stored prompts that it answered say: their similarity-weighted
	 * scores, over the `neighboursPerModel` most similar.
	 */
	neighbourEvidence(terms: PromptTerms): Map<string, NeighbourEvidence> {
		const evidence = new Map<string, NeighbourEvidence>();
		if (this.#nextSequence === 0 || terms.length === 0) {
			return evidence;
		}

		const neighbours = this.#nearest(terms);
		const perModel = this.#models.map(() => ({weightedScore: 0, weight: 0, neighbours: 0}));
		for (const {slot, similarity} of neighbours) {
			const entry = this.#entries[slot];
			if (entry === undefined) {
				continue;
			}

			for (const [index, model] of entry.models.entries()) {
				const sums = perModel[model];
				if (sums !== undefined && sums.neighbours < this.#neighboursPerModel) {
					sums.weightedScore += similarity * (entry.scores[index] ?? 0);
					sums.weight += similarity;
					sums.neighbours++;
				}
			}
		}

		for (const [index, sums] of perModel.entries()) {
			if (sums.neighbours > 0) {
				evidence.set(this.#models[index] ?? '', sums);
			}
		}

		return evidence;
	}

	toJSON(): PromptMemoryJson {
		const entries: MemoryEntryJson[] = [];
		const first = Math.max(0, this.#nextSequence - this.#capacity);
		for (let sequence = first; sequence < this.#nextSequence; sequence++) {
			const entry = this.#entries[sequence % this.#capacity];
			if (entry !== undefined) {
				entries.push([
					[...entry.ids].map(id => this.#terms[id] ?? ''),
					[...entry.counts],
					[...entry.models],
					[...entry.scores],
				]);
			}
		}

		return {models: [...this.#models], entries};
	}

	/** Adds what {@link toJSON} wrote, oldest first. */
	addJson(json: PromptMemoryJson): void {
		for (const [terms, counts, models, scores] of json.entries) {
			this.add(
				terms.map((term, index) => [term, counts[index] ?? 1] as const),
				models.map((model, index) => ({model: json.models[model] ?? '', score: scores[index] ?? 0})),
			);
		}
	}

	/** The stored prompts most similar to `terms` (cosine of TF-IDF vectors), most similar first. */
	#nearest(terms: PromptTerms): Array<{slot: number; similarity: number}> {
		const ids = new Int32Array(terms.length).fill(-1);
		for (const [index, [term]] of terms.entries()) {
			ids[index] = this.#termIds.get(term) ?? -1;
		}

		const weights = this.#weigh(terms, ids);
		const order = [...ids.keys()]
			.filter(index => (ids[index] ?? -1) >= 0)
			.sort((a, b) => (weights[b] ?? 0) - (weights[a] ?? 0))
			.slice(0, maxQueryTerms);
		const similarity = this.#similarity;
		const touched = this.#touched;
		for (const index of order) {
			const postings = this.#postings[ids[index] ?? 0] ?? [];
			const queryWeight = weights[index] ?? 0;
			const stop = Math.max(0, postings.length - (2 * this.#postingsPerTerm));
			for (let at = postings.length - 2; at >= stop; at -= 2) {
				const sequence = postings[at] ?? 0;
				const slot = sequence % this.#capacity;
				if (this.#slotSequence[slot] !== sequence + 1) {
					continue;
				}

				if (similarity[slot] === 0) {
					touched.push(slot);
				}

				similarity[slot] = (similarity[slot] ?? 0) + (queryWeight * (postings[at + 1] ?? 0));
			}
		}

		const nearest = this.#mostSimilar(touched, similarity);
		for (const slot of touched) {
			similarity[slot] = 0;
		}

		touched.length = 0;
		return nearest;
	}

	/** The `nearestCount` touched slots of highest similarity, highest first: an insertion into a short sorted list. */
	#mostSimilar(touched: readonly number[], similarity: Float64Array): Array<{slot: number; similarity: number}> {
		const nearest: Array<{slot: number; similarity: number}> = [];
		const limit = this.#nearestCount;
		for (const slot of touched) {
			const value = similarity[slot] ?? 0;
			if (nearest.length === limit && value <= (nearest.at(-1)?.similarity ?? 0)) {
				continue;
			}

			let position = nearest.length;
			while (position > 0 && (nearest[position - 1]?.similarity ?? 0) < value) {
				position--;
			}

			nearest.splice(position, 0, {slot, similarity: value});
			if (nearest.length > limit) {
				nearest.pop();
			}
		}

		return nearest;
	}

	/** Unit TF-IDF weights of `terms` by this memory's document frequencies; terms without an id count in the norm only. */
	#weigh(terms: PromptTerms, ids: Int32Array): Float64Array {
		const weights = new Float64Array(terms.length);
		const documents = this.size;
		let squaredNorm = 0;
		for (const [index, [, count]] of terms.entries()) {
			const id = ids[index] ?? -1;
			const frequency = id >= 0 ? (this.#documentFrequency[id] ?? 0) : 0;
			const weight = (1 + Math.log(Math.max(1, count))) * (Math.log((1 + documents) / (1 + frequency)) + 1);
			squaredNorm += weight * weight;
			weights[index] = id >= 0 ? weight : 0;
		}

		const norm = Math.sqrt(squaredNorm) || 1;
		for (let index = 0; index < weights.length; index++) {
			weights[index] = (weights[index] ?? 0) / norm;
		}

		return weights;
	}

	#evict(slot: number): void {
		const entry = this.#entries[slot];
		if (entry === undefined) {
			return;
		}

		this.#entries[slot] = undefined;
		this.#slotSequence[slot] = 0;
		for (const id of entry.ids) {
			this.#documentFrequency[id] = (this.#documentFrequency[id] ?? 1) - 1;
			const postings = this.#postings[id];
			// Postings of evicted prompts are skipped by queries and dropped once they are half of the list.
			if (postings !== undefined && postings.length > 4 * ((this.#documentFrequency[id] ?? 0) + 8)) {
				this.#postings[id] = this.#livePostings(postings);
			}
		}
	}

	#livePostings(postings: readonly number[]): number[] {
		const live: number[] = [];
		for (let at = 0; at < postings.length; at += 2) {
			const sequence = postings[at] ?? 0;
			if (this.#slotSequence[sequence % this.#capacity] === sequence + 1) {
				live.push(sequence, postings[at + 1] ?? 0);
			}
		}

		return live;
	}

	#intern(term: string): number {
		let id = this.#termIds.get(term);
		if (id === undefined) {
			id = this.#terms.length;
			this.#termIds.set(term, id);
			this.#terms.push(term);
			this.#documentFrequency.push(0);
			this.#postings.push([]);
		}

		return id;
	}

	#internModel(model: string): number {
		let id = this.#modelIds.get(model);
		if (id === undefined) {
			id = this.#models.length;
			this.#modelIds.set(model, id);
			this.#models.push(model);
		}

		return id;
	}
}
