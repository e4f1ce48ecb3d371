import type {FailureKind} from './call-failure.js';

/** One try of one model by execute(), or a model passed over. */
export type ExecutionAttempt = {
	readonly model: string;
	/** The decision the try was made under (a failover makes a decision of its own). */
	readonly decision: string;
	/** 1 for the first try of this model, 2 for its first retry, ... */
	readonly attempt: number;
	/**
	 * `success`; a failure kind; `rate_limit_local` (the model's rate limit had no room); `over_budget` (its estimate
	 * would pass maxTotalCostUsd, or a budget window was spent by then); `window_too_small` (a context window no
	 * larger than the one that overflowed).
	 */
	readonly outcome: 'success' | FailureKind | 'rate_limit_local' | 'over_budget' | 'window_too_small';
	readonly status: number | null;
	readonly message: string | null;
	readonly latencyMs: number;
	/** How long execute() waited before this try (backoff, retry-after). */
	readonly waitedMs: number;
	/** What the call threw. */
	readonly error?: unknown;
};
