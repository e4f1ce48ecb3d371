import {isAmount, isCount, isFiniteNumber, isPositiveCount, isString, listOf, objectOf, tupleOf, type Check} from '../../util/value-checks.js';
import {LEARNING_SCHEMA_VERSION} from './workspace-schemas.js';
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

const fieldsBesideMemory = {
	observations: isCount,
	quality: listOf(tupleOf([isString, listOf(decayedStats), listOf(decayedStats)])),
	usage: listOf(tupleOf([isString, listOf(decayedStats)])),
	experiments: listOf(tupleOf([isString, numbers, numbers])),
	floors: listOf(decayedStats),
	centroids: listOf(tupleOf([tierIndex, isAmount, listOf(tupleOf([isString, isFiniteNumber]))])),
	slopes: listOf(tupleOf([isString, listOf(tierSums)])),
};
const optionalFields = new Set(['experiments', 'floors', 'centroids', 'slopes']);
const packedFile = objectOf({schemaVersion: value => value === LEARNING_SCHEMA_VERSION, ...fieldsBesideMemory, memory: packedMemory}, optionalFields);
const entriesFile = objectOf({schemaVersion: value => value === 1, ...fieldsBesideMemory, memory: entriesMemory}, optionalFields);

/** Whether a parsed learning.json is one `learningFileSchema` accepts: packed at its version, or of version 1. */
export const isLearningFile: Check = value => packedFile(value) || entriesFile(value);
