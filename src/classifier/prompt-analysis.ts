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
};

/** Terms kept of a prompt for the similar-prompt memory: enough to find its neighbours, few enough to store with every decision. */
export const MAX_PROMPT_TERMS = 48;

let analysisCount = 0;

/**
 * Reads `text` in one pass and returns its structure, lexicon counts and TF-IDF vector (sublinear term
 * frequency times smoothed IDF, scaled to unit length). Costs one map lookup per term.
 */
export function analyzePrompt(text: string, vocabulary: Vocabulary): PromptAnalysis {
	const analysis = ++analysisCount;
	const seen: TermEntry[] = [];
	const lexiconHits = new Array<number>(LEXICON_NAMES.length).fill(0);
	let unknownTerms: Map<string, number> | undefined;
	let termCount = 0;

	const structure = scanPrompt(text, term => {
		termCount++;
		const entry = vocabulary.lookup(term);
		if (entry === undefined) {
			unknownTerms ??= new Map();
			unknownTerms.set(term, (unknownTerms.get(term) ?? 0) + 1);
			return;
		}

		if (entry.seenInAnalysis !== analysis) {
			entry.seenInAnalysis = analysis;
			entry.occurrences = 0;
			seen.push(entry);
		}

		entry.occurrences++;
		for (let flags = entry.lexicons; flags !== 0; flags &= flags - 1) {
			const bit = 31 - Math.clz32(flags & -flags);
			lexiconHits[bit] = (lexiconHits[bit] ?? 0) + 1;
		}
	});

	const ids: number[] = [];
	const weights: number[] = [];
	const terms: Array<{term: readonly [string, number]; weight: number}> = [];
	let squaredNorm = 0;
	for (const entry of seen) {
		const weight = (1 + Math.log(entry.occurrences)) * vocabulary.inverseDocumentFrequency(entry.documentFrequency);
		ids.push(entry.id);
		weights.push(weight);
		terms.push({term: [entry.term, entry.occurrences], weight});
		squaredNorm += weight * weight;
	}

	if (unknownTerms !== undefined) {
		const unknownIdf = vocabulary.inverseDocumentFrequency(0);
		for (const [term, occurrences] of unknownTerms) {
			const weight = (1 + Math.log(occurrences)) * unknownIdf;
			terms.push({term: [term, occurrences], weight});
			squaredNorm += weight * weight;
		}
	}

	if (terms.length > MAX_PROMPT_TERMS) {
		terms.sort((a, b) => b.weight - a.weight);
		terms.length = MAX_PROMPT_TERMS;
	}

	if (squaredNorm > 0) {
		const norm = Math.sqrt(squaredNorm);
		for (let index = 0; index < weights.length; index++) {
			weights[index] = (weights[index] ?? 0) / norm;
		}
	}

	const lexiconCounts = {} as LexiconCounts;
	for (const [index, name] of LEXICON_NAMES.entries()) {
		lexiconCounts[name] = lexiconHits[index] ?? 0;
	}

	return {structure, lexiconCounts, termCount, vector: {ids, weights}, terms: terms.map(({term}) => term)};
}
