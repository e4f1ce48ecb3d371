import type {BudgetClient} from '../ops/budget-client.js';
import type {BudgetStatus} from '../ops/budget-status.js';
import type {HealthStatus} from '../ops/provider-health.js';
import type {SlaConfig} from '../ops/sla-config.js';
import type {RegisteredModel} from '../models/registered-model.js';
import type {LoadBalancing} from './load-balancing.js';

/** What operations tell a decision: health, budgets, the SLA, load balancing and fallbacks, as of now. */
export type OperationsView = {
	readonly health: (model: string) => HealthStatus;
	/** Whether a half-open model may take this request as the probe that can close its circuit. */
	readonly mayProbe: (model: string) => boolean;
	/** Share of the health window's calls that succeeded. */
	readonly successRate: (model: string) => number;
	/** The model's latency: the mean reported in the health window, else its `avgLatencyMs`. */
	readonly latencyMs: (model: RegisteredModel) => number | undefined;
	/** Set degraded and half-open models aside while a healthy one is eligible (down ones always are). */
	readonly preferHealthy: boolean;
	/** A degraded model keeps only its success rate's share of the requests it would get. */
	readonly autoScale: boolean;
	readonly budget: BudgetStatus;
	readonly perRequestUsd: number | undefined;
	readonly onLimit: 'cheapest' | 'reject';
	readonly budgetClient: BudgetClient | undefined;
	readonly sla: SlaConfig | undefined;
	/** Reported spend this hour, every process, for the SLA's hourly budget. */
	readonly spentThisHourUsd: number;
	readonly loadBalancing: LoadBalancing | undefined;
	/** The next turn of a round-robin pool, counted per process. */
	readonly nextTurn: (pool: string) => number;
	/** Models to fall back on first, in this order, when eligible. */
	readonly fallbackChain: readonly string[];
	/** Whether the model's rate limit lets a request of `tokens` through now, and if not how long until it does. */
	readonly hasCapacity: (model: string, tokens: number) => boolean;
	readonly capacityWaitMs: (model: string, tokens: number) => number;
	/** Uniform in [0, 1); seeded. */
	readonly random: () => number;
	readonly nowMs: number;
};
