import {LEXICON_NAMES, type LexiconName} from './lexicons.js';
import {scanPrompt, type PromptStructure} from '../text/prompt-scanner.js';
import type {PromptTerms} from '../learning/observation.js';
import type {SparseVector} from './sparse-vector.js';
import type {TermEntry, Vocabulary} from './vocabulary.js';

/** Occurrences of each lexicon's words in a prompt. */
export type LexiconCounts = Record<LexiconName, number>;

/** Everything the classifier reads from a prompt. */
export type PromptAnalysis = {
	readonly structure: PromptStructure;
	readonly lexiconCounts: LexiconCounts;
	/** Content terms (after stopwords), with repeats. */
	readonly termCount: number;
	/** Unit TF-IDF vector over the known terms; unknown terms count in its norm but have no id. */
	readonly vector: SparseVector;
	/** The prompt's distinct terms, known or not, with their counts: the heaviest {@link MAX_PROMPT_TERMS} by TF-IDF. */
	readonly terms: PromptTerms;
	/** The weight of each of `terms` in the prompt's unit TF-IDF vector (unknown terms included). */
	readonly termWeights: readonly number[];
};

/** Terms kept of a prompt for the similar-prompt memory: enough to find its neighbours, few enough to store with every decision. */
export const MAX_PROMPT_TERMS = 48;

/** A term as analyses count it: its vocabulary entry, if it has one, and how often the current analysis met it. */
type TermCounter = {
	readonly term: string;
	entry: TermEntry | undefined;
	/** The vocabulary `entry` was looked up in, and its size then: a term unknown then may be known since. */
	vocabulary: Vocabulary | undefined;
	vocabularySize: number;
	/** Which analysis last met the term, and how often. */
	seenInAnalysis: number;
	occurrences: number;
};

// Scratch space for one analysis, reused: analyses are synchronous, so they never overlap.
const knownScratch: TermCounter[] = [];
const unknownScratch: TermCounter[] = [];
const lexiconScratch = new Array<number>(LEXICON_NAMES.length).fill(0);
let weightScratch = new Float64Array(256);
let sortScratch = new Float64Array(256);
let analysisCount = 0;

/**
 * Reads `text` in one pass and returns its structure, lexicon counts and TF-IDF vector (sublinear term
 * frequency times smoothed IDF, scaled to unit length).
 */
export function analyzePrompt(text: string, vocabulary: Vocabulary): PromptAnalysis {
	const analysis = ++analysisCount;
	const known = knownScratch;
	const unknown = unknownScratch;
	const lexiconHits = lexiconScratch;
	known.length = 0;
	unknown.length = 0;
	lexiconHits.fill(0);
	let termCount = 0;
	const structure = scanPrompt(text, term => {
		termCount++;
		// One counter per term, kept on the interned term across analyses: counting a word costs no map lookup.
		let counter = term.tally as TermCounter | undefined;
		if (counter === undefined) {
			counter = {term: term.text, entry: undefined, vocabulary: undefined, vocabularySize: -1, seenInAnalysis: 0, occurrences: 0};
			term.tally = counter;
		}

		if (counter.vocabulary !== vocabulary || counter.vocabularySize !== vocabulary.size) {
			counter.entry = vocabulary.lookup(term.text);
			counter.vocabulary = vocabulary;
			counter.vocabularySize = vocabulary.size;
		}

		if (counter.seenInAnalysis !== analysis) {
			counter.seenInAnalysis = analysis;
			counter.occurrences = 0;
			(counter.entry === undefined ? unknown : known).push(counter);
		}

		counter.occurrences++;
		for (let flags = counter.entry?.lexicons ?? 0; flags !== 0; flags &= flags - 1) {
			const bit = 31 - Math.clz32(flags & -flags);
			lexiconHits[bit] = (lexiconHits[bit] ?? 0) + 1;
		}
	});

	// Known terms first, in the order met, then unknown ones: the order `terms` keeps among equal weights.
	const distinct = known.length + unknown.length;
	if (weightScratch.length < distinct) {
		weightScratch = new Float64Array(distinct * 2);
	}

	const allWeights = weightScratch;
	// Filled by push, not preallocated: packed arrays are read faster by the similarity loops than holey ones.
	const ids: number[] = [];
	const weights: number[] = [];
	let squaredNorm = 0;
	for (const [index, {entry, occurrences}] of known.entries()) {
		const weight = (1 + Math.log(occurrences)) * vocabulary.inverseDocumentFrequency(entry?.documentFrequency ?? 0);
		ids.push(entry?.id ?? 0);
		weights.push(weight);
		allWeights[index] = weight;
		squaredNorm += weight * weight;
	}

	const unknownIdf = vocabulary.inverseDocumentFrequency(0);
	for (const [index, {occurrences}] of unknown.entries()) {
		const weight = (1 + Math.log(occurrences)) * unknownIdf;
		allWeights[known.length + index] = weight;
		squaredNorm += weight * weight;
	}

	const norm = squaredNorm > 0 ? Math.sqrt(squaredNorm) : 1;
	const terms: Array<readonly [string, number]> = [];
	const termWeights: number[] = [];
	const keep = (index: number) => {
		const counter = index < known.length ? known[index] : unknown[index - known.length];
		terms.push([counter?.term ?? '', counter?.occurrences ?? 0]);
		termWeights.push((allWeights[index] ?? 0) / norm);
	};

	if (distinct <= MAX_PROMPT_TERMS) {
		for (let index = 0; index < distinct; index++) {
			keep(index);
		}
	} else {
		for (const index of heaviestTerms(distinct, allWeights)) {
			keep(index);
		}
	}

	for (let index = 0; index < weights.length; index++) {
		weights[index] = (weights[index] ?? 0) / norm;
	}

	return {structure, lexiconCounts: lexiconCountsOf(lexiconHits), termCount, vector: {ids, weights}, terms, termWeights};
}

const lexiconIndex = Object.fromEntries(LEXICON_NAMES.map((name, index) => [name, index])) as Record<LexiconName, number>;

/** The counts by lexicon name of hits by lexicon index: one literal, of one shape, where a loop adding names made a new shape each time. */
function lexiconCountsOf(hits: readonly number[]): LexiconCounts {
	const count = (name: LexiconName) => hits[lexiconIndex[name]] ?? 0;
	return {
		action: count('action'),
		constraint: count('constraint'),
		depth: count('depth'),
		expert: count('expert'),
		brevity: count('brevity'),
		greeting: count('greeting'),
		code: count('code'),
		maths: count('maths'),
		medical: count('medical'),
		legal: count('legal'),
		finance: count('finance'),
		science: count('science'),
	} satisfies LexiconCounts;
}

/**
 * The positions of the {@link MAX_PROMPT_TERMS} heaviest of more distinct terms, heaviest first and in the order
 * met among equals (as a stable sort of them all would give). Finds the cut by selection on the weights alone, so
 * that only the terms kept are compared and built.
 */
function heaviestTerms(distinct: number, weights: Float64Array): number[] {
	if (sortScratch.length < distinct) {
		sortScratch = new Float64Array(distinct * 2);
	}

	const scratch = sortScratch;
	scratch.set(weights.subarray(0, distinct));
	const cut = selectNth(scratch, distinct, distinct - MAX_PROMPT_TERMS);
	let equalsToKeep = MAX_PROMPT_TERMS;
	for (let index = distinct - MAX_PROMPT_TERMS + 1; index < distinct; index++) {
		equalsToKeep -= (scratch[index] ?? 0) > cut ? 1 : 0;
	}

	const kept: number[] = [];
	for (let index = 0; index < distinct; index++) {
		const weight = weights[index] ?? 0;
		if (weight > cut || (weight === cut && equalsToKeep-- > 0)) {
			kept.push(index);
		}
	}

	// Heaviest first by insertion, which keeps the order met among equals: `kept` is in that order already, and
	// for its 48 positions a sort with a comparator took 4–6 µs of the 60–64 µs of a 2 KB prompt's analysis.
	for (let sorted = 1; sorted < kept.length; sorted++) {
		const index = kept[sorted] ?? 0;
		const weight = weights[index] ?? 0;
		let at = sorted - 1;
		while (at >= 0 && (weights[kept[at] ?? 0] ?? 0) < weight) {
			kept[at + 1] = kept[at] ?? 0;
			at--;
		}

		kept[at + 1] = index;
	}

	return kept;
}

/**
 * Hoare's selection: rearranges the first `length` values so that the one at `nth` is where a sort would put
 * it, every value before it no larger and every value after no smaller; returns it. Linear on average, where a
 * sort of a typed array cost a tenth of an analysis.
 */
function selectNth(values: Float64Array, length: number, nth: number): number {
	let low = 0;
	let high = length - 1;
	while (low < high) {
		const pivot = values[(low + high) >>> 1] ?? 0;
		let left = low;
		let right = high;
		while (left <= right) {
			while ((values[left] ?? 0) < pivot) {
				left++;
			}

			while ((values[right] ?? 0) > pivot) {
				right--;
			}

			if (left <= right) {
				const swap = values[left] ?? 0;
				values[left] = values[right] ?? 0;
				values[right] = swap;
				left++;
				right--;
			}
		}

		if (nth <= right) {
			high = right;
		} else if (nth >= left) {
			low = left;
		} else {
			break;
		}
	}

	return values[nth] ?? 0;
}
