import {Buffer} from 'node:buffer';
import seedrandom from 'seedrandom';
import {defaultClassifier} from './classifier/default-classifier.js';
import type {TierClassifier} from './classifier/tier-classifier.js';
import {decide, type Exploration} from './decision/decide.js';
import {historyRecordSchema, historyResults, type HistoryRecord} from './learning/history-record.js';
import type {ModelResult, PromptTerms} from './learning/observation.js';
import type {LearningOptions} from './learning/learning-state.js';
import type {ModelPerformance} from './learning/quality-tracker.js';
import type {EscalationPolicy} from './selection/escalation-policy.js';
import {BoundedMap} from './util/bounded-map.js';
import {explainDecision, renderExplanation, type DecisionExplanation} from './decision/explain.js';
import {createDecision} from './decision/create-decision.js';
import type {DecisionRecord, RoutingDecision} from './decision/routing-decision.js';
import {describeValue} from './errors/describe-value.js';
import {applyStrategy} from './experiments/apply-strategy.js';
import {experimentInputSchema, type ExperimentConfig, type ExperimentInput} from './experiments/experiment-config.js';
import {assignExperiment} from './experiments/experiment-assignment.js';
import {experimentResults, type ExperimentResultOptions, type ExperimentResults} from './experiments/experiment-results.js';
import {TierwiseError} from './errors/tierwise-error.js';
import {describeZodIssues} from './errors/zod-issues.js';
import {catalogueRegistry} from './models/catalogue-registry.js';
import {DEFAULT_CATALOGUE} from './models/default-catalogue.js';
import type {ModelConfig, PricingUpdate} from './models/model-config.js';
import {parseModelConfig, type ModelRegistry} from './models/model-registry.js';
import {repriceModel} from './models/reprice-model.js';
import type {RegisteredModel} from './models/registered-model.js';
import {outcomeLesson} from './learning/outcome-lesson.js';
import {Operations, routeEventOf} from './ops/operations.js';
import {PROVIDER_EVENT_KINDS, type ProviderEventKind, type UsageEvent} from './ops/ops-event.js';
import type {ModelHealth} from './ops/provider-health.js';
import {budgetAlert, type BudgetAlert} from './ops/budget-alert.js';
import {checkForecastInput, forecastCost, type CostForecast, type ForecastInput} from './ops/cost-forecast.js';
import {costOptimizations, type CostOptimization} from './ops/cost-optimizations.js';
import {checkReportOptions, costReport, type CostReport, type CostReportOptions} from './ops/cost-report.js';
import {savingsEstimate, type SavingsEstimate} from './ops/savings-estimate.js';
import {slaReport, type SlaReport} from './ops/sla-report.js';
import {usageAnalytics, type UsageAnalytics} from './ops/usage-analytics.js';
import {checkAuditQuery, gatherAudit, type AuditEntry, type AuditQuery, type FoundEntry} from './ops/audit-trail.js';
import type {BudgetConfig} from './ops/budget-config.js';
import type {SlaConfig} from './ops/sla-config.js';
import {deriveDecision} from './decision/derive-decision.js';
import {execute, type CallFunction, type ExecuteOptions, type ExecuteResult} from './execution/execute.js';
import type {ExecutionHost} from './execution/execution-host.js';
import {cascade, type CascadeOptions, type CascadeResult} from './execution/cascade.js';
import {ensemble, type EnsembleOptions, type EnsembleResult} from './execution/ensemble.js';
import {usageDetailsSchema, providerEventDetailsSchema, type ProviderEventDetails, type UsageDetails, type UsageReceipt} from './ops/usage-details.js';
import {isPlainOutcomeDetails, outcomeDetailsSchema, outcomeRecordOf, scoreSchema, type OutcomeDetails, type OutcomeReceipt} from './outcome/outcome.js';
import {
	checkRouterOptions,
	DEFAULT_DECISION_RETENTION_MS,
	DEFAULT_MAX_DECISIONS,
	DEFAULT_AB_TEST_RATE,
	DEFAULT_MAX_PROMPT_BYTES,
	type AdaptiveRouterOptions,
} from './router-options.js';
import {applyProfile, BUILT_IN_PROFILES, routeOptionsSchema, type RouteOptions} from './selection/route-options.js';
import {plainRouteOptions} from './selection/route-options-check.js';
import {estimateCostUsd} from './selection/token-estimate.js';
import {promptHash} from './text/prompt-hash.js';
import {isTier, TIERS, type Tier} from './tiers.js';
import {parseDecision} from './decision/decision-schema.js';
import type {CompactionReport} from './workspace/file/compaction.js';
import {FileStore} from './workspace/file/file-store.js';
import {MemoryStore} from './workspace/memory-store.js';
import type {WorkspaceWarning} from './workspace/workspace-warning.js';
import {isoTime} from './util/iso-time.js';
import {randomId} from './util/random-id.js';
import {withoutUndefined} from './util/without-undefined.js';
import {summarizeRecord} from './workspace/record-summary.js';
import {RouterState} from './workspace/router-state.js';
import type {DecisionStub} from './workspace/decision-index.js';
import type {WorkspaceRecord} from './workspace/workspace-record.js';
import type {WorkspaceStore} from './workspace/workspace-store.js';
import {qualityFeatures} from './learning/quality-features.js';

const notBlank = /\S/u;

/** What {@link AdaptiveRouter.stats} reports. */
export type RouterStats = {
	/** The workspace directory, or `memory`. */
	readonly store: string;
	readonly decisions: number;
	readonly outcomes: number;
	readonly models: number;
	/** Observations learned from: reported outcomes and lines of history, across every process. */
	readonly observations: number;
};

/** What {@link AdaptiveRouter.learn} did. */
export type LearnReport = {
	/** Records learned from. */
	readonly records: number;
	/** Model results among them. */
	readonly results: number;
};

/** What a process keeps of its own recent decisions, so that their outcomes teach without reading the store. */
type RecentDecision = {
	readonly provider: string;
	readonly user: string | null;
	readonly terms: PromptTerms;
	readonly inputTokens: number;
	/** The prompt's quality features; undefined when the decision's record was not found. */
	readonly features: readonly number[] | undefined;
	readonly outputTokens: number;
	readonly estimatedCostUsd: number;
	readonly explored: boolean;
	readonly experiment: {readonly name: string; readonly arm: 'A' | 'B'} | null;
};

const recentDecisionCount = 2048;

function learningOptionsOf(options: AdaptiveRouterOptions): LearningOptions {
	return {
		...(options.learningHalfLifeMs === undefined ? {} : {halfLifeMs: options.learningHalfLifeMs}),
		...(options.memoryCapacity === undefined ? {} : {memoryCapacity: options.memoryCapacity}),
		...(options.memorySearchBudget === undefined ? {} : {memorySearchBudget: options.memorySearchBudget}),
	};
}

function recentDecisionOf(record: DecisionRecord): RecentDecision {
	return {
		provider: record.provider,
		user: record.user,
		terms: record.promptTerms,
		inputTokens: record.estimatedTokens.input,
		features: qualityFeatures(record.classification, record.estimatedTokens.input),
		outputTokens: record.estimatedTokens.output,
		estimatedCostUsd: record.estimatedCostUsd,
		explored: record.explored,
		experiment: record.experiment === null ? null : {name: record.experiment.name, arm: record.experiment.arm},
	};
}

function emitWorkspaceWarning(warning: WorkspaceWarning): void {
	process.emitWarning(warning.message, {type: 'TierwiseWarning', code: `TIERWISE_${warning.code.toUpperCase()}`});
}

/**
 * Routes each prompt to the cheapest model suited to it and records what it decided. Open one with
 * {@link AdaptiveRouter.open}; route synchronously; report outcomes; close to flush.
 *
 * @example
 * const router = await AdaptiveRouter.open();
 * const decision = router.route('Summarise this clause ...', {maxCostUsd: 0.01});
 * // ... call decision.model with your own client ...
 * await router.reportOutcome(decision.hash, 0.9, {latencyMs: 840, outputTokens: 212});
 * console.log(router.explain(decision));
 * await router.close();
 */
export class AdaptiveRouter {
	readonly #store: WorkspaceStore;
	readonly #state: RouterState;
	readonly #classifier: TierClassifier;
	readonly #profiles = new Map<string, RouteOptions>(Object.entries(BUILT_IN_PROFILES));
	readonly #clock: () => number;
	readonly #maxPromptBytes: number;
	readonly #exploration: Exploration;
	readonly #escalation: EscalationPolicy | undefined;
	readonly #recent = new BoundedMap<string, RecentDecision>(recentDecisionCount);
	readonly #operations: Operations;
	readonly #modelSource: AdaptiveRouterOptions['modelSource'];
	readonly #budgets: BudgetConfig | undefined;
	readonly #sla: SlaConfig | undefined;
	#closed = false;

	private constructor(store: WorkspaceStore, state: RouterState, options: AdaptiveRouterOptions) {
		this.#store = store;
		this.#state = state;
		this.#classifier = defaultClassifier();
		this.#clock = options.clock ?? Date.now;
		this.#maxPromptBytes = options.maxPromptBytes ?? DEFAULT_MAX_PROMPT_BYTES;
		const random = options.seed === undefined ? seedrandom() : seedrandom(options.seed);
		this.#exploration = {rate: options.abTestRate ?? DEFAULT_AB_TEST_RATE, random: () => random.quick()};
		this.#modelSource = options.modelSource;
		// Checked by checkRouterOptions before the store opened.
		this.#budgets = options.budgets;
		this.#sla = options.sla;
		this.#operations = new Operations({
			budgets: this.#budgets,
			budgetClient: options.budgetClient,
			auditClient: options.auditClient,
			sla: this.#sla,
			preferHealthy: options.preferHealthy,
			autoScale: options.autoScale,
			fallbackChain: options.fallbackChain,
			loadBalancing: options.loadBalancing,
			rateLimits: options.rateLimits,
			seed: options.seed,
			onWarning: options.onWarning ?? emitWorkspaceWarning,
		});
		this.#escalation = options.lowConfidenceThreshold === undefined
			? undefined
			: {
				lowConfidenceThreshold: options.lowConfidenceThreshold,
				...(options.escalationModel === undefined ? {} : {escalationModel: options.escalationModel}),
				...(options.escalationStrategy === undefined ? {} : {strategy: options.escalationStrategy}),
			};
	}

	/**
	 * Opens a router: loads what its store holds, then registers `models` and defines `profiles`. Without a
	 * store, everything lives in memory.
	 */
	static async open(options: AdaptiveRouterOptions = {}): Promise<AdaptiveRouter> {
		checkRouterOptions(options);
		const clock = options.clock ?? Date.now;
		const maxDecisions = options.maxDecisions ?? DEFAULT_MAX_DECISIONS;
		// A store of the router's own, which no other router can open: it keeps what lookupDecision and audit read,
		// not the learning and the ledger a router opened on it later would rebuild.
		let store = options.store ?? new MemoryStore({maxObservations: 0, keepOps: false});
		let retentionMs = options.decisionRetentionMs ?? DEFAULT_DECISION_RETENTION_MS;
		if (options.workspace !== undefined) {
			const fileStore = await FileStore.open(options.workspace, {
				maxDecisions,
				clock,
				onWarning: options.onWarning ?? emitWorkspaceWarning,
				...(options.onCorrupt === undefined ? {} : {onCorrupt: options.onCorrupt}),
				...(options.readOnly === undefined ? {} : {readOnly: options.readOnly}),
				...(options.refreshIntervalMs === undefined ? {} : {refreshIntervalMs: options.refreshIntervalMs}),
				learningOptions: learningOptionsOf(options),
				...(options.health === undefined ? {} : {healthOptions: options.health}),
				createWith: {decisionRetentionMs: retentionMs},
			});
			store = fileStore;
			retentionMs = fileStore.workspaceOptions.decisionRetentionMs;
		}

		const state = new RouterState(maxDecisions, retentionMs, learningOptionsOf(options), options.health);
		await store.load(state);
		const router = new AdaptiveRouter(store, state, options);
		for (const model of options.models ?? []) {
			const name = (model as {name?: unknown}).name;
			if (typeof name !== 'string' || state.registry.get(name) === undefined) {
				router.registerModel(model);
			}
		}

		for (const [name, profile] of Object.entries(options.profiles ?? {})) {
			router.defineProfile(name, profile);
		}

		if (options.modelSource !== undefined) {
			await router.syncModels();
		}

		return router;
	}

	/** Adds a model. Throws `invalid_model` for a bad config and `duplicate_model` for a name already taken. */
	registerModel(config: ModelConfig): void {
		this.#assertOpen();
		const parsed = parseModelConfig(config);
		if (this.#state.registry.get(parsed.name) !== undefined) {
			throw new TierwiseError('duplicate_model', `A model named \`${parsed.name}\` is already registered. Use updatePricing() to change its prices, or unregisterModel() first to replace it.`, {details: {model: parsed.name}});
		}

		this.#record({type: 'model', model: parsed});
	}

	/** Removes a model; returns whether it was registered. */
	unregisterModel(name: string): boolean {
		this.#assertOpen();
		if (this.#state.registry.get(name) === undefined) {
			return false;
		}

		this.#record({type: 'model_removed', name});
		return true;
	}

	/** Sets new prices (USD per 1K tokens) for a registered model. Throws `unknown_model` or `invalid_input`. */
	updatePricing(name: string, prices: PricingUpdate): void {
		this.#assertOpen();
		const current = this.#state.registry.get(name);
		if (current === undefined) {
			throw new TierwiseError('unknown_model', `No model named \`${name}\` is registered. Register it with registerModel() first.`, {details: {model: name}});
		}

		this.#record({type: 'model', model: repriceModel(current.config, prices)});
	}

	/** The registered models' configs, in registration order; empty while the default catalogue is in use. */
	models(): ModelConfig[] {
		return this.#state.registry.list().map(model => model.config);
	}

	/** Adds or replaces a named profile: defaults for route options, chosen with `{profile: name}`. */
	defineProfile(name: string, options: RouteOptions): void {
		const given: unknown = name;
		if (typeof given !== 'string' || given.length === 0) {
			throw new TierwiseError('invalid_input', `Expected a profile name to be a non-empty string, got ${describeValue(name)}.`);
		}

		const {profile, ...defaults} = this.#parseRouteOptions(options, `profile ${name}`);
		if (profile !== undefined) {
			throw new TierwiseError('invalid_input', `A profile cannot name another profile (\`${name}\` names \`${profile}\`). Copy its options instead.`);
		}

		this.#profiles.set(name, defaults);
	}

	/**
	 * Picks the model for a prompt. Synchronous: classify, keep the eligible models, rank them, record the
	 * decision. Throws `invalid_input`, `prompt_too_large`, `unknown_profile` or `no_eligible_model`.
	 */
	route(prompt: string, options?: RouteOptions): RoutingDecision {
		this.#assertOpen();
		this.#checkPrompt(prompt);
		const resolved = this.#resolveOptions(options);
		const registered = this.#state.registry;
		const usesCatalogue = registered.size === 0;
		const learning = this.#state.learning;
		const {classification, terms} = this.#classifier.analyze(prompt, learning.centroids);
		const digest = promptHash(prompt);
		const nowMs = this.#clock();
		const assignment = resolved.experiment === undefined
			? undefined
			: assignExperiment(this.#state.experiments, resolved.experiment, resolved.subject ?? resolved.user ?? digest);
		const record = decide({
			classification,
			terms,
			options: assignment === undefined ? resolved : applyStrategy(resolved, assignment.strategy, classification.tier),
			experiment: assignment?.experiment ?? null,
			models: (usesCatalogue ? catalogueRegistry() : registered).list(),
			learned: learning,
			exploration: this.#exploration,
			escalation: this.#escalation,
			operations: this.#operations.view(this.#state.ops, resolved.user ?? null, nowMs, resolved.fallbackChain),
			defaultCatalogueReadOn: usesCatalogue ? DEFAULT_CATALOGUE.pricesReadOn : null,
			hash: randomId(),
			promptHash: digest,
			routedAt: isoTime(nowMs),
		});
		this.#record({type: 'decision', decision: record});
		this.#record({type: 'ops', event: routeEventOf(record)});
		this.#recent.set(record.hash, recentDecisionOf(record));
		this.#operations.decided(record, nowMs);
		return createDecision(record);
	}

	/** A decision's explanation as data: reasons, signals, nearest seed prompts, alternatives, constraints. */
	explainJson(decision: DecisionRecord): DecisionExplanation {
		const given: unknown = decision;
		if (typeof given !== 'object' || given === null || typeof (given as {hash?: unknown}).hash !== 'string') {
			throw new TierwiseError('invalid_input', `Expected a decision returned by route(), got ${describeValue(decision)}.`);
		}

		return explainDecision(decision, {classifier: this.#classifier, registry: this.#modelsFor(decision)});
	}

	/** A decision explained in plain English: model and confidence, tier and why, cost, alternatives, constraints. */
	explain(decision: DecisionRecord): string {
		return renderExplanation(this.explainJson(decision));
	}

	/**
	 * Records the quality (0 to 1) of the answer to a decision; resolves once the outcome is kept. The first
	 * outcome of a decision counts; later ones resolve with `recorded: false`. Throws `unknown_decision` for a
	 * hash never routed here or past its retention, `invalid_input` for a bad score or details.
	 */
	async reportOutcome(hash: string, score: number, details: OutcomeDetails = {}): Promise<OutcomeReceipt> {
		this.#assertOpen();
		const given: unknown = hash;
		if (typeof given !== 'string' || given.length === 0) {
			throw new TierwiseError('invalid_input', `Expected \`hash\` to be the hash of a decision, got ${describeValue(hash)}.`);
		}

		// Valid input, the common case, is checked by hand; the schemas say what is wrong with the rest.
		if (typeof score !== 'number' || !(score >= 0 && score <= 1)) {
			const parsedScore = scoreSchema.safeParse(score, {reportInput: true});
			throw new TierwiseError('invalid_input', parsedScore.success ? 'Expected `score` to be a quality score from 0 to 1.' : `${describeZodIssues(parsedScore.error, 'score')}.`, {cause: parsedScore.error});
		}

		if (!isPlainOutcomeDetails(details)) {
			const parsedDetails = outcomeDetailsSchema.safeParse(details, {reportInput: true});
			throw new TierwiseError('invalid_input', parsedDetails.success ? 'Expected `details` to be a plain object of outcome details.' : `${describeZodIssues(parsedDetails.error, 'details')}.`, {cause: parsedDetails.error});
		}

		const decision = await this.#knownDecision(hash);
		const now = this.#clock();
		if (decision.hasOutcome) {
			return {hash, recorded: false};
		}

		const reportedAt = isoTime(now);
		const outcome = outcomeRecordOf(details, hash, score, reportedAt);
		const prompt = this.#recent.get(hash) ?? await this.#promptOf(hash);
		// Another report of the same decision may have been recorded while the prompt was read.
		if (this.#state.decision(hash, now)?.hasOutcome === true) {
			return {hash, recorded: false};
		}

		this.#record({type: 'outcome', outcome});
		const result = this.#modelResult(decision.model, prompt.inputTokens, {
			score: outcome.score,
			success: outcome.success ?? (outcome.error === undefined && outcome.score >= 0.5),
			outputTokens: outcome.outputTokens,
			costUsd: outcome.costUsd,
		});
		const costUsd = this.#reportedCost(decision.model, outcome, prompt);
		// An experiment arm counts every outcome's cost: the decision's estimate when none was reported.
		const experiment = prompt.experiment === null ? undefined : {...prompt.experiment, costUsd: costUsd ?? prompt.estimatedCostUsd};
		const lesson = outcomeLesson(decision.tier, outcome.score, prompt.explored);
		this.#record({type: 'observation', observation: {
			tier: decision.tier,
			terms: prompt.terms,
			inputTokens: prompt.inputTokens,
			...(prompt.features === undefined ? {} : {features: prompt.features}),
			observedAt: reportedAt,
			results: [result],
			...(experiment === undefined ? {} : {experiment}),
			...(lesson === undefined ? {} : {lesson}),
			...(prompt.explored ? {} : {chosen: true}),
		}});
		this.#recordUsage({
			kind: 'usage',
			at: reportedAt,
			source: 'outcome',
			hash,
			model: decision.model,
			provider: prompt.provider,
			tier: decision.tier,
			user: prompt.user,
			inputTokens: outcome.inputTokens ?? null,
			outputTokens: outcome.outputTokens ?? null,
			costUsd,
			score: outcome.score,
			latencyMs: outcome.latencyMs ?? null,
			error: outcome.error ?? null,
		});
		await this.#store.flush();
		return {hash, recorded: true};
	}

	/**
	 * Routes `prompt` and calls the chosen model with your own `call({model, prompt, signal})`, walking the
	 * fallbacks when it fails: a rate limit moves to the next model at once; a transient failure or a timeout
	 * (`timeoutMs` an attempt, through the signal) is retried with exponential backoff and jitter, honouring
	 * retry-after; a permanent failure moves on; an overflowing context window moves to a model with a larger one.
	 * Every attempt is recorded as a provider event, the answer's usage and latency as the outcome of the decision
	 * it was made under (a failover makes a decision of its own), with `score`'s verdict when given. Throws
	 * `AllModelsFailedError` (code `all_models_failed`) listing every attempt when none succeeds.
	 *
	 * @example
	 * const {result, decision} = await router.execute(prompt, ({model, signal}) =>
	 * 	openai.chat.completions.create({model, messages: [{role: 'user', content: prompt}]}, {signal}));
	 */
	async execute<T>(prompt: string, call: CallFunction<T>, options?: ExecuteOptions<T>): Promise<ExecuteResult<T>> {
		this.#assertOpen();
		if (typeof call !== 'function') {
			throw new TierwiseError('invalid_input', `Expected \`call\` to be a function that calls a model, got ${describeValue(call)}.`);
		}

		return execute(this.#executionHost(), prompt, call, options);
	}

	/**
	 * Asks the cheapest eligible model first and a dearer one only when the answer looks weak (hedging, a
	 * refusal, a very short answer, or your `score` below `confidenceThreshold`). Each answer's confidence is
	 * reported as its outcome.
	 *
	 * @example
	 * const {result, steps} = await router.cascade(prompt, call, {confidenceThreshold: 0.8});
	 */
	async cascade<T>(prompt: string, call: CallFunction<T>, options?: CascadeOptions<T>): Promise<CascadeResult<T>> {
		this.#assertOpen();
		if (typeof call !== 'function') {
			throw new TierwiseError('invalid_input', `Expected \`call\` to be a function that calls a model, got ${describeValue(call)}.`);
		}

		return cascade(this.#executionHost(), prompt, call, options);
	}

	/**
	 * Asks several eligible models in parallel within a cost cap on their estimates, detects consensus, and keeps
	 * the best answer by your `score` or by agreement (or merges them with `synthesize`).
	 *
	 * @example
	 * const {result, consensus} = await router.ensemble(prompt, call, {size: 3, maxCostUsd: 0.05});
	 */
	async ensemble<T>(prompt: string, call: CallFunction<T>, options?: EnsembleOptions<T>): Promise<EnsembleResult<T>> {
		this.#assertOpen();
		if (typeof call !== 'function') {
			throw new TierwiseError('invalid_input', `Expected \`call\` to be a function that calls a model, got ${describeValue(call)}.`);
		}

		const size = options?.size;
		if (size !== undefined && (!Number.isInteger(size) || size < 1)) {
			throw new TierwiseError('invalid_input', `Expected \`size\` to be a whole number from 1 up, got ${describeValue(size)}.`);
		}

		return ensemble(this.#executionHost(), prompt, call, options);
	}

	/**
	 * Records what a request cost: its tokens, and its cost (priced from the tokens and the model's prices when not
	 * given). Every call adds an entry to the cost ledger, so a retry's spend counts too; tokens given to
	 * reportOutcome are entered already, so do not log them again. Resolves once the entry is kept. Throws
	 * `unknown_decision` or `invalid_input`.
	 *
	 * @example
	 * await router.logUsage(decision, {inputTokens: 812, outputTokens: 240});
	 */
	async logUsage(hashOrDecision: string | {readonly hash: string}, usage: UsageDetails): Promise<UsageReceipt> {
		this.#assertOpen();
		const hash = typeof hashOrDecision === 'string' ? hashOrDecision : (hashOrDecision as {hash?: unknown} | null)?.hash;
		if (typeof hash !== 'string' || hash.length === 0) {
			throw new TierwiseError('invalid_input', `Expected a decision or its hash, got ${describeValue(hashOrDecision)}.`);
		}

		const parsed = usageDetailsSchema.safeParse(usage, {reportInput: true});
		if (!parsed.success) {
			throw new TierwiseError('invalid_input', `${describeZodIssues(parsed.error, 'usage')}.`, {cause: parsed.error});
		}

		const decision = await this.#knownDecision(hash);
		const prompt = this.#recent.get(hash) ?? await this.#promptOf(hash);
		const details = withoutUndefined(parsed.data) as UsageDetails;
		const costUsd = this.#reportedCost(decision.model, details, prompt);
		const event: UsageEvent = {
			kind: 'usage',
			at: isoTime(this.#clock()),
			source: 'log',
			hash,
			model: decision.model,
			provider: prompt.provider,
			tier: decision.tier,
			user: prompt.user,
			inputTokens: details.inputTokens,
			outputTokens: details.outputTokens,
			costUsd,
			score: null,
			latencyMs: details.latencyMs ?? null,
			error: null,
		};
		this.#recordUsage(event);
		await this.#store.flush();
		return {hash, model: decision.model, costUsd: costUsd ?? 0};
	}

	/**
	 * Records what a call to a model did, for its health: `success`, `error`, `timeout` or `rate_limited` (with
	 * `retryAfterMs`, the model is down until then). Resolves once the event is kept. Throws `unknown_model` for
	 * a model neither registered nor in the default catalogue, `invalid_input` for a bad event.
	 */
	async recordProviderEvent(model: string, event: ProviderEventKind, details: ProviderEventDetails = {}): Promise<void> {
		this.#assertOpen();
		this.#knownModel(model);
		if (!(PROVIDER_EVENT_KINDS as readonly string[]).includes(event)) {
			throw new TierwiseError('invalid_input', `Expected \`event\` to be one of ${PROVIDER_EVENT_KINDS.join(', ')}, got ${describeValue(event)}.`);
		}

		const parsed = providerEventDetailsSchema.safeParse(details, {reportInput: true});
		if (!parsed.success) {
			throw new TierwiseError('invalid_input', `${describeZodIssues(parsed.error, 'details')}.`, {cause: parsed.error});
		}

		this.#record({type: 'ops', event: {
			kind: 'provider',
			at: isoTime(this.#clock()),
			model,
			event,
			latencyMs: parsed.data.latencyMs ?? null,
			retryAfterMs: parsed.data.retryAfterMs ?? null,
			details: parsed.data.details ?? null,
		}});
		await this.#store.flush();
	}

	/**
	 * A model's health now, across every process sharing the store: status, the window's error rate and latency,
	 * and the circuit. Without a name, every model's (registered, or in the catalogue while none is). Throws
	 * `unknown_model`.
	 */
	providerHealth(model: string): ModelHealth;
	providerHealth(): ModelHealth[];
	providerHealth(model?: string): ModelHealth | ModelHealth[] {
		this.#assertOpen();
		const nowMs = this.#clock();
		const {health} = this.#state.ops;
		if (model === undefined) {
			return this.#activeRegistry().list().map(registered => health.report(registered.name, nowMs));
		}

		this.#knownModel(model);
		return health.report(model, nowMs);
	}

	/**
	 * Reported spend and decisions summed by period (`hour`, `day`, `week` or `month`, in UTC) and by `model`,
	 * `provider`, `user` or `tier`, across every process sharing the store. Throws `invalid_input` for an unknown
	 * period or grouping.
	 *
	 * @example
	 * router.costReport({period: 'day', by: 'user'}).rows; // [{periodStart, key: 'u-42', routed, costUsd, ...}]
	 */
	costReport(options?: CostReportOptions): CostReport {
		this.#assertOpen();
		return costReport(this.#state.ops.ledger, checkReportOptions(options));
	}

	/**
	 * What the reported requests cost against what their tokens would have cost on `comparisonModel` (by default the
	 * dearest model). Throws `unknown_model`.
	 */
	savingsEstimate(comparisonModel?: string, options: {sinceMs?: number; untilMs?: number} = {}): SavingsEstimate {
		this.#assertOpen();
		const registry = this.#activeRegistry();
		const name = comparisonModel ?? this.#dearestModel()?.name ?? '';
		this.#knownModel(name);
		return savingsEstimate(this.#state.ops.ledger, registry.get(name) as NonNullable<ReturnType<ModelRegistry['get']>>, options.sinceMs, options.untilMs);
	}

	/** Decisions and outcomes across every process: tier shares, model and provider use, mean confidence and quality, cost. */
	analytics(options: {sinceMs?: number; untilMs?: number} = {}): UsageAnalytics {
		this.#assertOpen();
		return usageAnalytics(this.#state.ops.ledger, options.sinceMs, options.untilMs);
	}

	/**
	 * What a given traffic would cost in the model mix of the last 7 days' decisions, by model, with a tip from the
	 * outcome data. Daily is 24 × hourly. Throws `invalid_input`, or `insufficient_data` before any decision.
	 *
	 * @example
	 * router.forecastCost({requestsPerHour: 1200, avgInputTokens: 600, avgOutputTokens: 250}).dailyUsd;
	 */
	forecastCost(input: ForecastInput): CostForecast {
		this.#assertOpen();
		const nowMs = this.#clock();
		const registry = this.#activeRegistry();
		return forecastCost(this.#state.ops.ledger, registry, checkForecastInput(input), costOptimizations(this.#state.ops.ledger, registry, nowMs), nowMs);
	}

	/** Savings the last 7 days' outcomes suggest: a cheaper model that did as well on a tier, with its daily saving and quality change. */
	costOptimizations(): CostOptimization[] {
		this.#assertOpen();
		return costOptimizations(this.#state.ops.ledger, this.#activeRegistry(), this.#clock());
	}

	/** The SLA's record over the last `sinceHours` hours (default 24): compliance, breaches and adjustments by kind, savings, latency, budget use. */
	slaReport(options: {sinceHours?: number} = {}): SlaReport {
		this.#assertOpen();
		const sinceHours = options.sinceHours ?? 24;
		if (!Number.isInteger(sinceHours) || sinceHours < 1) {
			throw new TierwiseError('invalid_input', `Expected \`sinceHours\` to be a whole number of hours from 1 up, got ${describeValue(sinceHours)}.`);
		}

		return slaReport(this.#state.ops.ledger, this.#sla, this.#clock(), sinceHours, this.#dearestModel());
	}

	/** Whether spend is on track for its budgets (ok, warning or critical), where the last hour's rate takes it, and what to do. */
	budgetAlert(): BudgetAlert {
		this.#assertOpen();
		const nowMs = this.#clock();
		return budgetAlert(this.#state.ops.ledger, this.#budgets, this.#sla?.budgetPerHourUsd, costOptimizations(this.#state.ops.ledger, this.#activeRegistry(), nowMs), nowMs);
	}

	/**
	 * Every decision and outcome in a time range (default the last day), of one user or all, the newest `limit`
	 * (default 1,000), oldest first: who, which model, the cost, and each decision's explanation. Reads every
	 * process's records from the store, within the decisions' retention.
	 *
	 * @example
	 * await router.audit({sinceMs: Date.now() - 3_600_000, user: 'u-42'});
	 */
	async audit(query?: AuditQuery): Promise<AuditEntry[]> {
		this.#assertOpen();
		const checked = checkAuditQuery(query, this.#clock());
		let found: FoundEntry[];
		try {
			found = await gatherAudit(this.#store.scanRecords(checked.sinceMs), checked, async hash => this.lookupDecision(hash));
		} catch (error) {
			// A compaction deleted a file under the scan; its records are in the new archive: read again.
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
				throw error;
			}

			found = await gatherAudit(this.#store.scanRecords(checked.sinceMs), checked, async hash => this.lookupDecision(hash));
		}

		return found.map(entry => {
			if (entry.kind === 'decision') {
				const decision = parseDecision(entry.decision, `decision ${entry.decision.hash}`);
				return {kind: 'decision', at: decision.routedAt, hash: decision.hash, user: decision.user, model: decision.model, provider: decision.provider, tier: decision.tier, estimatedCostUsd: decision.estimatedCostUsd, reasoning: createDecision(decision).reasoning, explanation: this.explain(decision)};
			}

			const {outcome} = entry;
			return {kind: 'outcome', at: outcome.reportedAt, hash: outcome.hash, user: entry.user, model: entry.model, score: outcome.score, costUsd: outcome.costUsd ?? null, inputTokens: outcome.inputTokens ?? null, outputTokens: outcome.outputTokens ?? null, latencyMs: outcome.latencyMs ?? null, error: outcome.error ?? null};
		});
	}

	/**
	 * Registers the models the `modelSource` lists that are not registered yet, and updates the prices of those
	 * that are. Returns what changed. Throws `invalid_model` for a bad config from the source.
	 */
	async syncModels(): Promise<{readonly added: string[]; readonly repriced: string[]}> {
		this.#assertOpen();
		const source = this.#modelSource;
		if (source === undefined) {
			return {added: [], repriced: []};
		}

		const added: string[] = [];
		const repriced: string[] = [];
		for (const config of await source.models()) {
			const parsed = parseModelConfig(config);
			const current = this.#state.registry.get(parsed.name);
			if (current === undefined) {
				this.registerModel(parsed);
				added.push(parsed.name);
			} else if (current.config.costPer1kInput !== parsed.costPer1kInput || current.config.costPer1kOutput !== parsed.costPer1kOutput) {
				this.updatePricing(parsed.name, {costPer1kInput: parsed.costPer1kInput, costPer1kOutput: parsed.costPer1kOutput});
				repriced.push(parsed.name);
			}
		}

		await this.#store.flush();
		return {added, repriced};
	}

	/**
	 * Learns from history: replay lines (`{prompt, outcomes: {model: {quality, costUsd}}}`) or log lines
	 * (`{prompt, model, quality, costUsd}`), as if each model's outcome had been reported for the prompt. Every
	 * record is checked first; a bad one throws `invalid_input` naming its position, and nothing is learned.
	 * Resolves once everything learned is kept.
	 */
	async learn(records: Iterable<HistoryRecord>): Promise<LearnReport> {
		this.#assertOpen();
		const given: unknown = records;
		if (typeof given !== 'object' || given === null || typeof (given as {[Symbol.iterator]?: unknown})[Symbol.iterator] !== 'function') {
			throw new TierwiseError('invalid_input', `Expected \`records\` to be an array of history records, got ${describeValue(records)}.`);
		}

		const parsed: HistoryRecord[] = [];
		for (const record of records) {
			const result = historyRecordSchema.safeParse(record, {reportInput: true});
			if (!result.success) {
				throw new TierwiseError('invalid_input', `${describeZodIssues(result.error, `record ${parsed.length + 1}`)}. Nothing was learned.`, {cause: result.error, details: {record: parsed.length + 1}});
			}

			parsed.push(result.data);
		}

		const observedAt = isoTime(this.#clock());
		let results = 0;
		for (const record of parsed) {
			this.#checkPrompt(record.prompt);
			const {classification, terms} = this.#classifier.analyze(record.prompt, this.#state.learning.centroids);
			const inputTokens = classification.signals.estimatedTokens;
			const modelResults = historyResults(record).map(({model, quality, costUsd}) => this.#modelResult(model, inputTokens, {
				score: quality,
				success: quality >= 0.5,
				outputTokens: undefined,
				costUsd,
			}));
			results += modelResults.length;
			this.#record({type: 'observation', observation: {tier: classification.tier, terms, inputTokens, features: qualityFeatures(classification, inputTokens), observedAt, results: modelResults}});
		}

		await this.#store.flush();
		return {records: parsed.length, results};
	}

	/**
	 * Starts an A/B experiment: routes naming it (`{experiment: name}`) are split between two strategies by a hash
	 * of their subject key (`subject`, else `user`, else the prompt), the same in every process. Throws
	 * `duplicate_experiment` for a name already used, `invalid_input` for a bad definition.
	 *
	 * @example
	 * router.createExperiment({name: 'cheap-vs-careful', strategyA: 'cost_optimized', strategyB: 'quality_first'});
	 * const decision = router.route(prompt, {experiment: 'cheap-vs-careful', user: 'u-42'});
	 * // ... later
	 * router.experimentResults('cheap-vs-careful').winner; // 'A', 'B', or null until the difference is significant
	 */
	createExperiment(input: ExperimentInput): ExperimentConfig {
		this.#assertOpen();
		const parsed = experimentInputSchema.safeParse(input, {reportInput: true});
		if (!parsed.success) {
			throw new TierwiseError('invalid_input', `${describeZodIssues(parsed.error, 'experiment')}.`, {cause: parsed.error});
		}

		if (this.#state.experiments.has(parsed.data.name)) {
			throw new TierwiseError('duplicate_experiment', `An experiment named \`${parsed.data.name}\` already exists. Choose another name; names stay taken after an experiment ends, so that its results stay readable.`, {details: {experiment: parsed.data.name}});
		}

		const experiment = {...parsed.data, split: parsed.data.split ?? 0.5, createdAt: isoTime(this.#clock()), endedAt: null} as ExperimentConfig;
		this.#record({type: 'experiment', experiment});
		return experiment;
	}

	/** Ends an experiment: later routes naming it take no arm; its results stay. Returns whether it was running. */
	endExperiment(name: string): boolean {
		this.#assertOpen();
		const experiment = this.#state.experiments.get(name);
		if (experiment === undefined || experiment.endedAt !== null) {
			return false;
		}

		this.#record({type: 'experiment', experiment: {...experiment, endedAt: isoTime(this.#clock())}});
		return true;
	}

	/** Every experiment, running and ended, across the processes sharing the store. */
	experiments(): ExperimentConfig[] {
		return [...this.#state.experiments.values()];
	}

	/**
	 * Each arm's outcomes (count, mean quality, mean cost) and Welch's t-test between them, across every process
	 * sharing the store. `winner` is set only when the quality difference is significant. Throws
	 * `unknown_experiment`.
	 */
	experimentResults(name: string, options: ExperimentResultOptions = {}): ExperimentResults {
		this.#assertOpen();
		const experiment = this.#state.experiments.get(name);
		if (experiment === undefined) {
			throw new TierwiseError('unknown_experiment', `No experiment named \`${name}\`. experiments() lists those there are.`, {details: {experiment: name}});
		}

		const learning = this.#state.learning;
		return experimentResults(experiment, learning.experimentArm(name, 'A'), learning.experimentArm(name, 'B'), options);
	}

	/**
	 * Tells the classifier a prompt's tier: the tier's centroid moves towards the prompt, so that prompts like it
	 * classify closer to that tier, in every process sharing the store. Work is proportional to the prompt; the
	 * seed centroids stay as fitted, and lessons can turn a centroid at most 30° from its seed direction (see
	 * {@link AdaptiveRouter.centroidDrift}). Resolves once the lesson is kept. Throws `invalid_input`.
	 *
	 * @example
	 * await router.teach('Draft the indemnification clause of a SaaS master agreement', 'expert');
	 */
	async teach(prompt: string, tier: Tier): Promise<void> {
		this.#assertOpen();
		this.#checkPrompt(prompt);
		if (!isTier(tier)) {
			throw new TierwiseError('invalid_input', `Expected \`tier\` to be one of ${TIERS.join(', ')}, got ${describeValue(tier)}.`);
		}

		const {classification, terms} = this.#classifier.analyze(prompt, this.#state.learning.centroids);
		this.#record({type: 'observation', observation: {
			tier,
			terms,
			inputTokens: classification.signals.estimatedTokens,
			observedAt: isoTime(this.#clock()),
			results: [],
			lesson: {tier, weight: 1},
		}});
		await this.#store.flush();
	}

	/**
	 * How far lessons (`teach`, and poorly scored outcomes) have moved each tier's centroid: their total weight,
	 * and the cosine between the centroid and its seed direction (1: unmoved; never below cos 30° ≈ 0.866).
	 */
	centroidDrift(): Record<Tier, {readonly lessonWeight: number; readonly alignment: number}> {
		const {centroids} = this.#state.learning;
		const drift = {} as Record<Tier, {readonly lessonWeight: number; readonly alignment: number}>;
		for (const [index, tier] of TIERS.entries()) {
			drift[tier] = {lessonWeight: centroids.mass[index] ?? 0, alignment: centroids.alignment(index)};
		}

		return drift;
	}

	/** How a model has done by the outcomes reported for it (decayed averages); zero counts for a model without any. */
	modelPerformance(name: string): ModelPerformance {
		this.#assertOpen();
		return this.#state.learning.performance(name) ?? {model: name, count: 0, averageQuality: 0, successRate: 0.5, qualityByTier: {}};
	}

	/** Reads what other processes sharing the workspace recorded since the last refresh (done every second by itself). */
	async refresh(): Promise<void> {
		this.#assertOpen();
		await this.#store.refresh();
	}

	/**
	 * The full record of a decision routed by any process sharing the store, for `explain`; undefined when it is
	 * unknown or no longer kept.
	 */
	async lookupDecision(hash: string): Promise<DecisionRecord | undefined> {
		this.#assertOpen();
		let stub = this.#state.stub(hash);
		if (stub === undefined) {
			await this.#store.refresh();
			stub = this.#state.stub(hash);
		}

		const found = await this.#store.findDecision(hash, stub);
		return found === undefined ? undefined : parseDecision(found, `decision ${hash}`);
	}

	/** How many decisions are kept and how many of them have an outcome, across every process sharing the store. */
	stats(): RouterStats {
		return {
			store: this.#store.location,
			decisions: this.#state.decisionCount,
			outcomes: this.#state.outcomeCount,
			models: this.#state.registry.size,
			observations: this.#state.learning.observations,
		};
	}

	/** Folds the workspace's journals into a snapshot now, instead of waiting for them to pass their size. */
	async compact(): Promise<CompactionReport | undefined> {
		this.#assertOpen();
		return this.#store.compact();
	}

	/** Resolves once everything recorded so far is kept. */
	async flush(): Promise<void> {
		await this.#store.flush();
	}

	/** Flushes and closes the store. Every later call throws `router_closed`. */
	async close(): Promise<void> {
		if (this.#closed) {
			return;
		}

		this.#closed = true;
		await this.#store.close();
	}

	/** What execute(), cascade() and ensemble() use of this router. */
	#executionHost(): ExecutionHost {
		return {
			route: (prompt, options) => this.route(prompt, options),
			derive: (decision, model, reason) => this.#derive(decision, model, reason),
			hasCapacity: (model, tokens) => this.#operations.hasCapacity(model, tokens, this.#clock()),
			budgetSpent: user => this.#operations.budgetSpent(this.#state.ops, user, this.#clock()),
			contextWindow: model => this.#activeRegistry().get(model)?.config.contextWindow,
			priceUsd: (model, usage) => {
				const prices = this.#activeRegistry().get(model);
				return prices === undefined ? null : estimateCostUsd(prices, {input: usage.inputTokens, output: usage.outputTokens});
			},
			reportOutcome: async (hash, score, details) => this.reportOutcome(hash, score, details),
			logUsage: async (hash, usage) => this.logUsage(hash, usage),
			recordProviderEvent: async (model, event, details) => this.recordProviderEvent(model, event, details),
			clock: this.#clock,
			random: this.#operations.random,
		};
	}

	/** Records a decision for another of `original`'s eligible models in its place; undefined when it was not one. */
	#derive(original: RoutingDecision, model: string, reason: 'failover' | 'cascade' | 'ensemble'): RoutingDecision | undefined {
		this.#assertOpen();
		const nowMs = this.#clock();
		const record = deriveDecision(original, model, reason, randomId(), isoTime(nowMs));
		if (record === undefined) {
			return undefined;
		}

		const health = this.#state.ops.health.status(model, nowMs);
		const derived = {...record, operations: record.operations === null ? null : {...record.operations, health}};
		this.#record({type: 'decision', decision: derived});
		this.#record({type: 'ops', event: routeEventOf(derived)});
		this.#recent.set(derived.hash, recentDecisionOf(derived));
		this.#operations.decided(derived, nowMs);
		return createDecision(derived);
	}

	/** The decision of a hash, refreshing once when another process may have routed it; throws `unknown_decision`. */
	async #knownDecision(hash: string): Promise<DecisionStub> {
		const now = this.#clock();
		let decision = this.#state.decision(hash, now);
		if (decision === undefined && !this.#state.isExpired(hash, now)) {
			await this.#store.refresh();
			decision = this.#state.decision(hash, now);
		}

		if (decision === undefined) {
			const why = this.#state.isExpired(hash, now) ? 'is past its retention' : 'is not known here';
			throw new TierwiseError('unknown_decision', `The decision \`${hash}\` ${why}. Use the hash route() returned, within the retention (decisionRetentionMs) and the last maxDecisions decisions.`, {details: {hash}});
		}

		return decision;
	}

	#knownModel(model: string): void {
		if (typeof model !== 'string' || this.#activeRegistry().get(model) === undefined) {
			throw new TierwiseError('unknown_model', `No model named ${describeValue(model)} is registered${this.#state.registry.size === 0 ? ' or in the default catalogue' : ''}. Register it with registerModel() first.`, {details: {model}});
		}
	}

	/** The dearest model by its prices a 1K tokens in and out: what savings are measured against by default. */
	#dearestModel(): RegisteredModel | undefined {
		return [...this.#activeRegistry().list()].sort((a, b) => (b.costPer1kInput + b.costPer1kOutput) - (a.costPer1kInput + a.costPer1kOutput))[0];
	}

	/** The registered models, or the default catalogue while none is registered. */
	#activeRegistry(): ModelRegistry {
		return this.#state.registry.size === 0 ? catalogueRegistry() : this.#state.registry;
	}

	/** A request's cost as reported, else priced from its reported tokens (the estimate's for a side not reported); null when neither was reported. */
	#reportedCost(model: string, reported: {readonly costUsd?: number | undefined; readonly inputTokens?: number | undefined; readonly outputTokens?: number | undefined}, decision: RecentDecision): number | null {
		if (reported.costUsd !== undefined) {
			return reported.costUsd;
		}

		const prices = this.#state.registry.get(model) ?? catalogueRegistry().get(model);
		if (prices === undefined || (reported.inputTokens === undefined && reported.outputTokens === undefined)) {
			return null;
		}

		return estimateCostUsd(prices, {input: reported.inputTokens ?? decision.inputTokens, output: reported.outputTokens ?? decision.outputTokens});
	}

	#recordUsage(event: UsageEvent): void {
		this.#record({type: 'ops', event});
		this.#operations.spent(event);
	}

	/** What learning needs of a decision routed by another process (or too long ago for the recent cache). */
	async #promptOf(hash: string): Promise<RecentDecision> {
		// A record as stored, which may predate fields added since.
		const found = await this.#store.findDecision(hash, this.#state.stub(hash)) as Partial<DecisionRecord> | undefined;
		return found?.estimatedTokens === undefined || found.classification === undefined
			? {provider: found?.provider ?? '', user: found?.user ?? null, terms: [], inputTokens: 0, features: undefined, outputTokens: 0, estimatedCostUsd: 0, explored: false, experiment: null}
			: recentDecisionOf({...found as DecisionRecord, promptTerms: found.promptTerms ?? [], explored: found.explored ?? false, experiment: found.experiment ?? null});
	}

	/**
	 * A model's result as learning keeps it. Output tokens not reported are worked out from a reported cost and
	 * the model's prices, so that usage is learned from either.
	 */
	#modelResult(model: string, inputTokens: number, reported: {score: number; success: boolean; outputTokens: number | undefined; costUsd: number | undefined}): ModelResult {
		let {outputTokens} = reported;
		const prices = this.#state.registry.get(model) ?? catalogueRegistry().get(model);
		if (outputTokens === undefined && reported.costUsd !== undefined && prices !== undefined && prices.costPer1kOutput > 0) {
			outputTokens = Math.max(0, Math.round(((reported.costUsd * 1000) - (inputTokens * prices.costPer1kInput)) / prices.costPer1kOutput));
		}

		const result: {-readonly [K in keyof ModelResult]: ModelResult[K]} = {model, score: reported.score, success: reported.success};
		if (outputTokens !== undefined) {
			result.outputTokens = outputTokens;
		}

		if (reported.costUsd !== undefined) {
			result.costUsd = reported.costUsd;
		}

		return result;
	}

	/** Hands a record to the store, then applies it: a store that refuses it (read-only, closed) leaves the state as it was. */
	#record(record: WorkspaceRecord): void {
		this.#store.append(record);
		this.#state.apply(summarizeRecord(record));
	}

	#assertOpen(): void {
		if (this.#closed) {
			throw new TierwiseError('router_closed', 'This router is closed. Open a new one with AdaptiveRouter.open().');
		}
	}

	#checkPrompt(prompt: unknown): void {
		if (typeof prompt !== 'string') {
			throw new TierwiseError('invalid_input', `Expected \`prompt\` to be a non-empty string, got ${describeValue(prompt)}.`);
		}

		if (!notBlank.test(prompt)) {
			throw new TierwiseError('invalid_input', 'Expected `prompt` to be a non-empty string, got only whitespace. Route the text you will send to the model.');
		}

		// A UTF-16 code unit is at most three UTF-8 bytes, so only long prompts need counting.
		if (prompt.length * 3 > this.#maxPromptBytes) {
			const bytes = Buffer.byteLength(prompt, 'utf8');
			if (bytes > this.#maxPromptBytes) {
				throw new TierwiseError('prompt_too_large', `The prompt is ${bytes} bytes, more than maxPromptBytes (${this.#maxPromptBytes}). Shorten it, or open the router with a larger maxPromptBytes.`, {details: {bytes, maxPromptBytes: this.#maxPromptBytes}});
			}
		}
	}

	#resolveOptions(options: RouteOptions | undefined): RouteOptions {
		if (options === undefined) {
			return {};
		}

		const parsed = this.#parseRouteOptions(options, 'options');
		if (parsed.profile === undefined) {
			return parsed;
		}

		const profile = this.#profiles.get(parsed.profile);
		if (profile === undefined) {
			throw new TierwiseError('unknown_profile', `No profile named \`${parsed.profile}\`. Known profiles: ${[...this.#profiles.keys()].join(', ')}. Define one with defineProfile().`, {details: {profile: parsed.profile}});
		}

		return applyProfile(parsed, profile);
	}

	#parseRouteOptions(options: RouteOptions, subject: string): RouteOptions {
		// Valid options, the common case, are checked by hand; the schema says what is wrong with the rest.
		const plain = plainRouteOptions(options);
		if (plain !== undefined) {
			return plain;
		}

		const result = routeOptionsSchema.safeParse(options, {reportInput: true});
		if (!result.success) {
			throw new TierwiseError('invalid_input', `${describeZodIssues(result.error, subject)}.`, {cause: result.error});
		}

		return withoutUndefined(result.data) as RouteOptions;
	}

	/** Explanations of default-catalogue decisions name the catalogue's models even after others are registered. */
	#modelsFor(decision: DecisionRecord): ModelRegistry {
		return decision.catalogue === 'default' ? catalogueRegistry() : this.#state.registry;
	}
}
