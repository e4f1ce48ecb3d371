import type {OutcomeErrorKind} from '../outcome/outcome.js';
import type {Tier} from '../tiers.js';

/** What an SLA limit can be breached on. */
export const SLA_BREACH_KINDS = ['latency', 'budget', 'quality'] as const;

export type SlaBreachKind = (typeof SLA_BREACH_KINDS)[number];

/** How a budget shaped a decision: not at all, economy (little left), or at its hard limit. */
export type BudgetMode = 'normal' | 'economy' | 'limit';

/** A decision, as operations count it: who, which model, what it was expected to cost, how the SLA and budgets judged it. */
export type RouteEvent = {
	readonly kind: 'route';
	readonly at: string;
	readonly hash: string;
	readonly model: string;
	readonly provider: string;
	readonly tier: Tier;
	readonly user: string | null;
	readonly confidence: number;
	readonly estimatedCostUsd: number;
	/** The estimate on the dearest eligible model: what the request would have cost without routing. */
	readonly baselineCostUsd: number;
	readonly budgetMode: BudgetMode;
	/** Limits breached by the model first chosen, the kinds adjusted for, and whether the final choice meets every limit. */
	readonly breaches: readonly SlaBreachKind[];
	readonly adjusted: readonly SlaBreachKind[];
	readonly compliant: boolean;
};

/**
 * Spend reported for a request: by `logUsage`, or with an outcome (`source: 'outcome'`, which adds the score and,
 * when given, the latency). Cost is as reported, else priced from the reported tokens, else null: never guessed.
 */
export type UsageEvent = {
	readonly kind: 'usage';
	readonly at: string;
	readonly source: 'outcome' | 'log';
	/** The decision it belongs to; null for spend logged without one. */
	readonly hash: string | null;
	readonly model: string;
	readonly provider: string;
	readonly tier: Tier | null;
	readonly user: string | null;
	readonly inputTokens: number | null;
	readonly outputTokens: number | null;
	readonly costUsd: number | null;
	readonly score: number | null;
	readonly latencyMs: number | null;
	/** The error an outcome reported, if any: the provider's health reads it. */
	readonly error: OutcomeErrorKind | null;
};

/** What a call to a provider's model did. */
export const PROVIDER_EVENT_KINDS = ['success', 'error', 'timeout', 'rate_limited'] as const;

export type ProviderEventKind = (typeof PROVIDER_EVENT_KINDS)[number];

export type ProviderEvent = {
	readonly kind: 'provider';
	readonly at: string;
	readonly model: string;
	readonly event: ProviderEventKind;
	readonly latencyMs: number | null;
	/** For `rate_limited`: how long the provider asked to wait. */
	readonly retryAfterMs: number | null;
	readonly details: string | null;
};

/** One fact operations keep: journaled like every record, so that every process's spend and health add up. */
export type OpsEvent = RouteEvent | UsageEvent | ProviderEvent;
