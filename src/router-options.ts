import {describeValue} from './errors/describe-value.js';
import type {ModelConfig} from './models/model-config.js';
import type {RouteOptions} from './selection/route-options.js';
import type {WorkspaceStore} from './workspace/workspace-store.js';

/** Options of {@link AdaptiveRouter.open}. */
export type AdaptiveRouterOptions = {
	/** A directory to keep everything in, shared by several processes. Not available yet: see `store`. */
	workspace?: string;
	/** Where records go. @default a new MemoryStore */
	store?: WorkspaceStore;
	/** Models to register on open (skipped when the store already has a model of that name). */
	models?: readonly ModelConfig[];
	/** Named sets of route options, added to the built-in `worker`, `supervisor` and `fast`. */
	profiles?: Readonly<Record<string, RouteOptions>>;
	/** Milliseconds since the epoch; replace it in tests. @default Date.now */
	clock?: () => number;
	/** Decisions kept for reportOutcome and explain; the oldest go first. @default 100_000 */
	maxDecisions?: number;
	/** How long a decision accepts an outcome. @default 30 days */
	decisionRetentionMs?: number;
	/** Largest prompt route() accepts, in UTF-8 bytes. @default 10 MiB */
	maxPromptBytes?: number;
};

export const DEFAULT_MAX_DECISIONS = 100_000;
export const DEFAULT_DECISION_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
export const DEFAULT_MAX_PROMPT_BYTES = 10 * 1024 * 1024;

/** Checks the options of `open` in p-queue's form; bad options are programming errors, so they throw TypeError or RangeError. */
export function checkRouterOptions(options: unknown): asserts options is AdaptiveRouterOptions {
	if (typeof options !== 'object' || options === null) {
		throw new TypeError(`Expected \`options\` to be an object, got ${describeValue(options)}`);
	}

	const given = options as Record<string, unknown>;
	for (const name of ['maxDecisions', 'decisionRetentionMs', 'maxPromptBytes'] as const) {
		const value = given[name];
		if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 1)) {
			throw new RangeError(`Expected \`${name}\` to be a whole number from 1 up, got ${describeValue(value)}`);
		}
	}

	if (given.clock !== undefined && typeof given.clock !== 'function') {
		throw new TypeError(`Expected \`clock\` to be a function returning milliseconds, got ${describeValue(given.clock)}`);
	}

	if (given.models !== undefined && !Array.isArray(given.models)) {
		throw new TypeError(`Expected \`models\` to be an array of model configs, got ${describeValue(given.models)}`);
	}

	if (given.workspace !== undefined && typeof given.workspace !== 'string') {
		throw new TypeError(`Expected \`workspace\` to be a directory path, got ${describeValue(given.workspace)}`);
	}
}
