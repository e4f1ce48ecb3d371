import {describeValue} from './errors/describe-value.js';
import type {ModelConfig} from './models/model-config.js';
import type {AuditClient} from './ops/audit-client.js';
import type {BudgetClient} from './ops/budget-client.js';
import {checkBudgetConfig, type BudgetConfig} from './ops/budget-config.js';
import type {ModelSource} from './ops/model-source.js';
import type {HealthOptions} from './ops/provider-health.js';
import {checkSlaConfig, type SlaConfig} from './ops/sla-config.js';
import type {LoadBalancing} from './selection/load-balancing.js';
import type {RateLimit} from './ops/rate-limits.js';
import type {EscalationStrategy} from './selection/escalation-policy.js';
import type {RouteOptions} from './selection/route-options.js';
import type {OnCorrupt} from './workspace/file/read-workspace.js';
import type {WorkspaceStore} from './workspace/workspace-store.js';
import type {WorkspaceWarning} from './workspace/workspace-warning.js';

/** Options of {@link AdaptiveRouter.open}. */
export type AdaptiveRouterOptions = {
	/** A directory to keep everything in, shared by several processes; created when missing. */
	workspace?: string;
	/** Where records go, when not a workspace directory. @default a new MemoryStore */
	store?: WorkspaceStore;
	/** What to do with a damaged workspace file: fail with `workspace_corrupt`, or move it aside and keep every valid record. @default 'fail' */
	onCorrupt?: OnCorrupt;
	/** Open a workspace only to read it: no journal of its own, no repairs; recording throws `workspace_read_only`. */
	readOnly?: boolean;
	/** How often a workspace reads other processes' records by itself; 0 for only on refresh(). @default 1000 */
	refreshIntervalMs?: number;
	/** Called with what a workspace recovered from on its own (a torn record truncated, a file quarantined). @default process.emitWarning */
	onWarning?: (warning: WorkspaceWarning) => void;
	/** Models to register on open (skipped when the store already has a model of that name). */
	models?: readonly ModelConfig[];
	/** Named sets of route options, added to the built-in `worker`, `supervisor` and `fast`. */
	profiles?: Readonly<Record<string, RouteOptions>>;
	/** Milliseconds since the epoch; replace it in tests. @default Date.now */
	clock?: () => number;
	/** Decisions that accept an outcome, the newest; about 55 bytes each. @default 1_000_000 */
	maxDecisions?: number;
	/** How long a decision accepts an outcome. A workspace keeps its own, set when it is created. @default 30 days */
	decisionRetentionMs?: number;
	/** Largest prompt route() accepts, in UTF-8 bytes. @default 10 MiB */
	maxPromptBytes?: number;
	/** Share of decisions that try another eligible model than the best-ranked, so that learning never stalls. @default 0.05 */
	abTestRate?: number;
	/** Seeds exploration: one seed and the same calls give the same decisions. @default a random seed */
	seed?: string;
	/** Below this classifier confidence (0 to 1), the low-confidence gate fires. @default off */
	lowConfidenceThreshold?: number;
	/** The model the gate escalates to; without one, the prompt is routed one tier up. */
	escalationModel?: string;
	/** `always` escalates; `log_only` records that the gate fired; `ask` says on the decision what escalating would mean. @default 'always' */
	escalationStrategy?: EscalationStrategy;
	/** An outcome this much older than the newest weighs half as much in quality estimates. @default 14 days */
	learningHalfLifeMs?: number;
	/** Past prompts kept for predicting from similar ones. @default 50_000 */
	memoryCapacity?: number;
	/**
	 * Postings a similar-prompt search reads at most: what bounds the cost of a route however much has been
	 * learned. Lower is faster and finds fewer neighbours (see the README's figures). @default 1024
	 */
	memorySearchBudget?: number;
	/** Spending limits per request, hour, day and month, for everyone and per user; see {@link BudgetConfig}. @default none */
	budgets?: BudgetConfig;
	/** An external quota check asked about every decision, besides `budgets`. */
	budgetClient?: BudgetClient;
	/** Where every decision and reported spend is sent too (the workspace keeps the audit trail either way). */
	auditClient?: AuditClient;
	/** Where to discover models (fine-tuned ones, a config service), registered on open and on `syncModels()`. */
	modelSource?: ModelSource;
	/** Service levels every decision is checked against, and whether to switch models on a breach. @default none */
	sla?: SlaConfig;
	/** The sliding window and circuit breaker behind `providerHealth`. */
	health?: HealthOptions;
	/** Set degraded and half-open models aside while a healthy one is eligible; down models always are. @default true */
	preferHealthy?: boolean;
	/** Move a degraded chosen model's requests to the next healthy candidate, all but its success rate's share. @default false */
	autoScale?: boolean;
	/** Models to fall back on first, in this order, for every decision (a route's own `fallbackChain` wins). */
	fallbackChain?: readonly string[];
	/** Spread requests among equivalent candidates: weighted, round-robin or lowest latency. @default off */
	loadBalancing?: LoadBalancing;
	/** Per model, requests and tokens a minute (token buckets in this process) that route() keeps within. */
	rateLimits?: Readonly<Record<string, RateLimit>>;
};

export const DEFAULT_AB_TEST_RATE = 0.05;

export const DEFAULT_MAX_DECISIONS = 1_000_000;
export const DEFAULT_DECISION_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
export const DEFAULT_MAX_PROMPT_BYTES = 10 * 1024 * 1024;

/** Checks the options of `open` in p-queue's form; bad options are programming errors, so they throw TypeError or RangeError. */
export function checkRouterOptions(options: unknown): asserts options is AdaptiveRouterOptions {
	if (typeof options !== 'object' || options === null) {
		throw new TypeError(`Expected \`options\` to be an object, got ${describeValue(options)}`);
	}

	const given = options as Record<string, unknown>;
	for (const name of ['maxDecisions', 'decisionRetentionMs', 'maxPromptBytes', 'learningHalfLifeMs', 'memoryCapacity', 'memorySearchBudget'] as const) {
		const value = given[name];
		if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 1)) {
			throw new RangeError(`Expected \`${name}\` to be a whole number from 1 up, got ${describeValue(value)}`);
		}
	}

	for (const name of ['abTestRate', 'lowConfidenceThreshold'] as const) {
		const value = given[name];
		if (value !== undefined && (typeof value !== 'number' || !(value >= 0 && value <= 1))) {
			throw new RangeError(`Expected \`${name}\` to be a number from 0 to 1, got ${describeValue(value)}`);
		}
	}

	if (given.seed !== undefined && typeof given.seed !== 'string') {
		throw new TypeError(`Expected \`seed\` to be a string, got ${describeValue(given.seed)}`);
	}

	if (given.escalationModel !== undefined && (typeof given.escalationModel !== 'string' || given.escalationModel.length === 0)) {
		throw new TypeError(`Expected \`escalationModel\` to be a model name, got ${describeValue(given.escalationModel)}`);
	}

	if (given.escalationStrategy !== undefined && !['always', 'log_only', 'ask'].includes(given.escalationStrategy as string)) {
		throw new TypeError(`Expected \`escalationStrategy\` to be 'always', 'log_only' or 'ask', got ${describeValue(given.escalationStrategy)}`);
	}

	if (given.clock !== undefined && typeof given.clock !== 'function') {
		throw new TypeError(`Expected \`clock\` to be a function returning milliseconds, got ${describeValue(given.clock)}`);
	}

	if (given.models !== undefined && !Array.isArray(given.models)) {
		throw new TypeError(`Expected \`models\` to be an array of model configs, got ${describeValue(given.models)}`);
	}

	if (given.workspace !== undefined && (typeof given.workspace !== 'string' || given.workspace.length === 0)) {
		throw new TypeError(`Expected \`workspace\` to be a directory path, got ${describeValue(given.workspace)}`);
	}

	if (given.workspace !== undefined && given.store !== undefined) {
		throw new TypeError('Expected either `workspace` or `store`, got both');
	}

	if (given.onCorrupt !== undefined && given.onCorrupt !== 'fail' && given.onCorrupt !== 'quarantine') {
		throw new TypeError(`Expected \`onCorrupt\` to be 'fail' or 'quarantine', got ${describeValue(given.onCorrupt)}`);
	}

	checkOperationsOptions(given);
	if (given.refreshIntervalMs !== undefined && (typeof given.refreshIntervalMs !== 'number' || !Number.isInteger(given.refreshIntervalMs) || given.refreshIntervalMs < 0)) {
		throw new RangeError(`Expected \`refreshIntervalMs\` to be a whole number from 0 up, got ${describeValue(given.refreshIntervalMs)}`);
	}
}

const healthOptionNames = ['windowMs', 'windowEvents', 'degradedErrorRate', 'downErrorRate', 'minEvents', 'consecutiveFailures', 'cooldownMs', 'maxCooldownMs'] as const;

function checkOperationsOptions(given: Record<string, unknown>): void {
	if (given.budgets !== undefined) {
		checkBudgetConfig(given.budgets);
	}

	if (given.sla !== undefined) {
		checkSlaConfig(given.sla);
	}

	for (const [name, method] of [['budgetClient', 'check'], ['auditClient', 'record'], ['modelSource', 'models']] as const) {
		const client = given[name];
		if (client !== undefined && (typeof client !== 'object' || client === null || typeof (client as Record<string, unknown>)[method] !== 'function')) {
			throw new TypeError(`Expected \`${name}\` to be an object with a \`${method}\` method, got ${describeValue(client)}`);
		}
	}

	for (const name of ['preferHealthy', 'autoScale'] as const) {
		if (given[name] !== undefined && typeof given[name] !== 'boolean') {
			throw new TypeError(`Expected \`${name}\` to be true or false, got ${describeValue(given[name])}`);
		}
	}

	const chain = given.fallbackChain;
	if (chain !== undefined && (!Array.isArray(chain) || chain.some(model => typeof model !== 'string' || model.length === 0))) {
		throw new TypeError(`Expected \`fallbackChain\` to be an array of model names, got ${describeValue(chain)}`);
	}

	checkHealthOptions(given.health);
	checkRateLimits(given.rateLimits);
	checkLoadBalancing(given.loadBalancing);
}

function checkHealthOptions(health: unknown): void {
	if (health === undefined) {
		return;
	}

	if (typeof health !== 'object' || health === null) {
		throw new TypeError(`Expected \`health\` to be an object of health options, got ${describeValue(health)}`);
	}

	for (const [name, value] of Object.entries(health)) {
		if (!(healthOptionNames as readonly string[]).includes(name)) {
			throw new TypeError(`Unknown key \`${name}\` in \`health\`; known ones: ${healthOptionNames.join(', ')}`);
		}

		const isRate = name.endsWith('ErrorRate');
		const valid = typeof value === 'number' && (isRate ? value > 0 && value <= 1 : Number.isInteger(value) && value >= 1);
		if (!valid) {
			throw new RangeError(`Expected \`health.${name}\` to be ${isRate ? 'a share above 0 and up to 1' : 'a whole number from 1 up'}, got ${describeValue(value)}`);
		}
	}
}

function checkLoadBalancing(balancing: unknown): void {
	if (balancing === undefined) {
		return;
	}

	if (typeof balancing !== 'object' || balancing === null) {
		throw new TypeError(`Expected \`loadBalancing\` to be an object with a \`strategy\`, got ${describeValue(balancing)}`);
	}

	const given = balancing as {strategy?: unknown; costTolerance?: unknown; weights?: Record<string, unknown>};
	if (typeof given.strategy !== 'string' || !['weighted', 'round_robin', 'lowest_latency'].includes(given.strategy)) {
		throw new TypeError(`Expected \`loadBalancing\` to be an object with a \`strategy\` of 'weighted', 'round_robin' or 'lowest_latency', got ${describeValue(balancing)}`);
	}

	if (given.costTolerance !== undefined && (typeof given.costTolerance !== 'number' || !(given.costTolerance >= 0 && given.costTolerance <= 10))) {
		throw new RangeError(`Expected \`loadBalancing.costTolerance\` to be a share from 0 to 10, got ${describeValue(given.costTolerance)}`);
	}

	for (const [model, weight] of Object.entries(given.weights ?? {})) {
		if (typeof weight !== 'number' || !(weight >= 0) || !Number.isFinite(weight)) {
			throw new RangeError(`Expected \`loadBalancing.weights.${model}\` to be a finite number from 0 up, got ${describeValue(weight)}`);
		}
	}
}

function checkRateLimits(limits: unknown): void {
	if (limits === undefined) {
		return;
	}

	if (typeof limits !== 'object' || limits === null) {
		throw new TypeError(`Expected \`rateLimits\` to be an object of {requestsPerMinute?, tokensPerMinute?} by model, got ${describeValue(limits)}`);
	}

	for (const [model, limit] of Object.entries(limits)) {
		for (const [name, value] of Object.entries((limit ?? {}) as Record<string, unknown>)) {
			if (name !== 'requestsPerMinute' && name !== 'tokensPerMinute') {
				throw new TypeError(`Unknown key \`${name}\` in \`rateLimits.${model}\`; known ones: requestsPerMinute, tokensPerMinute`);
			}

			if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
				throw new RangeError(`Expected \`rateLimits.${model}.${name}\` to be a number above 0, got ${describeValue(value)}`);
			}
		}
	}
}
