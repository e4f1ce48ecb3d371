/*
Fits the classifier on the seed corpus and writes it to src/classifier/seed-classifier.json, which routers load
instead of fitting it again in every process. Run it after changing the seed corpus, the lexicons or how the
classifier is fitted; test/classifier/seed-classifier.test.ts fails until it has been run.

	npm run fit-classifier
*/
import {writeFileSync} from 'node:fs';
import {SEED_CORPUS} from '../src/classifier/seed-corpus.js';
import {TierClassifier} from '../src/classifier/tier-classifier.js';

const file = new URL('../src/classifier/seed-classifier.json', import.meta.url);
writeFileSync(file, `${JSON.stringify(TierClassifier.fromCorpus(SEED_CORPUS))}\n`);
console.log(`wrote ${file.pathname}`);
