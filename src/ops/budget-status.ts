import type {BudgetConfig} from './budget-config.js';
import type {CostLedger} from './cost-ledger.js';
import type {BudgetMode} from './ops-event.js';

/** A budget window: a period, for everyone or for the request's user. */
export type BudgetWindow = {
	readonly period: 'hour' | 'day' | 'month';
	readonly scope: 'all' | 'user';
};

/** How the budgets stand for one request: the tightest window, and the mode it puts routing in. */
export type BudgetStatus = {
	readonly mode: BudgetMode;
	/** The window with the least left; null when no window limit is set. */
	readonly window: BudgetWindow | null;
	readonly limitUsd: number | null;
	readonly spentUsd: number | null;
	/** Share of the window's limit left, 0 to 1. */
	readonly remainingShare: number | null;
};

export const DEFAULT_ECONOMY_BELOW = 0.2;

/** The status of a request no window limits: most requests, shared. */
const unlimited: BudgetStatus = Object.freeze({mode: 'normal', window: null, limitUsd: null, spentUsd: null, remainingShare: null});

const windows = [
	{period: 'hour', scope: 'all', limit: (config: BudgetConfig) => config.hourlyUsd},
	{period: 'day', scope: 'all', limit: (config: BudgetConfig) => config.dailyUsd},
	{period: 'month', scope: 'all', limit: (config: BudgetConfig) => config.monthlyUsd},
	{period: 'hour', scope: 'user', limit: (config: BudgetConfig) => config.perUser?.hourlyUsd},
	{period: 'day', scope: 'user', limit: (config: BudgetConfig) => config.perUser?.dailyUsd},
	{period: 'month', scope: 'user', limit: (config: BudgetConfig) => config.perUser?.monthlyUsd},
] as const;

/**
 * The budgets' verdict at `nowMs` for a request of `user`: `limit` when a window's spend has reached its limit,
 * `economy` when one has less than `economyBelow` of it left, else `normal`. Per-user limits apply to requests
 * that name a user.
 */
export function budgetStatus(config: BudgetConfig | undefined, ledger: CostLedger, user: string | null, nowMs: number): BudgetStatus {
	if (config === undefined) {
		return unlimited;
	}

	let tightest: {window: BudgetWindow; limitUsd: number; spentUsd: number; share: number} | undefined;
	for (const window of windows) {
		const limitUsd = window.limit(config);
		if (limitUsd === undefined || (window.scope === 'user' && user === null)) {
			continue;
		}

		const spentUsd = ledger.spend(window.period, nowMs, window.scope === 'user' ? user : null);
		const share = Math.max(0, (limitUsd - spentUsd) / limitUsd);
		if (tightest === undefined || share < tightest.share) {
			tightest = {window: {period: window.period, scope: window.scope}, limitUsd, spentUsd, share};
		}
	}

	if (tightest === undefined) {
		return unlimited;
	}

	const economyBelow = config.economyBelow ?? DEFAULT_ECONOMY_BELOW;
	const mode = tightest.share <= 0 ? 'limit' : (tightest.share < economyBelow ? 'economy' : 'normal');
	return {mode, window: tightest.window, limitUsd: tightest.limitUsd, spentUsd: tightest.spentUsd, remainingShare: tightest.share};
}
