import {z} from 'zod';
import {isAmount, isBoolean, isCount, isPlainObjectOf, oneOf, type Check} from '../util/value-checks.js';

/** Kinds of failure a caller can report with an outcome. */
export const OUTCOME_ERROR_KINDS = ['timeout', 'rate_limited', 'server_error', 'context_window_exceeded', 'content_filter', 'invalid_request', 'other'] as const;

export type OutcomeErrorKind = (typeof OUTCOME_ERROR_KINDS)[number];

/** What the caller may add to a score in {@link AdaptiveRouter.reportOutcome}. */
export type OutcomeDetails = {
	success?: boolean;
	latencyMs?: number;
	inputTokens?: number;
	outputTokens?: number;
	costUsd?: number;
	error?: OutcomeErrorKind;
};

const count = z.number({error: 'a whole number from 0 up'}).int({error: 'a whole number from 0 up'}).nonnegative({error: 'a whole number from 0 up'});
const amount = z.number({error: 'a finite number from 0 up'}).nonnegative({error: 'a finite number from 0 up'});

export const outcomeDetailsSchema = z.strictObject({
	success: z.boolean({error: 'true or false'}).optional(),
	latencyMs: amount.optional(),
	inputTokens: count.optional(),
	outputTokens: count.optional(),
	costUsd: amount.optional(),
	error: z.enum(OUTCOME_ERROR_KINDS, {error: `one of ${OUTCOME_ERROR_KINDS.join(', ')}`}).optional(),
}, {error: 'an object of outcome details'});

export const scoreSchema = z.number({error: 'a quality score from 0 to 1'}).min(0, {error: 'a quality score from 0 to 1'}).max(1, {error: 'a quality score from 0 to 1'});

/** An outcome as recorded: the decision it belongs to, the score, when, and the details given. */
export type OutcomeRecord = OutcomeDetails & {
	readonly hash: string;
	readonly score: number;
	readonly reportedAt: string;
};

/** What reportOutcome resolves with. */
export type OutcomeReceipt = {
	readonly hash: string;
	/** False when the decision already had an outcome: the first report counts, later ones are ignored. */
	readonly recorded: boolean;
};

const detailChecks: Readonly<Record<string, Check>> = {
	success: isBoolean,
	latencyMs: isAmount,
	inputTokens: isCount,
	outputTokens: isCount,
	costUsd: isAmount,
	error: oneOf(new Set(OUTCOME_ERROR_KINDS)),
};

/**
 * Whether `details` is outcome details that {@link outcomeDetailsSchema} accepts, checked without it: every
 * outcome passes here, so the common case skips the schema (which then only words what is wrong). Accepts
 * nothing the schema would refuse.
 */
export function isPlainOutcomeDetails(details: unknown): details is OutcomeDetails {
	return isPlainObjectOf(details, detailChecks);
}

/**
 * The record of an outcome: the decision, the score, when, and those of `details` that are set, in a fixed order.
 * Built field by field: spreading a copy filtered through `Object.entries` cost a tenth of reportOutcome.
 */
export function outcomeRecordOf(details: OutcomeDetails, hash: string, score: number, reportedAt: string): OutcomeRecord {
	const record: {-readonly [K in keyof OutcomeRecord]: OutcomeRecord[K]} = {hash, score, reportedAt};
	if (details.success !== undefined) {
		record.success = details.success;
	}

	if (details.latencyMs !== undefined) {
		record.latencyMs = details.latencyMs;
	}

	if (details.inputTokens !== undefined) {
		record.inputTokens = details.inputTokens;
	}

	if (details.outputTokens !== undefined) {
		record.outputTokens = details.outputTokens;
	}

	if (details.costUsd !== undefined) {
		record.costUsd = details.costUsd;
	}

	if (details.error !== undefined) {
		record.error = details.error;
	}

	return record;
}
