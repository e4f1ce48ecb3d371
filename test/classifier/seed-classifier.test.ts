import {readFileSync} from 'node:fs';
import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {defaultClassifier} from '../../src/classifier/default-classifier.js';
import fitted from '../../src/classifier/seed-classifier.json' with {type: 'json'};
import {SEED_CORPUS} from '../../src/classifier/seed-corpus.js';
import {TierClassifier, type FittedClassifierJson} from '../../src/classifier/tier-classifier.js';
import {TIERS} from '../../src/tiers.js';

const refitted = TierClassifier.fromCorpus(SEED_CORPUS);
const loaded = defaultClassifier();
const unseen = (JSON.parse(readFileSync(new URL('../../bench/data/unseen-prompts.json', import.meta.url), 'utf8')) as Array<{text: string}>).map(prompt => prompt.text);
const prompts = [...SEED_CORPUS.map(prompt => prompt.text), ...unseen, 'Hi', 'Café naïve 日本語 über-fast C++ v2.5', '\uD800 lone'];

describe('the shipped seed classifier', () => {
	test('is what fitting the seed corpus gives today (after changing the corpus, the lexicons or the fit, run `npm run fit-classifier`)', () => {
		expect(JSON.parse(JSON.stringify(refitted)) as unknown).toEqual(fitted);
	});

	test('classifies every seed and unseen prompt exactly as the fitted classifier does', () => {
		for (const prompt of prompts) {
			expect(loaded.analyze(prompt)).toEqual(refitted.analyze(prompt));
		}
	});

	test('classifies any string exactly as the fitted classifier does', () => {
		fc.assert(fc.property(fc.string({unit: 'grapheme', maxLength: 200}), prompt => {
			expect(loaded.analyze(prompt)).toEqual(refitted.analyze(prompt));
		}), {numRuns: 300});
	});

	test('explains with the same nearest examples, term leanings and centroids', () => {
		for (const prompt of [...unseen.slice(0, 40), 'Hi']) {
			const {topTerms} = loaded.classify(prompt);
			expect(loaded.nearestExamples(topTerms)).toEqual(refitted.nearestExamples(topTerms));
			expect(loaded.termLeanings(topTerms)).toEqual(refitted.termLeanings(topTerms));
			for (const [index] of TIERS.entries()) {
				expect(loaded.seedCentroids().norm(index)).toBe(refitted.seedCentroids().norm(index));
				for (const {term} of topTerms) {
					expect(loaded.seedCentroids().weight(index, term)).toBe(refitted.seedCentroids().weight(index, term));
				}
			}
		}
	});

	test('refuses a corpus other than the one it was fitted on', () => {
		expect(() => TierClassifier.fromFitted(fitted as FittedClassifierJson, SEED_CORPUS.slice(1))).toThrow(/fitted on 452 prompts, not the 451/u);
	});
});
