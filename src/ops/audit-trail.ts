import type {DecisionRecord} from '../decision/routing-decision.js';
import {describeValue} from '../errors/describe-value.js';
import {TierwiseError} from '../errors/tierwise-error.js';
import type {OutcomeRecord} from '../outcome/outcome.js';
import {BoundedMap} from '../util/bounded-map.js';
import {checkTimeRange} from './time-range.js';
import type {WorkspaceRecord} from '../workspace/workspace-record.js';

/** What to audit: a time range, a user, and how many entries at most (the newest). */
export type AuditQuery = {
	/** From this time (ms since the epoch). @default one day ago */
	sinceMs?: number;
	/** Before this time. @default now */
	untilMs?: number;
	/** Only this user's decisions and their outcomes. */
	user?: string;
	/** The newest this many entries. @default 1000 */
	limit?: number;
};

/** A decision as the audit shows it: who, which model, what it was expected to cost, and why. */
export type AuditDecision = {
	readonly kind: 'decision';
	readonly at: string;
	readonly hash: string;
	readonly user: string | null;
	readonly model: string;
	readonly provider: string;
	readonly tier: string;
	readonly estimatedCostUsd: number;
	/** Why this model, in plain sentences, as the decision gives them. */
	readonly reasoning: readonly string[];
	/** The decision explained in plain English, as `explain` gives it. */
	readonly explanation: string;
};

/** An outcome as the audit shows it, with its decision's user and model. */
export type AuditOutcome = {
	readonly kind: 'outcome';
	readonly at: string;
	readonly hash: string;
	/** Null when the decision is no longer kept. */
	readonly user: string | null;
	readonly model: string | null;
	readonly score: number;
	readonly costUsd: number | null;
	readonly inputTokens: number | null;
	readonly outputTokens: number | null;
	readonly latencyMs: number | null;
	readonly error: string | null;
};

export type AuditEntry = AuditDecision | AuditOutcome;

export const DEFAULT_AUDIT_LIMIT = 1000;

/** Checks an audit query from a caller; throws `invalid_input`. */
export function checkAuditQuery(query: unknown, nowMs: number): Required<Omit<AuditQuery, 'user'>> & Pick<AuditQuery, 'user'> {
	if (query !== undefined && (typeof query !== 'object' || query === null)) {
		throw new TierwiseError('invalid_input', `Expected an audit query object, got ${describeValue(query)}.`);
	}

	const given = (query ?? {}) as Record<string, unknown>;
	checkTimeRange(given);

	if (given.user !== undefined && typeof given.user !== 'string') {
		throw new TierwiseError('invalid_input', `Expected \`user\` to be a string, got ${describeValue(given.user)}.`);
	}

	if (given.limit !== undefined && (typeof given.limit !== 'number' || !Number.isInteger(given.limit) || given.limit < 1)) {
		throw new TierwiseError('invalid_input', `Expected \`limit\` to be a whole number from 1 up, got ${describeValue(given.limit)}.`);
	}

	return {
		sinceMs: (given.sinceMs as number | undefined) ?? nowMs - (24 * 60 * 60 * 1000),
		untilMs: (given.untilMs as number | undefined) ?? nowMs + 1,
		limit: (given.limit) ?? DEFAULT_AUDIT_LIMIT,
		...(given.user === undefined ? {} : {user: given.user}),
	};
}

/** A decision or outcome found by an audit, before decisions are explained. */
export type FoundEntry =
	| {readonly kind: 'decision'; readonly atMs: number; readonly decision: DecisionRecord}
	| {readonly kind: 'outcome'; readonly atMs: number; readonly outcome: OutcomeRecord; readonly user: string | null; readonly model: string | null};

/**
 * The decisions and outcomes of `records` in the query's range and of its user, the newest `limit`, oldest first.
 * An outcome takes its user and model from its decision, read earlier in the scan or looked up with `decisionOf`.
 */
export async function gatherAudit(
	records: AsyncIterable<WorkspaceRecord>,
	query: ReturnType<typeof checkAuditQuery>,
	decisionOf: (hash: string) => Promise<DecisionRecord | undefined>,
): Promise<FoundEntry[]> {
	const seen = new BoundedMap<string, {user: string | null; model: string}>(100_000);
	const kept: FoundEntry[] = [];
	const inRange = (atMs: number) => atMs >= query.sinceMs && atMs < query.untilMs;
	for await (const record of records) {
		if (record.type === 'decision') {
			const {decision} = record;
			seen.set(decision.hash, {user: decision.user, model: decision.model});
			const atMs = Date.parse(decision.routedAt);
			if (inRange(atMs) && (query.user === undefined || decision.user === query.user)) {
				kept.push({kind: 'decision', atMs, decision});
			}
		} else if (record.type === 'outcome') {
			const {outcome} = record;
			const atMs = Date.parse(outcome.reportedAt);
			if (!inRange(atMs)) {
				continue;
			}

			let owner = seen.get(outcome.hash);
			if (owner === undefined) {
				const decision = await decisionOf(outcome.hash);
				owner = decision === undefined ? undefined : {user: decision.user, model: decision.model};
			}

			if (query.user === undefined || owner?.user === query.user) {
				kept.push({kind: 'outcome', atMs, outcome, user: owner?.user ?? null, model: owner?.model ?? null});
			}
		}

		if (kept.length > 2 * query.limit) {
			trimToNewest(kept, query.limit);
		}
	}

	trimToNewest(kept, query.limit);
	return kept;
}

/** Sorts oldest first and keeps the newest `limit`. */
function trimToNewest(entries: FoundEntry[], limit: number): void {
	entries.sort((a, b) => a.atMs - b.atMs);
	entries.splice(0, Math.max(0, entries.length - limit));
}
