import {PROVIDER_EVENT_KINDS} from '../../ops/ops-event.js';
import {TIERS} from '../../tiers.js';
import {isAmount, isBoolean, isCount, isFiniteNumber, isIsoTime, isPositiveCount, isString, listOf, nullable, objectOf, oneOf, tupleOf, type Check} from '../../util/value-checks.js';
import {WORKSPACE_SCHEMA_VERSION} from './workspace-schemas.js';

/*
A snapshot's meta.json and ops.json, checked by hand: opening a workspace reads both, and zod's schemas took
21 ms and 9–15 ms of a fresh process for those of a million-decision workspace (thousands of archives and
journal watermarks). These checks are `snapshotMetaSchema`'s and `opsFileSchema`'s, and only stricter (a time
must be as `toISOString` writes it); a file that fails one goes to the schema, which says what is wrong.
*/
const version: Check = value => value === WORKSPACE_SCHEMA_VERSION;

/** Whether a parsed meta.json is one `snapshotMetaSchema` accepts. */
export const isSnapshotMeta: Check = objectOf({
	schemaVersion: version,
	generation: isPositiveCount,
	createdAt: isIsoTime,
	journals: listOf(objectOf({file: isString, offset: isCount, lines: isCount, seq: isCount, sealed: isBoolean})),
	models: listOf(isString),
	archives: listOf(objectOf({name: isString, newestMs: isFiniteNumber})),
	decisionRows: isCount,
	counters: objectOf({decisions: isCount, outcomes: isCount}),
});

const tiers: ReadonlySet<unknown> = new Set(TIERS);
const providerEvents: ReadonlySet<unknown> = new Set(PROVIDER_EVENT_KINDS);

/** Whether a parsed ops.json is one `opsFileSchema` accepts. */
export const isOpsFile: Check = objectOf({
	schemaVersion: version,
	events: isCount,
	ledger: listOf(tupleOf([isFiniteNumber, oneOf(new Set([1, 24])), isString, isString, nullable(oneOf(tiers)), nullable(isString), listOf(isFiniteNumber)])),
	health: listOf(objectOf({
		model: isString,
		events: listOf(tupleOf([isFiniteNumber, oneOf(new Set([-1, 0, 1])), isFiniteNumber])),
		consecutiveFailures: isCount,
		openedAtMs: nullable(isFiniteNumber),
		cooldownMs: isAmount,
		retryUntilMs: nullable(isFiniteNumber),
		lastEvent: nullable(tupleOf([oneOf(providerEvents), isFiniteNumber, nullable(isString)])),
	})),
});
