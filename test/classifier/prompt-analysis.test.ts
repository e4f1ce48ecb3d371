import fc from 'fast-check';
import {expect, test} from 'vitest';
import {analyzePrompt, MAX_PROMPT_TERMS} from '../../src/classifier/prompt-analysis.js';
import {Vocabulary} from '../../src/classifier/vocabulary.js';
import {tokenize} from '../../src/text/tokenizer.js';

function vocabularyOf(...documents: string[]): Vocabulary {
	const vocabulary = new Vocabulary();
	for (const document of documents) {
		vocabulary.addDocument(tokenize(document));
	}

	return vocabulary;
}

/** The terms analyzePrompt keeps, worked out the plain way: every distinct term, weighed, stably sorted. */
function expectedTerms(text: string, vocabulary: Vocabulary): Array<readonly [string, number]> {
	const counts = new Map<string, number>();
	for (const term of tokenize(text)) {
		counts.set(term, (counts.get(term) ?? 0) + 1);
	}

	const known = [...counts].filter(([term]) => vocabulary.lookup(term) !== undefined);
	const unknown = [...counts].filter(([term]) => vocabulary.lookup(term) === undefined);
	const weighed = [...known, ...unknown].map(([term, count]) => ({
		term: [term, count] as const,
		weight: (1 + Math.log(count)) * vocabulary.inverseDocumentFrequency(vocabulary.lookup(term)?.documentFrequency ?? 0),
	}));
	if (weighed.length > MAX_PROMPT_TERMS) {
		weighed.sort((a, b) => b.weight - a.weight);
		weighed.length = MAX_PROMPT_TERMS;
	}

	return weighed.map(({term}) => term);
}

const words = ['alpha', 'beta', 'gamma', 'delta', 'design', 'system', 'query', 'token', 'model', 'route', 'cache', 'index'];

test('keeps the heaviest terms, in the order a stable sort of them all gives, ties included', () => {
	const vocabulary = vocabularyOf('alpha beta gamma', 'delta design system', 'alpha system query', 'token model');
	const word = fc.oneof(fc.constantFrom(...words), fc.stringMatching(/^[a-z]{3,8}$/u));
	fc.assert(fc.property(fc.array(word, {minLength: 1, maxLength: 200, size: 'max'}), list => {
		const text = list.join(' ');
		expect(analyzePrompt(text, vocabulary).terms).toEqual(expectedTerms(text, vocabulary));
	}));
});

test('counts a term the vocabulary learns after an earlier analysis met it as unknown', () => {
	const vocabulary = vocabularyOf('alpha beta');
	expect(analyzePrompt('zebra alpha', vocabulary).vector.ids).toHaveLength(1);
	vocabulary.addDocument(['zebra']);
	expect(analyzePrompt('zebra alpha', vocabulary).vector.ids).toHaveLength(2);
});

test('a term met before and after the word cache starts afresh within one prompt is one term, counted twice', () => {
	const vocabulary = vocabularyOf('alpha beta', 'runs quickly');
	// Enough new words to fill the term table near its 65,536 terms, and in the prompt itself to clear the word
	// cache (65,536 words) and pass the table's size: the table starts afresh between analyses only.
	for (let batch = 0; batch < 5; batch++) {
		analyzePrompt(Array.from({length: 10_000}, (_, index) => `w${batch}x${index}`).join(' '), vocabulary);
	}

	const middle = Array.from({length: 70_000}, (_, index) => `middle${index}`).join(' ');
	const analysis = analyzePrompt(`alpha running ${middle} alpha runs`, vocabulary);
	const ids = analysis.vector.ids;
	expect(new Set(ids).size).toBe(ids.length);
	expect(ids).toHaveLength(2);
	expect(analysis.termCount).toBe(70_004);
	const text = 'alpha alpha beta running runs';
	expect(analyzePrompt(text, vocabulary).terms).toEqual(expectedTerms(text, vocabulary));
});

test('weighs a known term by its document frequency as of the analysis, after more documents came', () => {
	const vocabulary = vocabularyOf('alpha beta', 'alpha gamma', 'delta');
	const weightOfAlpha = () => {
		const analysis = analyzePrompt('alpha alpha delta', vocabulary);
		const squaredNorm = analysis.termWeights.reduce((total, weight) => total + (weight * weight), 0);
		const [alpha, delta] = analysis.vector.weights;
		return {ratio: (alpha ?? 0) / (delta ?? 1), squaredNorm};
	};

	const idf = (frequency: number) => vocabulary.inverseDocumentFrequency(frequency);
	const before = weightOfAlpha();
	expect(before.ratio).toBeCloseTo(((1 + Math.log(2)) * idf(2)) / idf(1), 12);
	vocabulary.addDocument(['alpha']);
	vocabulary.addDocument(['beta']);
	const after = weightOfAlpha();
	expect(after.ratio).toBeCloseTo(((1 + Math.log(2)) * idf(3)) / idf(1), 12);
	expect(after.ratio).not.toBeCloseTo(before.ratio, 6);
	expect(after.squaredNorm).toBeCloseTo(1, 12);
});
