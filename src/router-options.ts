import {describeValue} from './errors/describe-value.js';
import type {ModelConfig} from './models/model-config.js';
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

	if (given.refreshIntervalMs !== undefined && (typeof given.refreshIntervalMs !== 'number' || !Number.isInteger(given.refreshIntervalMs) || given.refreshIntervalMs < 0)) {
		throw new RangeError(`Expected \`refreshIntervalMs\` to be a whole number from 0 up, got ${describeValue(given.refreshIntervalMs)}`);
	}
}
