import {tokenize} from '../../dist/text/tokenizer.js';

/**
 * The k-nearest-neighbour baseline: each model's predicted quality on a prompt is the mean score of the k most
 * similar past prompts (cosine of TF-IDF vectors, exact, over everything seen) that have an outcome for it;
 * a model without any falls back to its mean over everything seen, or 0.5.
 */
export class KnnBaseline {
	readonly #k: number;
	readonly #termIds = new Map<string, number>();
	readonly #documentFrequency: number[] = [];
	readonly #postings: number[][] = [];
	readonly #documents: Array<{models: string[]; scores: number[]}> = [];
	readonly #totals = new Map<string, {sum: number; count: number}>();
	#similarity = new Float64Array(1024);

	constructor(k = 20) {
		this.#k = k;
	}

	add(prompt: string, results: ReadonlyArray<{model: string; score: number}>): void {
		const counts = termCounts(prompt);
		const document = this.#documents.length;
		for (const term of counts.keys()) {
			let id = this.#termIds.get(term);
			if (id === undefined) {
				id = this.#documentFrequency.length;
				this.#termIds.set(term, id);
				this.#documentFrequency.push(0);
				this.#postings.push([]);
			}

			this.#documentFrequency[id] = (this.#documentFrequency[id] ?? 0) + 1;
		}

		for (const [id, weight] of this.#vector(counts)) {
			this.#postings[id]?.push(document, weight);
		}

		this.#documents.push({models: results.map(result => result.model), scores: results.map(result => result.score)});
		for (const {model, score} of results) {
			const total = this.#totals.get(model) ?? {sum: 0, count: 0};
			total.sum += score;
			total.count++;
			this.#totals.set(model, total);
		}

		if (this.#similarity.length < this.#documents.length) {
			this.#similarity = new Float64Array(this.#similarity.length * 2);
		}
	}

	predict(prompt: string, models: readonly string[]): Map<string, number> {
		const similarity = this.#similarity;
		const touched: number[] = [];
		for (const [id, queryWeight] of this.#vector(termCounts(prompt))) {
			const postings = this.#postings[id] ?? [];
			for (let at = 0; at < postings.length; at += 2) {
				const document = postings[at] ?? 0;
				if (similarity[document] === 0) {
					touched.push(document);
				}

				similarity[document] = (similarity[document] ?? 0) + (queryWeight * (postings[at + 1] ?? 0));
			}
		}

		touched.sort((a, b) => (similarity[b] ?? 0) - (similarity[a] ?? 0));
		const predictions = new Map<string, number>();
		for (const model of models) {
			let sum = 0;
			let count = 0;
			for (const document of touched) {
				const {models: answered, scores} = this.#documents[document] ?? {models: [], scores: []};
				const position = answered.indexOf(model);
				if (position >= 0) {
					sum += scores[position] ?? 0;
					if (++count === this.#k) {
						break;
					}
				}
			}

			const total = this.#totals.get(model);
			predictions.set(model, count > 0 ? sum / count : (total === undefined ? 0.5 : total.sum / total.count));
		}

		for (const document of touched) {
			similarity[document] = 0;
		}

		return predictions;
	}

	/** Unit TF-IDF weights of known terms (unknown ones count in the norm). */
	#vector(counts: Map<string, number>): Array<[number, number]> {
		const documents = this.#documents.length + 1;
		const vector: Array<[number, number]> = [];
		let squaredNorm = 0;
		for (const [term, count] of counts) {
			const id = this.#termIds.get(term);
			const weight = (1 + Math.log(count)) * (Math.log((1 + documents) / (1 + (id === undefined ? 0 : this.#documentFrequency[id] ?? 0))) + 1);
			squaredNorm += weight * weight;
			if (id !== undefined) {
				vector.push([id, weight]);
			}
		}

		const norm = Math.sqrt(squaredNorm) || 1;
		return vector.map(([id, weight]) => [id, weight / norm]);
	}
}

function termCounts(prompt: string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const term of tokenize(prompt)) {
		counts.set(term, (counts.get(term) ?? 0) + 1);
	}

	return counts;
}
