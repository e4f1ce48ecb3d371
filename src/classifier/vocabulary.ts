/** One term the classifier knows, with its document frequency and the lexicons it belongs to. */
export type TermEntry = {
	readonly term: string;
	readonly id: number;
	documentFrequency: number;
	/** Bit set of {@link LexiconName} positions; see `lexicon-flags.ts`. */
	lexicons: number;
};

/** A vocabulary as {@link Vocabulary.toJSON} writes it: terms in id order, with their document frequencies and lexicon bits. */
export type VocabularyJson = {
	readonly documentCount: number;
	readonly terms: readonly string[];
	readonly documentFrequencies: readonly number[];
	readonly lexicons: readonly number[];
};

/** The terms of the TF-IDF model: ids, document frequencies and inverse document frequencies. */
export class Vocabulary {
	readonly #entries = new Map<string, TermEntry>();
	readonly #byId: TermEntry[] = [];
	#documentCount = 0;

	get size(): number {
		return this.#byId.length;
	}

	lookup(term: string): TermEntry | undefined {
		return this.#entries.get(term);
	}

	entryById(id: number): TermEntry | undefined {
		return this.#byId[id];
	}

	/** The entry of `term`, added with no documents if it is new. */
	intern(term: string): TermEntry {
		let entry = this.#entries.get(term);
		if (entry === undefined) {
			entry = {term, id: this.#byId.length, documentFrequency: 0, lexicons: 0};
			this.#entries.set(term, entry);
			this.#byId.push(entry);
		}

		return entry;
	}

	/** Counts one more document containing each of `terms` (each distinct term once). */
	addDocument(terms: Iterable<string>): void {
		this.#documentCount++;
		for (const term of new Set(terms)) {
			this.intern(term).documentFrequency++;
		}
	}

	/** The same vocabulary again: every term with the id, document frequency and lexicons it had. */
	static fromJSON(json: VocabularyJson): Vocabulary {
		const vocabulary = new Vocabulary();
		for (const [index, term] of json.terms.entries()) {
			const entry = vocabulary.intern(term);
			entry.documentFrequency = json.documentFrequencies[index] ?? 0;
			entry.lexicons = json.lexicons[index] ?? 0;
		}

		vocabulary.#documentCount = json.documentCount;
		return vocabulary;
	}

	toJSON(): VocabularyJson {
		return {
			documentCount: this.#documentCount,
			terms: this.#byId.map(entry => entry.term),
			documentFrequencies: this.#byId.map(entry => entry.documentFrequency),
			lexicons: this.#byId.map(entry => entry.lexicons),
		};
	}

	/** Smoothed IDF, `ln((1 + N) / (1 + df)) + 1`: never zero, highest for terms no document has. */
	inverseDocumentFrequency(documentFrequency: number): number {
		return Math.log((1 + this.#documentCount) / (1 + documentFrequency)) + 1;
	}
}
