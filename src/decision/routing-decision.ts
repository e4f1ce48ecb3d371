import type {Classification} from '../classifier/classification.js';
import type {PromptTerms} from '../learning/observation.js';
import type {TierFloor} from '../learning/tier-floors.js';
import type {Exclusion} from '../selection/eligibility.js';
import type {RouteContext} from '../selection/route-options.js';
import type {BudgetStatus} from '../ops/budget-status.js';
import type {HealthStatus} from '../ops/provider-health.js';
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
	readonly costWeight?: number;
	readonly capabilities?: readonly string[];
	readonly prefer?: string;
	readonly domain?: string;
	readonly estimateTokens?: readonly [number, number];
	readonly context?: RouteContext;
	readonly fallbackChain?: readonly string[];
};

/** An eligible model that was not chosen, with what the request would have cost on it. */
export type Alternative = {
	readonly model: string;
	readonly provider: string;
	readonly estimatedCostUsd: number;
	/** Absent on decisions stored before predictions existed. */
	readonly predictedQuality?: number;
};

/** What the chosen model was predicted to do, and the rule that chose it. */
export type DecisionPrediction = {
	/** Predicted quality of the chosen model on this prompt, 0 to 1. */
	readonly quality: number;
	/** Decayed outcomes of the chosen model on this tier behind the prediction. */
	readonly outcomes: number;
	/** Similar past prompts the chosen model answered that the prediction used. */
	readonly neighbours: number;
	/** What the prompt's length and signals added to the prediction against its tier's average prompt (0 in decisions stored before it was kept). */
	readonly featureAdjustment: number;
	/** `bar`: the cheapest model clearing a quality bar; `cost_weight`: quality minus weighted cost; `fastest`; `cheapest` (budgets in economy). */
	readonly rule: 'bar' | 'cost_weight' | 'fastest' | 'cheapest';
	readonly bar: number | null;
	readonly costWeight: number | null;
	/** False when no candidate's predicted quality reached the bar, so the best predicted was chosen. */
	readonly clearedBar: boolean;
	/**
	 * With the default bar (the best prediction less the tier's tolerance), the tolerance used and how the tier's
	 * floor has moved it; null for other rules and for decisions stored before floors existed.
	 */
	readonly floor: DecisionFloor | null;
};

/** A tier's tolerance as a decision used it: raised when its chosen models keep failing, relaxed when they nearly always succeed. */
export type DecisionFloor = Omit<TierFloor, 'tier'>;

/** The experiment a decision took part in, and the arm it was routed by. */
export type DecisionExperiment = {
	readonly name: string;
	readonly arm: 'A' | 'B';
	/** The arm's strategy in a few words. */
	readonly strategy: string;
};

/**
 * Service-level status of a decision: the limits the first choice breached (`latency`, `budget`, `quality`), the
 * switches made for them (with `autoEscalateOnBreach`), and whether the final choice meets every limit. Every
 * decision is compliant until an SLA is configured.
 */
export type SlaStatus = {
	readonly compliant: boolean;
	readonly breaches: readonly string[];
	readonly adjustments: readonly string[];
	/** The breaches the adjustments put right. */
	readonly adjustedFor: readonly string[];
};

/** How budgets, health and load balancing shaped a decision. */
export type DecisionOperations = {
	/** The budgets' verdict: the tightest window, its limit and spend, and the mode it put routing in. */
	readonly budget: BudgetStatus & {
		/** Why a budget client refused the first choice, when it did. */
		readonly deniedBy: string | null;
	};
	/** The chosen model's health when it was chosen. */
	readonly health: HealthStatus;
	/** The equivalent models the request was balanced among, and how; null without load balancing. */
	readonly loadBalanced: {readonly strategy: string; readonly pool: readonly string[]} | null;
	/** With autoScale: the degraded model the request was moved away from. */
	readonly scaledFrom: string | null;
	/** The estimate on the dearest eligible model: what the request would have cost without routing. */
	readonly baselineCostUsd: number;
};

/** How selection narrowed the eligible models; kept so that the reasoning can be written again from the record. */
export type SelectionNotes = {
	/** None of the remaining models suited the tier, so one meant for harder prompts was chosen. */
	readonly steppedUp: boolean;
	/** Specialists of the requested domain were eligible, and generalists were set aside. */
	readonly specialistsOnly: boolean;
	/** Whether `prefer` was given and had an eligible model (`applied`) or had none (`ignored`). */
	readonly preference: 'applied' | 'ignored' | 'none';
};

/**
 * A decision as it is stored: everything but the prose, which is derived from it. Enough for reportOutcome and
 * for an explanation, in any process.
 */
export type DecisionRecord = {
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
	readonly selection: SelectionNotes;
	readonly classification: Classification;
	/** `default` when no model was registered and the built-in catalogue was used. */
	readonly catalogue: 'registered' | 'default';
	readonly user: string | null;
	/** The experiment arm (`A` or `B`), when the decision took part in an experiment. */
	readonly abVariant: string | null;
	/** The experiment and arm; null outside experiments (and on decisions stored before experiments existed). */
	readonly experiment: DecisionExperiment | null;
	readonly escalated: boolean;
	readonly escalationReason: string | null;
	/** The classifier's confidence when the low-confidence gate fired, else null. */
	readonly originalConfidence: number | null;
	/** Whether exploration chose this model instead of the best-ranked one (see `abTestRate`). */
	readonly explored: boolean;
	/** Null on decisions stored before predictions existed. */
	readonly prediction: DecisionPrediction | null;
	/** The prompt's heaviest terms with their counts: what the outcome teaches the similar-prompt memory. */
	readonly promptTerms: PromptTerms;
	readonly sla: SlaStatus;
	/** Null on decisions stored before operations existed. */
	readonly operations: DecisionOperations | null;
	/**
	 * For a decision made in place of another by `execute`, `cascade` or `ensemble`: that decision's hash and why
	 * (`failover`: the other model failed; `cascade`: its answer was weak; `ensemble`: one of several models asked).
	 * Null otherwise.
	 */
	readonly derivedFrom: {readonly hash: string; readonly reason: 'failover' | 'cascade' | 'ensemble'} | null;
};

/** A decision as plain data with its prose: what `toJSON()` returns and `tierwise route --json` prints. */
export type DecisionJson = DecisionRecord & {
	/** Why this model, in plain sentences. */
	readonly reasoning: readonly string[];
	/** The signals behind the tier, in plain phrases. */
	readonly evidence: readonly string[];
};

/**
 * What {@link AdaptiveRouter.route} returns. `reasoning` and `evidence` are written on first read (most
 * callers never read them, and route() is on every request's path); `toJSON()` gives the whole decision as
 * plain data, prose included. An object spread copies the record's fields only.
 */
export type RoutingDecision = DecisionJson & {
	toJSON(): DecisionJson;
};
