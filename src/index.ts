export {AdaptiveRouter} from './router.js';
export {TierwiseError, isTierwiseError} from './errors/tierwise-error.js';
export {TIERS} from './tiers.js';
export {DEFAULT_CATALOGUE} from './models/default-catalogue.js';
export {BUILT_IN_PROFILES} from './selection/route-options.js';
export {MemoryStore} from './workspace/memory-store.js';
export {OUTCOME_ERROR_KINDS} from './outcome/outcome.js';
export {parseDecision} from './decision/decision-schema.js';
export {tokenize} from './text/tokenizer.js';
export {QUALITY_TOLERANCE} from './selection/choose-candidate.js';
export {promptHash} from './text/prompt-hash.js';
export {EXPERIMENT_STRATEGIES} from './experiments/experiment-config.js';

export type {AdaptiveRouterOptions} from './router-options.js';
export type {TierwiseErrorCode, TierwiseErrorOptions} from './errors/tierwise-error.js';
export type {Tier} from './tiers.js';
export type {ModelConfig, PricingUpdate} from './models/model-config.js';
export type {ModelCatalogue} from './models/default-catalogue.js';
export type {RouteOptions, RouteContext} from './selection/route-options.js';
export type {Exclusion, ExclusionReason} from './selection/eligibility.js';
export type {
	RoutingDecision,
	DecisionJson,
	DecisionRecord,
	SelectionNotes,
	AppliedConstraints,
	Alternative,
	SlaStatus,
	DecisionPrediction,
	DecisionExperiment,
	DecisionFloor,
} from './decision/routing-decision.js';
export type {ExperimentConfig, ExperimentInput, ExperimentStrategy, ExperimentArm, NamedStrategy, StrategyOptions} from './experiments/experiment-config.js';
export type {ExperimentResults, ArmResult, ArmComparison, ExperimentResultOptions} from './experiments/experiment-results.js';
export type {DecisionExplanation} from './decision/explain.js';
export type {Classification, PromptSignals, WeightedTerm} from './classifier/classification.js';
export type {SimilarExample} from './classifier/tier-classifier.js';
export type {OutcomeDetails, OutcomeErrorKind, OutcomeReceipt, OutcomeRecord} from './outcome/outcome.js';
export type {WorkspaceStore} from './workspace/workspace-store.js';
export type {WorkspaceRecord} from './workspace/workspace-record.js';
export type {MemoryStoreOptions} from './workspace/memory-store.js';
export type {WorkspaceWarning} from './workspace/workspace-warning.js';
export type {StateSink} from './workspace/workspace-store.js';
export type {RouterStats, LearnReport} from './router.js';
export type {ModelPerformance, TierPerformance} from './learning/quality-tracker.js';
export type {HistoryRecord} from './learning/history-record.js';
export type {EscalationStrategy} from './selection/escalation-policy.js';
export type {CompactionReport} from './workspace/file/compaction.js';
export type {OnCorrupt} from './workspace/file/read-workspace.js';
