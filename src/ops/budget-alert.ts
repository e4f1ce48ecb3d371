import {formatUsd} from '../decision/format.js';
import type {BudgetConfig} from './budget-config.js';
import {DEFAULT_ECONOMY_BELOW} from './budget-status.js';
import type {CostLedger} from './cost-ledger.js';
import type {CostOptimization} from './cost-optimizations.js';
import {HOUR_MS, periodEnd, periodStart} from './time-periods.js';

export type AlertLevel = 'ok' | 'warning' | 'critical';

/** The state of one budget window, and what to do about it. */
export type BudgetAlert = {
	readonly status: AlertLevel;
	/** The window judged (the worst one); null when no budget is set. */
	readonly window: 'hour' | 'day' | 'month' | null;
	readonly limitUsd: number | null;
	readonly spentUsd: number;
	/** Spend by the window's end at the rate of the last hour. */
	readonly projectedUsd: number;
	readonly projectedShare: number | null;
	/** Spend in the last hour, the rate behind the projection. */
	readonly hourlyRateUsd: number;
	readonly recommendation: string;
};

/** Projected spend at this share of a limit warns. */
export const WARNING_SHARE = 0.8;

const rank: Readonly<Record<AlertLevel, number>> = {ok: 0, warning: 1, critical: 2};

/**
 * Judges each budget window (the budgets' hourly, daily and monthly limits, and the SLA's hourly budget) by what
 * is spent and by where the last hour's rate takes it by the window's end: `critical` when the limit is reached
 * or will be, `warning` when the projection passes {@link WARNING_SHARE} of it or less than the economy share
 * is left, else `ok`. Returns the worst window, with a recommendation drawn from the figures.
 */
export function budgetAlert(ledger: CostLedger, budgets: BudgetConfig | undefined, slaBudgetPerHourUsd: number | undefined, optimizations: readonly CostOptimization[], nowMs: number): BudgetAlert {
	const rate = hourlyRate(ledger, nowMs);
	const windows: Array<{period: 'hour' | 'day' | 'month'; limitUsd: number}> = [];
	const hourly = [budgets?.hourlyUsd, slaBudgetPerHourUsd].filter((limit): limit is number => limit !== undefined);
	if (hourly.length > 0) {
		windows.push({period: 'hour', limitUsd: Math.min(...hourly)});
	}

	if (budgets?.dailyUsd !== undefined) {
		windows.push({period: 'day', limitUsd: budgets.dailyUsd});
	}

	if (budgets?.monthlyUsd !== undefined) {
		windows.push({period: 'month', limitUsd: budgets.monthlyUsd});
	}

	if (windows.length === 0) {
		return {status: 'ok', window: null, limitUsd: null, spentUsd: ledger.spend('day', nowMs), projectedUsd: ledger.spend('day', nowMs), projectedShare: null, hourlyRateUsd: rate, recommendation: 'No budget is set: open the router with budgets (or an SLA with budgetPerHourUsd) to be warned before spend runs away.'};
	}

	const economyBelow = budgets?.economyBelow ?? DEFAULT_ECONOMY_BELOW;
	const judged = windows.map(({period, limitUsd}) => {
		const spentUsd = ledger.spend(period, nowMs);
		const endMs = periodEnd(period, nowMs);
		const projectedUsd = spentUsd + (rate * (endMs - nowMs) / HOUR_MS);
		let status: AlertLevel = 'ok';
		if (spentUsd >= limitUsd || projectedUsd >= limitUsd) {
			status = 'critical';
		} else if (projectedUsd >= WARNING_SHARE * limitUsd || (limitUsd - spentUsd) / limitUsd < economyBelow) {
			status = 'warning';
		}

		return {period, limitUsd, spentUsd, projectedUsd, status, endMs};
	});
	const worst = judged.reduce((a, b) => (rank[b.status] > rank[a.status] || (rank[b.status] === rank[a.status] && b.projectedUsd / b.limitUsd > a.projectedUsd / a.limitUsd) ? b : a));
	return {
		status: worst.status,
		window: worst.period,
		limitUsd: worst.limitUsd,
		spentUsd: worst.spentUsd,
		projectedUsd: worst.projectedUsd,
		projectedShare: worst.projectedUsd / worst.limitUsd,
		hourlyRateUsd: rate,
		recommendation: recommend(worst, rate, optimizations, nowMs),
	};
}

/** Reported spend over the last hour: the current hour so far and the part of the previous one still within the hour. */
function hourlyRate(ledger: CostLedger, nowMs: number): number {
	const hourStart = periodStart('hour', nowMs);
	const elapsed = (nowMs - hourStart) / HOUR_MS;
	return ledger.spend('hour', nowMs) + (ledger.spend('hour', hourStart - 1) * (1 - elapsed));
}

function recommend(window: {period: string; limitUsd: number; spentUsd: number; projectedUsd: number; status: AlertLevel}, rate: number, optimizations: readonly CostOptimization[], nowMs: number): string {
	const name = window.period === 'day' ? 'daily' : `${window.period}ly`;
	const [saving] = optimizations;
	const lever = saving === undefined ? 'lower the limit of the dearest work (maxCostUsd, or budgets.economyBelow for economy routing sooner)' : saving.message;
	if (window.status === 'ok') {
		return `On track: ${formatUsd(window.spentUsd)} of the ${name} ${formatUsd(window.limitUsd)} spent, ${formatUsd(window.projectedUsd)} projected at ${formatUsd(rate)} an hour.`;
	}

	if (window.spentUsd >= window.limitUsd) {
		return `The ${name} budget of ${formatUsd(window.limitUsd)} is spent (${formatUsd(window.spentUsd)}). Requests now go to the cheapest model or are refused (budgets.onLimit) until the window rolls over. ${lever}`;
	}

	const runsOutMs = rate > 0 ? nowMs + ((window.limitUsd - window.spentUsd) / rate * HOUR_MS) : Number.POSITIVE_INFINITY;
	const when = Number.isFinite(runsOutMs) ? ` runs out about ${new Date(runsOutMs).toISOString().slice(0, 16).replace('T', ' ')} UTC` : ' is close';
	return `At ${formatUsd(rate)} an hour the ${name} budget of ${formatUsd(window.limitUsd)}${when} (${formatUsd(window.projectedUsd)} projected). ${lever}`;
}
