import type {RegisteredModel} from '../models/registered-model.js';
import type {CostLedger} from './cost-ledger.js';
import {savingsEstimate} from './savings-estimate.js';
import {field, emptySums, mergeSums} from './ledger-bucket.js';
import {SLA_BREACH_KINDS, type SlaBreachKind} from './ops-event.js';
import type {SlaConfig} from './sla-config.js';
import {HOUR_MS, periodStart} from './time-periods.js';

export type SlaReport = {
	/** The whole hours looked at: from the start of the hour `sinceHours` before now. */
	readonly sinceHours: number;
	readonly requests: number;
	readonly compliant: number;
	/** Share of decisions that met every limit; 1 without decisions. */
	readonly complianceRate: number;
	/** Decisions whose first choice breached each limit. */
	readonly breaches: Readonly<Record<SlaBreachKind, number>>;
	/** Decisions switched to another model for each limit. */
	readonly adjustments: Readonly<Record<SlaBreachKind, number>>;
	/** What the requests that reported their tokens would have cost on the dearest model, less what they cost. */
	readonly savingsUsd: number;
	/** Mean reported latency; null without any. */
	readonly averageLatencyMs: number | null;
	readonly spentUsd: number;
	readonly budgetPerHourUsd: number | null;
	/** Spend as a share of the hourly budget over the hours looked at; null without a budget. */
	readonly budgetUse: number | null;
};

/**
 * The SLA's record over the last `sinceHours` hours (the current one included), every process together; savings
 * against `dearest`, the dearest model, on the reported tokens.
 */
export function slaReport(ledger: CostLedger, sla: SlaConfig | undefined, nowMs: number, sinceHours: number, dearest: RegisteredModel | undefined): SlaReport {
	const sinceMs = periodStart('hour', nowMs - ((sinceHours - 1) * HOUR_MS));
	const sums = emptySums();
	for (const bucket of ledger.buckets(sinceMs, nowMs + HOUR_MS)) {
		mergeSums(sums, bucket.sums);
	}

	const requests = field(sums, 'routes');
	const compliant = field(sums, 'compliantRoutes');
	const timed = field(sums, 'timed');
	const spentUsd = field(sums, 'costUsd');
	const budget = sla?.budgetPerHourUsd ?? null;
	return {
		sinceHours,
		requests,
		compliant,
		complianceRate: requests === 0 ? 1 : compliant / requests,
		breaches: Object.fromEntries(SLA_BREACH_KINDS.map(kind => [kind, field(sums, `breach_${kind}`)])) as Record<SlaBreachKind, number>,
		adjustments: Object.fromEntries(SLA_BREACH_KINDS.map(kind => [kind, field(sums, `adjusted_${kind}`)])) as Record<SlaBreachKind, number>,
		savingsUsd: dearest === undefined ? 0 : savingsEstimate(ledger, dearest, sinceMs, nowMs + HOUR_MS).savedUsd,
		averageLatencyMs: timed === 0 ? null : field(sums, 'latencySumMs') / timed,
		spentUsd,
		budgetPerHourUsd: budget,
		budgetUse: budget === null ? null : spentUsd / (budget * sinceHours),
	};
}
