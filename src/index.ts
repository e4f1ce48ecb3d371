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
export {AllModelsFailedError} from './errors/all-models-failed-error.js';
export {createChatClient} from './execution/chat-client.js';
export {checkResponse} from './execution/response-check.js';
export {classifyFailure} from './execution/call-failure.js';
export {costReportCsv} from './ops/cost-report.js';

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
	DecisionOperations,
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
export type {BudgetConfig, BudgetLimits} from './ops/budget-config.js';
export type {BudgetClient, BudgetRequest, BudgetVerdict, SpendReport} from './ops/budget-client.js';
export type {AuditClient, AuditTransaction} from './ops/audit-client.js';
export type {ModelSource} from './ops/model-source.js';
export type {SlaConfig} from './ops/sla-config.js';
export type {HealthOptions, HealthStatus, ModelHealth} from './ops/provider-health.js';
export type {RateLimit} from './ops/rate-limits.js';
export type {LoadBalancing} from './selection/load-balancing.js';
export type {BudgetStatus, BudgetWindow} from './ops/budget-status.js';
export type {OpsEvent, RouteEvent, UsageEvent, ProviderEvent, ProviderEventKind, SlaBreachKind, BudgetMode} from './ops/ops-event.js';
export type {UsageDetails, UsageReceipt, ProviderEventDetails} from './ops/usage-details.js';
export type {CostReport, CostReportOptions, CostReportRow, ReportGroup} from './ops/cost-report.js';
export type {Period} from './ops/time-periods.js';
export type {SavingsEstimate} from './ops/savings-estimate.js';
export type {UsageAnalytics, CountShare} from './ops/usage-analytics.js';
export type {CostForecast, ForecastInput} from './ops/cost-forecast.js';
export type {CostOptimization} from './ops/cost-optimizations.js';
export type {SlaReport} from './ops/sla-report.js';
export type {BudgetAlert, AlertLevel} from './ops/budget-alert.js';
export type {AuditEntry, AuditDecision, AuditOutcome, AuditQuery} from './ops/audit-trail.js';
export type {CallFunction, CallRequest, ExecuteOptions, ExecuteResult} from './execution/execute.js';
export type {ExecutionAttempt} from './execution/execution-attempt.js';
export type {CallFailure, FailureKind} from './execution/call-failure.js';
export type {CascadeOptions, CascadeResult, CascadeStep} from './execution/cascade.js';
export type {EnsembleOptions, EnsembleResult, EnsembleMember} from './execution/ensemble.js';
export type {ChatClientOptions, ChatCompletionsClient, RoutedResponse} from './execution/chat-client.js';
export type {ResponseCheck} from './execution/response-check.js';
export type {ResponseUsage} from './execution/response-reading.js';
