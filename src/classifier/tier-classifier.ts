import {TIERS, tierIndex, type Tier} from '../tiers.js';
import type {Classification, PromptSignals, WeightedTerm} from './classification.js';
import {markLexiconTerms} from './lexicon-flags.js';
import type {OnlineCentroids, SeedCentroids, TermVector} from './online-centroids.js';
import {fitOrdinalModel, ordinalProbabilities, type OrdinalFitOptions, type OrdinalModel} from './ordinal-model.js';
import {analyzePrompt, type PromptAnalysis} from './prompt-analysis.js';
import type {PromptTerms} from '../learning/observation.js';
import type {LabelledPrompt} from './seed-corpus.js';
import type {SparseVector} from './sparse-vector.js';
import {TierCentroids, type TierCentroidsJson} from './tier-centroids.js';
import {countAsks, TIER_FEATURE_NAMES, tierFeatures} from './tier-features.js';
import {Vocabulary, type VocabularyJson} from './vocabulary.js';
import {forEachTerm} from '../text/tokenizer.js';

const topTermCount = 8;

/** A seed prompt close to a classified one, for explanations. */
export type SimilarExample = {
	readonly text: string;
	readonly tier: Tier;
	readonly similarity: number;
};

/** A fitted classifier as {@link TierClassifier.toJSON} writes it: everything but its corpus, which it was fitted on. */
export type FittedClassifierJson = {
	/** How many labelled prompts it was fitted on: a check that the corpus given back is that one. */
	readonly corpusSize: number;
	readonly vocabulary: VocabularyJson;
	readonly centroids: TierCentroidsJson;
	readonly model: {
		readonly means: readonly number[];
		readonly scales: readonly number[];
		readonly weights: readonly number[];
		readonly thresholds: readonly number[];
	};
};

type Example = {readonly prompt: LabelledPrompt; readonly vector: SparseVector};

/**
 * Gives a prompt a tier. A TF-IDF vector of the prompt is compared with one centroid per tier; those
 * similarities and structural signals (length, asks, code, maths, requirement and depth words) feed an ordinal
 * logistic model fitted on labelled prompts, whose probabilities are the tier scores.
 */
export class TierClassifier {
	readonly #vocabulary: Vocabulary;
	readonly #centroids: TierCentroids;
	readonly #model: OrdinalModel;
	readonly #corpus: readonly LabelledPrompt[];
	/** The corpus with each prompt's vector, for explanations: worked out on first use when the classifier was loaded. */
	#examples: readonly Example[] | undefined;
	// Scratch space for classify(), which is synchronous: results copy the values out.
	readonly #similarities = new Float64Array(TIERS.length);
	readonly #features = new Float64Array(TIER_FEATURE_NAMES.length);
	readonly #probabilities = new Float64Array(TIERS.length);

	private constructor(
		vocabulary: Vocabulary,
		centroids: TierCentroids,
		model: OrdinalModel,
		corpus: readonly LabelledPrompt[],
		examples: readonly Example[] | undefined,
	) {
		this.#vocabulary = vocabulary;
		this.#centroids = centroids;
		this.#model = model;
		this.#corpus = corpus;
		this.#examples = examples;
	}

	/**
	 * Builds a classifier from labelled prompts: vocabulary and document frequencies, the tier centroids, then
	 * the ordinal model on leave-one-out similarities (a prompt's own vector would otherwise make its tier's
	 * centroid look closer than it will for any new prompt).
	 */
	static fromCorpus(corpus: readonly LabelledPrompt[], options: OrdinalFitOptions = {}): TierClassifier {
		const vocabulary = new Vocabulary();
		markLexiconTerms(vocabulary);
		for (const prompt of corpus) {
			const terms: string[] = [];
			forEachTerm(prompt.text, term => terms.push(term));
			vocabulary.addDocument(terms);
		}

		const centroids = new TierCentroids(vocabulary.size);
		const analyses = corpus.map(prompt => analyzePrompt(prompt.text, vocabulary));
		for (const [index, analysis] of analyses.entries()) {
			centroids.add(tierIndex(corpus[index]?.tier ?? 'trivial'), analysis.vector);
		}

		const similarities = new Float64Array(TIERS.length);
		const features = analyses.map((analysis, index) => {
			centroids.similarities(analysis.vector, similarities, tierIndex(corpus[index]?.tier ?? 'trivial'));
			return tierFeatures(analysis, similarities);
		});
		const labels = corpus.map(prompt => tierIndex(prompt.tier));
		const model = fitOrdinalModel(features, labels, TIERS.length, options);
		const examples = corpus.map((prompt, index) => ({prompt, vector: analyses[index]?.vector ?? {ids: [], weights: []}}));
		return new TierClassifier(vocabulary, centroids, model, corpus, examples);
	}

	/**
	 * The classifier {@link toJSON} wrote, fitted on `corpus`: it classifies exactly as the one that wrote it, without
	 * the fit (which a fresh process took 150–300 ms to do). Throws a RangeError when `corpus` is not the size it was.
	 */
	static fromFitted(json: FittedClassifierJson, corpus: readonly LabelledPrompt[]): TierClassifier {
		if (json.corpusSize !== corpus.length) {
			throw new RangeError(`The fitted classifier was fitted on ${json.corpusSize} prompts, not the ${corpus.length} given`);
		}

		const {means, scales, weights, thresholds} = json.model;
		const model = {means: Float64Array.from(means), scales: Float64Array.from(scales), weights: Float64Array.from(weights), thresholds: Float64Array.from(thresholds)};
		return new TierClassifier(Vocabulary.fromJSON(json.vocabulary), TierCentroids.fromJSON(json.centroids), model, corpus, undefined);
	}

	toJSON(): FittedClassifierJson {
		const {means, scales, weights, thresholds} = this.#model;
		return {
			corpusSize: this.#corpus.length,
			vocabulary: this.#vocabulary.toJSON(),
			centroids: this.#centroids.toJSON(),
			model: {means: [...means], scales: [...scales], weights: [...weights], thresholds: [...thresholds]},
		};
	}

	/** Classifies one prompt. */
	classify(prompt: string): Classification {
		return this.analyze(prompt).classification;
	}

	/**
	 * Classifies one prompt and returns its terms too, for the similar-prompt memory. With `online`, the centroids
	 * are those lessons have moved. Synchronous and allocation-light: route() calls it for every prompt.
	 */
	analyze(prompt: string, online?: OnlineCentroids): {readonly classification: Classification; readonly terms: PromptTerms} {
		const analysis = analyzePrompt(prompt, this.#vocabulary);
		const similarities = this.#similarities;
		const probabilities = this.#probabilities;
		this.#centroids.similarities(analysis.vector, similarities);
		online?.adjust(similarities, analysis.terms, analysis.termWeights);
		ordinalProbabilities(this.#model, tierFeatures(analysis, similarities, this.#features), probabilities);

		let best = 0;
		for (let index = 1; index < TIERS.length; index++) {
			if ((probabilities[index] ?? 0) > (probabilities[best] ?? 0)) {
				best = index;
			}
		}

		const classification: Classification = {
			tier: TIERS[best] ?? 'trivial',
			confidence: round(probabilities[best] ?? 0),
			scores: byTier(probabilities),
			similarity: byTier(similarities),
			signals: signalsOf(analysis),
			topTerms: this.#topTerms(analysis.vector).map(({term, weight}) => ({term, weight: round(weight)})),
		};
		return {classification, terms: analysis.terms};
	}

	/** The seed centroids, as lessons are added to them. */
	seedCentroids(): SeedCentroids {
		return {
			weight: (tierIndex, term) => {
				const entry = this.#vocabulary.lookup(term);
				return entry === undefined ? 0 : this.#centroids.weight(tierIndex, entry.id);
			},
			norm: tierIndex => this.#centroids.norm(tierIndex),
		};
	}

	/**
	 * A prompt's unit TF-IDF vector over the terms kept of it (as decisions and observations store them), weighed
	 * by the seed corpus's document frequencies: what a lesson about the prompt adds to a centroid.
	 */
	termVector(terms: PromptTerms): TermVector {
		const weighed = terms.map(([term, count]) => [term, (1 + Math.log(Math.max(1, count))) * this.#vocabulary.inverseDocumentFrequency(this.#vocabulary.lookup(term)?.documentFrequency ?? 0)] as const);
		const norm = Math.sqrt(weighed.reduce((total, [, weight]) => total + (weight * weight), 0)) || 1;
		return weighed.map(([term, weight]) => [term, weight / norm] as const);
	}

	/**
	 * The labelled prompts closest to a set of weighted terms (a classification's `topTerms`), by cosine
	 * similarity over those terms. For explanations; it scans every example, so keep it off hot paths.
	 */
	nearestExamples(terms: readonly WeightedTerm[], count = 3): SimilarExample[] {
		const query = new Map<number, number>();
		for (const {term, weight} of terms) {
			const entry = this.#vocabulary.lookup(term);
			if (entry !== undefined) {
				query.set(entry.id, weight);
			}
		}

		this.#examples ??= this.#corpus.map(prompt => ({prompt, vector: analyzePrompt(prompt.text, this.#vocabulary).vector}));
		const scored: SimilarExample[] = [];
		for (const {prompt, vector} of this.#examples) {
			let similarity = 0;
			for (let index = 0; index < vector.ids.length; index++) {
				similarity += (vector.weights[index] ?? 0) * (query.get(vector.ids[index] ?? -1) ?? 0);
			}

			if (similarity > 0) {
				scored.push({text: prompt.text, tier: prompt.tier, similarity});
			}
		}

		return scored.sort((a, b) => b.similarity - a.similarity).slice(0, count);
	}

	/** For each of `terms`, the tier whose centroid it pulls towards most, or undefined for terms never seen. */
	termLeanings(terms: readonly WeightedTerm[]): Array<{readonly term: string; readonly tier: Tier | undefined}> {
		return terms.map(({term, weight}) => {
			const entry = this.#vocabulary.lookup(term);
			if (entry === undefined) {
				return {term, tier: undefined};
			}

			let bestTier: Tier | undefined;
			let bestContribution = 0;
			for (const [index, tier] of TIERS.entries()) {
				const contribution = this.#centroids.termContribution(index, entry.id, weight);
				if (contribution > bestContribution) {
					bestContribution = contribution;
					bestTier = tier;
				}
			}

			return {term, tier: bestTier};
		});
	}

	#topTerms(vector: SparseVector): WeightedTerm[] {
		const top: WeightedTerm[] = [];
		for (let index = 0; index < vector.ids.length; index++) {
			const weight = vector.weights[index] ?? 0;
			if (top.length === topTermCount && weight <= (top.at(-1)?.weight ?? 0)) {
				continue;
			}

			const term = this.#vocabulary.entryById(vector.ids[index] ?? -1)?.term;
			if (term === undefined) {
				continue;
			}

			let position = top.length;
			while (position > 0 && (top[position - 1]?.weight ?? 0) < weight) {
				position--;
			}

			top.splice(position, 0, {term, weight});
			if (top.length > topTermCount) {
				top.pop();
			}
		}

		return top;
	}
}

/*
Four decimals: more than the model's accuracy supports, and a fifth of the digits in every stored decision.
The computation itself keeps full precision.
*/
function round(value: number): number {
	return Math.round(value * 10_000) / 10_000;
}

function byTier(values: Float64Array): Record<Tier, number> {
	return {
		trivial: round(values[0] ?? 0),
		simple: round(values[1] ?? 0),
		moderate: round(values[2] ?? 0),
		complex: round(values[3] ?? 0),
		expert: round(values[4] ?? 0),
	};
}

function signalsOf(analysis: PromptAnalysis): PromptSignals {
	const {structure, lexiconCounts: counts} = analysis;
	const domainWords: Partial<Record<'code' | 'maths' | 'medical' | 'legal' | 'finance' | 'science', number>> = {};
	for (const domain of ['code', 'maths', 'medical', 'legal', 'finance', 'science'] as const) {
		if (counts[domain] > 0) {
			domainWords[domain] = counts[domain];
		}
	}

	return {
		characters: structure.characters,
		estimatedTokens: structure.estimatedTokens,
		asks: countAsks(analysis),
		questions: structure.questions,
		actionWords: counts.action,
		listItems: structure.listItems,
		paragraphs: structure.paragraphs,
		codeBlocks: structure.codeBlocks,
		codeSymbols: structure.codeSymbols,
		mathSymbols: structure.mathSymbols,
		constraintWords: counts.constraint,
		depthWords: counts.depth,
		expertWords: counts.expert,
		greetingWords: counts.greeting,
		brevityWords: counts.brevity,
		enumerationMarks: structure.enumerationMarks,
		longWords: structure.longWords,
		opensWithQuestionWord: structure.opensWithQuestionWord,
		domainWords,
	};
}
