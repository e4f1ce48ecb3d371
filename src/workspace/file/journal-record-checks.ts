import {QUALITY_FEATURE_COUNT} from '../../learning/quality-features.js';
import {TIERS} from '../../tiers.js';
import {isAmount, isBoolean, isFiniteNumber, isIsoTime, isShare, isString, listOf, looseObjectOf, oneOf, type Check} from '../../util/value-checks.js';

/*
Outcome and observation records, checked by hand: with the ops events, they are the records a journal holds
most of, and opening, refreshing and compacting read every one. zod's schema took 15 µs of the 26 µs an
observation's line took to read (a routellm-mmlu prompt's, 540 bytes), and 4 of the 6 µs of an outcome's. The
checks are those of the journal's record schema, and only stricter (a time must be as `toISOString` writes
it); a record that fails one goes to the schema, which says what is wrong.
*/
const tiers: ReadonlySet<unknown> = new Set(TIERS);
const isPositive: Check = value => isFiniteNumber(value) && (value as number) > 0;
const isName: Check = value => typeof value === 'string' && value.length > 0;
const isNumberList = listOf(isFiniteNumber);

/** A prompt's terms: [term, count] pairs, a count a positive integer. Written out, as a prompt has dozens. */
const isTerms: Check = value => {
	if (!Array.isArray(value)) {
		return false;
	}

	for (const pair of value as unknown[]) {
		if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || !Number.isSafeInteger(pair[1]) || (pair[1] as number) <= 0) {
			return false;
		}
	}

	return true;
};

const isOutcome = looseObjectOf({hash: isString, score: isShare, reportedAt: isIsoTime});

const isObservation = looseObjectOf({
	tier: oneOf(tiers),
	terms: isTerms,
	inputTokens: isAmount,
	features: value => Array.isArray(value) && value.length === QUALITY_FEATURE_COUNT && isNumberList(value),
	observedAt: isIsoTime,
	results: listOf(looseObjectOf({model: isString, score: isShare, success: isBoolean, outputTokens: isAmount, costUsd: isAmount}, new Set(['outputTokens', 'costUsd']))),
	experiment: looseObjectOf({name: isName, arm: oneOf(new Set(['A', 'B'])), costUsd: isAmount}),
	lesson: looseObjectOf({tier: oneOf(tiers), weight: isPositive}),
	chosen: isBoolean,
}, new Set(['features', 'experiment', 'lesson', 'chosen']));

const checks: ReadonlyMap<unknown, Check> = new Map<unknown, Check>([
	['outcome', looseObjectOf({type: isString, outcome: isOutcome})],
	['observation', looseObjectOf({type: isString, observation: isObservation})],
	['seal', () => true],
]);

/**
 * Whether a parsed record is an outcome, an observation or a seal that the journal's record schema accepts;
 * false for every other record, which the schema checks.
 */
export function isCheckedRecord(json: unknown): boolean {
	const check = typeof json === 'object' && json !== null ? checks.get((json as {type?: unknown}).type) : undefined;
	return check?.(json) ?? false;
}
