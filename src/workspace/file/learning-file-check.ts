import {isAmount, isCount, isFiniteNumber, isPositiveCount, isString, listOf, objectOf, tupleOf, type Check} from '../../util/value-checks.js';
import {WORKSPACE_SCHEMA_VERSION} from './workspace-schemas.js';
import {PRODUCT_COUNT} from '../../learning/feature-slopes.js';
import {QUALITY_FEATURE_COUNT} from '../../learning/quality-features.js';

/*
A snapshot's learning.json holds the similar-prompt memory, tens of thousands of entries, and every open,
rebuild and compaction reads it: zod's schema took 180–280 ms on a file of 50,000 entries, more than the JSON
parse. This check is `learningFileSchema`'s, by hand; a file that fails it goes to the schema for the message.
*/
const decayedStats = tupleOf([isFiniteNumber, isFiniteNumber, isFiniteNumber, isCount, isFiniteNumber]);
const numbers = listOf(isFiniteNumber);
const tierIndex: Check = value => isCount(value) && (value as number) <= 4;
const numbersOfLength = (length: number): Check => value => numbers(value) && (value as unknown[]).length === length;
const tierSums = tupleOf([isAmount, isFiniteNumber, isFiniteNumber, numbersOfLength(QUALITY_FEATURE_COUNT), numbersOfLength(PRODUCT_COUNT), numbersOfLength(QUALITY_FEATURE_COUNT)]);

const packedMemory = objectOf({
	models: listOf(isString),
	terms: listOf(isString),
	sizes: tupleOf([isCount, isCount, isCount]),
	packed: isString,
	crc: value => typeof value === 'string' && /^[\da-f]{8}$/u.test(value),
});
const entriesMemory = objectOf({
	models: listOf(isString),
	entries: listOf(tupleOf([listOf(isString), listOf(isPositiveCount), listOf(isCount), numbers, numbers], 4)),
});

/** Whether a parsed learning.json is one `learningFileSchema` accepts. */
export const isLearningFile: Check = objectOf({
	schemaVersion: value => value === WORKSPACE_SCHEMA_VERSION,
	observations: isCount,
	quality: listOf(tupleOf([isString, listOf(decayedStats), listOf(decayedStats)])),
	usage: listOf(tupleOf([isString, listOf(decayedStats)])),
	memory: value => packedMemory(value) || entriesMemory(value),
	experiments: listOf(tupleOf([isString, numbers, numbers])),
	floors: listOf(decayedStats),
	centroids: listOf(tupleOf([tierIndex, isAmount, listOf(tupleOf([isString, isFiniteNumber]))])),
	slopes: listOf(tupleOf([isString, listOf(tierSums)])),
}, new Set(['experiments', 'floors', 'centroids', 'slopes']));
