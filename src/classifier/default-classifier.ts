import {SEED_CORPUS} from './seed-corpus.js';
import {TierClassifier} from './tier-classifier.js';

let shared: TierClassifier | undefined;

/**
 * The classifier fitted on the shipped seed corpus, built on first use and shared by every router of the
 * process: it is read-only, and fitting takes tens of milliseconds.
 */
export function defaultClassifier(): TierClassifier {
	shared ??= TierClassifier.fromCorpus(SEED_CORPUS);
	return shared;
}
