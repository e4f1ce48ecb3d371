import type {DecisionRecord} from '../decision/routing-decision.js';
import type {UsageEvent} from './ops-event.js';

/** A transaction as an {@link AuditClient} receives it: a decision as made, or an outcome or spend as reported. */
export type AuditTransaction =
	| {readonly kind: 'decision'; readonly at: string; readonly decision: DecisionRecord}
	| {readonly kind: 'usage'; readonly at: string; readonly usage: UsageEvent};

/**
 * Somewhere else every transaction goes too (the coreason design's audit client): a SIEM, a data warehouse.
 * The workspace keeps the audit trail either way (`router.audit()`, `tierwise audit`). A client that throws or
 * rejects is reported as a warning; routing goes on.
 */
export type AuditClient = {
	record(transaction: AuditTransaction): void | Promise<void>;
};
