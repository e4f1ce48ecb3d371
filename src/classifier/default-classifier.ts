import fitted from './seed-classifier.json' with {type: 'json'};
import {SEED_CORPUS} from './seed-corpus.js';
import {TierClassifier} from './tier-classifier.js';

let shared: TierClassifier | undefined;

/**
 * The classifier fitted on the shipped seed corpus, shared by every router of the process: it is read-only.
 * It is loaded as `npm run fit-classifier` wrote it (`seed-classifier.json`) rather than fitted again: fitting took a
 * fresh process 150–300 ms, most of opening a router without a workspace.
 */
export function defaultClassifier(): TierClassifier {
	shared ??= TierClassifier.fromFitted(fitted, SEED_CORPUS);
	return shared;
}
