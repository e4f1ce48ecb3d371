import type {RoutingDecision} from '../decision/routing-decision.js';
import type {OutcomeDetails, OutcomeReceipt} from '../outcome/outcome.js';
import type {ProviderEventKind} from '../ops/ops-event.js';
import type {ProviderEventDetails, UsageDetails, UsageReceipt} from '../ops/usage-details.js';
import type {RouteOptions} from '../selection/route-options.js';
import type {ResponseUsage} from './response-reading.js';

/** What execute(), cascade() and ensemble() need of the router. */
export type ExecutionHost = {
	route(prompt: string, options: RouteOptions | undefined): RoutingDecision;
	/** Records a decision for another eligible model in place of `decision`; undefined when it was not eligible. */
	derive(decision: RoutingDecision, model: string, reason: 'failover' | 'cascade' | 'ensemble'): RoutingDecision | undefined;
	/** Whether the budgets (a spent window under `onLimit: 'reject'`) stop another attempt for `user` now. */
	budgetSpent(user: string | null): boolean;
	/** Whether the model's rate limit has room for a request of `tokens` now. */
	hasCapacity(model: string, tokens: number): boolean;
	/** The model's context window, when it has one. */
	contextWindow(model: string): number | undefined;
	/** What the tokens cost on the model, by its prices. */
	priceUsd(model: string, usage: ResponseUsage): number | null;
	reportOutcome(hash: string, score: number, details: OutcomeDetails): Promise<OutcomeReceipt>;
	logUsage(hash: string, usage: UsageDetails): Promise<UsageReceipt>;
	recordProviderEvent(model: string, event: ProviderEventKind, details: ProviderEventDetails): Promise<void>;
	readonly clock: () => number;
	/** Seeded: retries' jitter. */
	readonly random: () => number;
};
