import type {PromptTerms} from './observation.js';
import {EntryTerms} from './entry-terms.js';
import {packMemory, unpackMemory, type MemoryColumns, type PackedMemoryJson} from './packed-memory.js';
import {PostingLists} from './posting-lists.js';
import {ResultRing} from './result-ring.js';
import {SlotScores} from './slot-scores.js';
import {TopSlots} from './top-slots.js';

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
	/**
	 * Postings a query reads at most, over all its terms: bounds the work of a route whatever the memory holds.
	 * @default 1024
	 */
	readonly postingsPerQuery?: number;
};

/** Numbers a slot has in `#slotResults`. */
const resultRow = 4;

/** A query reads this many of its heaviest terms at most. */
const maxQueryTerms = 16;

/**
 * A stored prompt in the form snapshots kept it before the memory was packed: terms and counts, model indices and
 * scores, and the terms' TF-IDF weights as they were when it was stored (without them, they are weighed again).
 */
export type MemoryEntryJson = [terms: string[], counts: number[], models: number[], scores: number[], weights?: number[] | undefined];

/** The memory in the form snapshots kept it before it was packed (still read). */
export type PromptMemoryEntriesJson = {
	readonly models: string[];
	/** Oldest first. */
	readonly entries: MemoryEntryJson[];
};

/** The memory as a snapshot holds it: packed (what {@link PromptMemory.toJSON} writes), or in the older form. */
export type StoredMemoryJson = PackedMemoryJson | PromptMemoryEntriesJson;

/**
 * Outcomes of past prompts, found again by the similarity of their TF-IDF vectors to a new prompt's. An
 * inverted index from each term to the prompts that hold it, with the term's weight in each; a fixed number of
 * prompts, oldest out first. The memory keeps its own vocabulary and document frequencies, so that it knows
 * the words of the caller's prompts, not only those of the classifier's seed corpus.
 *
 * A query reads at most `postingsPerQuery` postings, newest first, shared among its heaviest terms: the rarest
 * terms, whose lists are short and say most, are read whole, and the common ones share what is left. The cost
 * of a route does not grow with what has been learned, and a query allocates nothing that grows with it either.
 */
export class PromptMemory {
	readonly #capacity: number;
	readonly #neighboursPerModel: number;
	readonly #postingsPerQuery: number;
	readonly #termIds = new Map<string, number>();
	readonly #terms: string[] = [];
	readonly #documentFrequency: number[] = [];
	/** Per term, the entries that hold it and its weight in each. */
	readonly #postings = new PostingLists();
	readonly #modelIds = new Map<string, number>();
	readonly #models: string[] = [];
	/** Each slot's terms, counts and weights, for eviction and snapshots. */
	readonly #entryTerms: EntryTerms;
	/**
	 * How models did on each slot's prompt: in the slot's row of four, the position of its first pair in
	 * `#results`, how many pairs (0 for an empty slot), and the first pair's model and score again. Most prompts
	 * have one result, and a query reads it from the row it reads anyway: the ring is elsewhere in memory, and the
	 * neighbours of a prompt are anywhere in it.
	 */
	readonly #results: ResultRing;
	readonly #slotResults: Float64Array;
	#nextSequence = 0;
	// Scratch space for queries, which are synchronous: similarity of the slots touched, the nearest slots (a
	// min-heap while they are gathered, then most similar first), and sums per model.
	readonly #similarity: SlotScores;
	readonly #nearest: TopSlots;
	#modelScore = new Float64Array(16);
	#modelWeight = new Float64Array(16);
	#modelNeighbours = new Int32Array(16);
	// The query's terms (ids, counts, weights), grown to the longest prompt seen.
	#queryIds = new Int32Array(64);
	#queryCounts = new Float64Array(64);
	#queryWeights = new Float64Array(64);
	// The nearest slots' first results and result counts, read before they are used.
	readonly #nearestModels: Int32Array;
	readonly #nearestScores: Float64Array;
	readonly #nearestCounts: Int32Array;

	constructor(options: PromptMemoryOptions = {}) {
		this.#capacity = options.capacity ?? 50_000;
		this.#neighboursPerModel = options.neighboursPerModel ?? 20;
		this.#postingsPerQuery = options.postingsPerQuery ?? 1024;
		const nearestCount = Math.max(64, 4 * this.#neighboursPerModel);
		this.#entryTerms = new EntryTerms(this.#capacity);
		this.#results = new ResultRing(Math.min(this.#capacity, 4096));
		this.#slotResults = new Float64Array(resultRow * this.#capacity);
		this.#similarity = new SlotScores(this.#postingsPerQuery);
		this.#nearest = new TopSlots(nearestCount);
		this.#nearestModels = new Int32Array(nearestCount);
		this.#nearestScores = new Float64Array(nearestCount);
		this.#nearestCounts = new Int32Array(nearestCount);
	}

	/** Prompts held. */
	get size(): number {
		return Math.min(this.#nextSequence, this.#capacity);
	}

	/** Stores a prompt with how models did on it, evicting the oldest when full. */
	add(terms: PromptTerms, results: ReadonlyArray<{readonly model: string; readonly score: number}>): void {
		this.#store(terms, results, undefined);
	}

	#store(terms: PromptTerms, results: ReadonlyArray<{readonly model: string; readonly score: number}>, storedWeights: readonly number[] | undefined): void {
		if (terms.length === 0 || results.length === 0) {
			return;
		}

		const ids = new Int32Array(terms.length);
		const counts = new Float64Array(terms.length);
		for (const [index, [term, count]] of terms.entries()) {
			ids[index] = this.#intern(term);
			counts[index] = count;
		}

		this.#insert(ids, counts, storedWeights, 0, terms.length, results.map(result => this.#internModel(result.model)), results.map(result => result.score), 0, results.length);
	}

	/**
	 * Puts a prompt in the next slot, evicting the oldest when full, and indexes it: `length` terms from position
	 * `from` of `ids` and `counts`, with their weights from `storedWeights`, and `resultCount` results from
	 * position `resultFrom` of `models` (ids) and `scores`. Without stored weights the terms are weighed now, by the
	 * memory's document frequencies: then `ids` and `counts` must be the prompt's terms exactly (`from` 0, all of
	 * them).
	 */
	#insert(ids: Int32Array, counts: ArrayLike<number>, storedWeights: ArrayLike<number> | undefined, from: number, length: number, models: ArrayLike<number>, scores: ArrayLike<number>, resultFrom: number, resultCount: number): void {
		this.#index(this.#place(ids, counts, storedWeights, from, length, models, scores, resultFrom, resultCount));
	}

	/** {@link #insert} without indexing the entry's terms: returns its slot, for {@link #index}. */
	#place(ids: Int32Array, counts: ArrayLike<number>, storedWeights: ArrayLike<number> | undefined, from: number, length: number, models: ArrayLike<number>, scores: ArrayLike<number>, resultFrom: number, resultCount: number): number {
		const sequence = this.#nextSequence++;
		const slot = sequence % this.#capacity;
		this.#evict(slot);
		for (let index = from; index < from + length; index++) {
			const id = ids[index] ?? 0;
			this.#documentFrequency[id] = (this.#documentFrequency[id] ?? 0) + 1;
		}

		this.#entryTerms.write(slot, ids, counts, storedWeights ?? this.#weigh(ids, counts, ids.length, new Float64Array(ids.length)), from, length, this.#liveSlotsOf);
		const row = resultRow * slot;
		this.#slotResults[row] = this.#results.head;
		this.#slotResults[row + 1] = resultCount;
		for (let index = resultFrom; index < resultFrom + resultCount; index++) {
			this.#results.append(models[index] ?? 0, scores[index] ?? 0);
		}

		this.#slotResults[row + 2] = models[resultFrom] ?? 0;
		this.#slotResults[row + 3] = scores[resultFrom] ?? 0;
		return slot;
	}

	/**
	 * Adds the postings of the entry in `slot`, with its terms' weights as stored: in single precision, so that a
	 * snapshot gives back exactly the weights queries read.
	 */
	#index(slot: number): void {
		const stored = this.#entryTerms;
		const start = stored.start(slot);
		for (let index = start, end = start + stored.length(slot); index < end; index++) {
			this.#postings.push(stored.ids[index] ?? 0, slot, stored.weights[index] ?? 0);
		}
	}

	/** {@link #liveSlots}, made once rather than at every insert. */
	readonly #liveSlotsOf = () => this.#liveSlots();

	/** The slots holding entries, oldest first. */
	* #liveSlots(): Generator<number> {
		for (let sequence = Math.max(0, this.#nextSequence - this.#capacity); sequence < this.#nextSequence; sequence++) {
			const slot = sequence % this.#capacity;
			if (this.#entryTerms.length(slot) > 0) {
				yield slot;
			}
		}
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

		const found = this.#findNearest(terms);
		this.#readNearestResults(found);
		const modelCount = this.#models.length;
		const score = this.#modelScore;
		const weight = this.#modelWeight;
		const neighbours = this.#modelNeighbours;
		score.fill(0, 0, modelCount);
		weight.fill(0, 0, modelCount);
		neighbours.fill(0, 0, modelCount);
		for (let rank = 0; rank < found; rank++) {
			const similarity = this.#nearest.similarity(rank);
			const count = this.#nearestCounts[rank] ?? 0;
			// Where the slot's results start in the ring, for the few slots with more than one.
			const first = count > 1 ? (this.#slotResults[resultRow * this.#nearest.slot(rank)] ?? 0) : 0;
			for (let index = 0; index < count; index++) {
				const model = index === 0 ? (this.#nearestModels[rank] ?? 0) : this.#results.model(first + index);
				if ((neighbours[model] ?? 0) < this.#neighboursPerModel) {
					score[model] = (score[model] ?? 0) + (similarity * (index === 0 ? (this.#nearestScores[rank] ?? 0) : this.#results.score(first + index)));
					weight[model] = (weight[model] ?? 0) + similarity;
					neighbours[model] = (neighbours[model] ?? 0) + 1;
				}
			}
		}

		for (let model = 0; model < modelCount; model++) {
			const count = neighbours[model] ?? 0;
			if (count > 0) {
				evidence.set(this.#models[model] ?? '', {weightedScore: score[model] ?? 0, weight: weight[model] ?? 0, neighbours: count});
			}
		}

		return evidence;
	}

	/**
	 * Copies the first result and the result count of the `found` nearest slots to arrays of their own, before any
	 * of them is used. The slots are anywhere in a large table, and each is a cache miss: loads that do not wait on
	 * one another's use run side by side, where reading a row and using it at once waits for each miss in turn.
	 */
	#readNearestResults(found: number): void {
		for (let rank = 0; rank < found; rank++) {
			const row = resultRow * this.#nearest.slot(rank);
			this.#nearestCounts[rank] = this.#slotResults[row + 1] ?? 0;
			this.#nearestModels[rank] = this.#slotResults[row + 2] ?? 0;
			this.#nearestScores[rank] = this.#slotResults[row + 3] ?? 0;
		}
	}

	/** The memory as snapshots keep it, packed: see {@link PackedMemoryJson}. */
	toJSON(): PackedMemoryJson {
		return packMemory(this.#columns());
	}

	/** Adds what {@link toJSON} wrote, or a memory in the form of older snapshots, oldest first. Throws when a packed memory does not check out. */
	addJson(json: StoredMemoryJson): void {
		if (!('packed' in json)) {
			this.#addEntries(json);
			return;
		}

		const columns = unpackMemory(json);
		if (typeof columns === 'string') {
			throw new RangeError(`The packed similar-prompt memory does not check out: ${columns}`);
		}

		const termIds = columns.terms.map(term => this.#intern(term));
		const modelIds = columns.models.map(model => this.#internModel(model));
		const ids = new Int32Array(columns.termIndices.length);
		for (let posting = 0; posting < ids.length; posting++) {
			ids[posting] = termIds[columns.termIndices[posting] ?? 0] ?? 0;
		}

		const models = new Int32Array(columns.resultModels.length);
		for (let result = 0; result < models.length; result++) {
			models[result] = modelIds[columns.resultModels[result] ?? 0] ?? 0;
		}

		// Into an empty memory with room for them all, as a snapshot loads, the postings are indexed at the end, all
		// at once; otherwise entry by entry, since entries may be evicted as others come.
		const atOnce = this.#nextSequence === 0 && columns.termCounts.length <= this.#capacity;
		const postingTerms = new Int32Array(atOnce ? ids.length : 0);
		const postingSlots = new Int32Array(postingTerms.length);
		const postingWeights = new Float32Array(postingTerms.length);
		this.#entryTerms.reserve(ids.length, this.#liveSlotsOf);
		let loaded = 0;
		let posting = 0;
		let result = 0;
		for (const [entry, termCount] of columns.termCounts.entries()) {
			const resultCount = columns.resultCounts[entry] ?? 0;
			if (termCount > 0 && resultCount > 0) {
				const slot = this.#place(ids, columns.counts, columns.weights, posting, termCount, models, columns.scores, result, resultCount);
				if (atOnce) {
					for (let at = posting; at < posting + termCount; at++) {
						postingTerms[loaded] = ids[at] ?? 0;
						postingSlots[loaded] = slot;
						postingWeights[loaded] = columns.weights[at] ?? 0;
						loaded++;
					}
				} else {
					this.#index(slot);
				}
			}

			posting += termCount;
			result += resultCount;
		}

		if (atOnce) {
			this.#postings.load(postingTerms.subarray(0, loaded), postingSlots.subarray(0, loaded), postingWeights.subarray(0, loaded));
		}
	}

	/** Adds a memory in the form snapshots kept it before it was packed: an array per entry. */
	#addEntries(json: PromptMemoryEntriesJson): void {
		for (const [terms, counts, models, scores, weights] of json.entries) {
			this.#store(
				terms.map((term, index) => [term, counts[index] ?? 1] as const),
				models.map((model, index) => ({model: json.models[model] ?? '', score: scores[index] ?? 0})),
				weights?.length === terms.length ? weights : undefined,
			);
		}
	}

	/** The entries held, oldest first, as columns over the terms and models they use. */
	#columns(): MemoryColumns {
		const slots = [...this.#liveSlots()];
		const stored = this.#entryTerms;
		let postings = 0;
		let results = 0;
		for (const slot of slots) {
			postings += stored.length(slot);
			results += this.#slotResults[(resultRow * slot) + 1] ?? 0;
		}

		const termIndex = new Map<number, number>();
		const terms: string[] = [];
		const columns: MemoryColumns = {
			models: [...this.#models],
			terms,
			termCounts: new Uint32Array(slots.length),
			resultCounts: new Uint32Array(slots.length),
			termIndices: new Uint32Array(postings),
			counts: new Uint16Array(postings),
			weights: new Float32Array(postings),
			resultModels: new Uint32Array(results),
			scores: new Float64Array(results),
		};
		let posting = 0;
		let result = 0;
		for (const [index, slot] of slots.entries()) {
			const start = stored.start(slot);
			const length = stored.length(slot);
			columns.termCounts[index] = length;
			for (let at = start; at < start + length; at++) {
				const id = stored.ids[at] ?? 0;
				let known = termIndex.get(id);
				if (known === undefined) {
					known = terms.length;
					termIndex.set(id, known);
					terms.push(this.#terms[id] ?? '');
				}

				columns.termIndices[posting] = known;
				columns.counts[posting] = stored.counts[at] ?? 1;
				columns.weights[posting] = stored.weights[at] ?? 0;
				posting++;
			}

			const row = resultRow * slot;
			const count = this.#slotResults[row + 1] ?? 0;
			columns.resultCounts[index] = count;
			for (let position = (this.#slotResults[row] ?? 0), end = position + count; position < end; position++) {
				columns.resultModels[result] = this.#results.model(position);
				columns.scores[result] = this.#results.score(position);
				result++;
			}
		}

		return columns;
	}

	/**
	 * Finds the stored prompts most similar to `terms` (cosine of TF-IDF vectors) and leaves them in `#nearest`,
	 * most similar first; returns how many there are.
	 */
	#findNearest(terms: PromptTerms): number {
		const termCount = terms.length;
		if (termCount > this.#queryIds.length) {
			const size = 2 ** Math.ceil(Math.log2(termCount));
			this.#queryIds = new Int32Array(size);
			this.#queryCounts = new Float64Array(size);
			this.#queryWeights = new Float64Array(size);
		}

		const ids = this.#queryIds;
		const counts = this.#queryCounts;
		for (let index = 0; index < termCount; index++) {
			const [term, count] = terms[index] ?? ['', 0];
			ids[index] = this.#termIds.get(term) ?? -1;
			counts[index] = count;
		}

		const weights = this.#weigh(ids, counts, termCount, this.#queryWeights);
		const read: number[] = [];
		for (let index = 0; index < termCount; index++) {
			if ((weights[index] ?? 0) > 0) {
				read.push(index);
			}
		}

		read.sort((a, b) => (weights[b] ?? 0) - (weights[a] ?? 0));
		read.length = Math.min(read.length, maxQueryTerms);
		// Shortest lists first, so that what a rare term does not use goes to the common ones.
		const postings = this.#postings;
		read.sort((a, b) => postings.count(ids[a] ?? 0) - postings.count(ids[b] ?? 0));
		const similarity = this.#similarity;
		let budget = this.#postingsPerQuery;
		for (let position = 0; position < read.length; position++) {
			const index = read[position] ?? 0;
			const id = ids[index] ?? 0;
			const slots = postings.slotsOf(id);
			const termWeights = postings.weightsOf(id);
			const end = postings.end(id);
			const queryWeight = weights[index] ?? 0;
			const allowance = Math.floor(budget / (read.length - position));
			const stop = Math.max(postings.start(id), end - allowance);
			budget -= end - stop;
			for (let at = end - 1; at >= stop; at--) {
				similarity.add(slots[at] ?? 0, queryWeight * (termWeights[at] ?? 0));
			}
		}

		for (let index = 0; index < similarity.size; index++) {
			this.#nearest.offer(similarity.slotAt(index), similarity.valueAt(index));
		}

		similarity.clear();
		return this.#nearest.sort();
	}

	/**
	 * The unit TF-IDF weights of `length` terms (their ids and counts) by this memory's document frequencies,
	 * written to `weights` and returned; terms without an id (-1) count in the norm only.
	 */
	#weigh(ids: Int32Array, counts: ArrayLike<number>, length: number, weights: Float64Array): Float64Array {
		const documents = this.size;
		let squaredNorm = 0;
		for (let index = 0; index < length; index++) {
			const id = ids[index] ?? -1;
			const count = counts[index] ?? 1;
			const frequency = id >= 0 ? (this.#documentFrequency[id] ?? 0) : 0;
			const weight = (1 + Math.log(Math.max(1, count))) * (Math.log((1 + documents) / (1 + frequency)) + 1);
			squaredNorm += weight * weight;
			weights[index] = id >= 0 ? weight : 0;
		}

		const norm = Math.sqrt(squaredNorm) || 1;
		for (let index = 0; index < length; index++) {
			weights[index] = (weights[index] ?? 0) / norm;
		}

		return weights;
	}

	/**
	 * Drops the entry in `slot`. Entries go oldest first and each term's postings are in the order entries came,
	 * so the entry's postings are the oldest of each of its terms' lists.
	 */
	#evict(slot: number): void {
		const stored = this.#entryTerms;
		const length = stored.length(slot);
		if (length === 0) {
			return;
		}

		const row = resultRow * slot;
		this.#results.dropBefore((this.#slotResults[row] ?? 0) + (this.#slotResults[row + 1] ?? 0));
		this.#slotResults[row + 1] = 0;
		const entryStart = stored.start(slot);
		stored.clear(slot);
		for (const id of stored.ids.subarray(entryStart, entryStart + length)) {
			this.#documentFrequency[id] = (this.#documentFrequency[id] ?? 1) - 1;
			this.#postings.dropOldest(id);
		}
	}

	#intern(term: string): number {
		let id = this.#termIds.get(term);
		if (id === undefined) {
			id = this.#terms.length;
			this.#termIds.set(term, id);
			this.#terms.push(term);
			this.#documentFrequency.push(0);
			this.#postings.addTerm();
		}

		return id;
	}

	#internModel(model: string): number {
		let id = this.#modelIds.get(model);
		if (id === undefined) {
			id = this.#models.length;
			this.#modelIds.set(model, id);
			this.#models.push(model);
			if (this.#models.length > this.#modelScore.length) {
				const size = 2 * this.#modelScore.length;
				this.#modelScore = new Float64Array(size);
				this.#modelWeight = new Float64Array(size);
				this.#modelNeighbours = new Int32Array(size);
			}
		}

		return id;
	}
}
