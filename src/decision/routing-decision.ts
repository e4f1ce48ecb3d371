import type {Classification} from '../classifier/classification.js';
import type {Exclusion} from '../selection/eligibility.js';
import type {RouteContext} from '../selection/route-options.js';
import type {Tier} from '../tiers.js';

/** Version of the decision format; stored decisions carry it. */
export const DECISION_SCHEMA_VERSION = 1;

/** The caller's constraints as they were applied to a decision (profile defaults included). */
export type AppliedConstraints = {
	readonly profile?: string;
	readonly minTier?: Tier;
	readonly maxCostUsd?: number;
	readonly maxLatencyMs?: number;
	readonly minQuality?: number;
	readonly capabilities?: readonly string[];
	readonly prefer?: string;
	readonly domain?: string;
	readonly estimateTokens?: readonly [number, number];
	readonly context?: RouteContext;
};

/** An eligible model that was not chosen, with what the request would have cost on it. */
export type Alternative = {
	readonly model: string;
	readonly provider: string;
	readonly estimatedCostUsd: number;
};

/** Service-level status of a decision. Every decision is compliant until SLA limits are configured. */
export type SlaStatus = {
	readonly compliant: boolean;
	readonly breaches: readonly string[];
	readonly adjustments: readonly string[];
};

/** A decision as plain data: what `toJSON()` returns, what is stored, what `tierwise explain` reads. */
export type DecisionJson = {
	readonly schemaVersion: typeof DECISION_SCHEMA_VERSION;
	/** Unique per decision; pass it to `reportOutcome`. */
	readonly hash: string;
	/** SHA-256 of the prompt text (hex). */
	readonly promptHash: string;
	readonly routedAt: string;
	readonly model: string;
	readonly provider: string;
	/** The tier the request was routed as: the classified tier, raised by `minTier` or by a repeated attempt. */
	readonly tier: Tier;
	readonly classifiedTier: Tier;
	/** The classifier's probability for `classifiedTier`. */
	readonly confidence: number;
	readonly estimatedCostUsd: number;
	readonly estimatedTokens: {readonly input: number; readonly output: number};
	/** The other eligible models, best first: what to try if the chosen one fails. */
	readonly fallbackModels: readonly string[];
	readonly alternatives: readonly Alternative[];
	readonly excluded: readonly Exclusion[];
	readonly constraints: AppliedConstraints;
	/** Why this model, in plain sentences. */
	readonly reasoning: readonly string[];
	/** The signals behind the tier, in plain phrases. */
	readonly evidence: readonly string[];
	readonly classification: Classification;
	/** `default` when no model was registered and the built-in catalogue was used. */
	readonly catalogue: 'registered' | 'default';
	readonly user: string | null;
	/** The experiment arm, when the decision took part in one. */
	readonly abVariant: string | null;
	readonly escalated: boolean;
	readonly escalationReason: string | null;
	readonly sla: SlaStatus;
};

/** What {@link AdaptiveRouter.route} returns. */
export type RoutingDecision = DecisionJson & {
	/** The decision as plain data, for logs, storage and `tierwise explain`. */
	toJSON(): DecisionJson;
};

/** Wraps decision data with its `toJSON`. */
export function createDecision(data: DecisionJson): RoutingDecision {
	return {...data, toJSON: () => data};
}
