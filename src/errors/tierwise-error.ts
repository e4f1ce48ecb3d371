/**
 * Every way a caller can get tierwise wrong, as a stable code to switch on. New codes may be added; existing
 * ones keep their meaning.
 */
export type TierwiseErrorCode =
	| 'invalid_input'
	| 'prompt_too_large'
	| 'invalid_model'
	| 'duplicate_model'
	| 'unknown_model'
	| 'unknown_profile'
	| 'unknown_experiment'
	| 'duplicate_experiment'
	| 'unknown_decision'
	| 'no_eligible_model'
	| 'budget_exceeded'
	| 'insufficient_data'
	| 'rate_limited'
	| 'all_models_failed'
	| 'router_closed'
	| 'workspace_locked'
	| 'workspace_read_only'
	| 'workspace_corrupt'
	| 'schema_version_unsupported';

export type TierwiseErrorOptions = {
	cause?: unknown;
	/** Structured facts about the failure (the offending field, each excluded model, …). */
	details?: Readonly<Record<string, unknown>>;
};

const brand = Symbol.for('tierwise.error');

/**
 * The one error class tierwise throws for caller mistakes. `code` is stable; `message` starts with
 * `[tierwise]` and says what to do.
 *
 * @example
 * try {
 * 	router.route(prompt, {maxCostUsd: 0.000_001});
 * } catch (error) {
 * 	if (isTierwiseError(error) && error.code === 'no_eligible_model') {
 * 		console.log(error.details);
 * 	}
 * }
 */
export class TierwiseError extends Error {
	override name = 'TierwiseError';
	readonly code: TierwiseErrorCode;
	readonly details: Readonly<Record<string, unknown>>;
	readonly [brand] = true;

	constructor(code: TierwiseErrorCode, message: string, options: TierwiseErrorOptions = {}) {
		super(`[tierwise] ${message}`, options.cause === undefined ? undefined : {cause: options.cause});
		this.code = code;
		this.details = options.details ?? {};
	}
}

/** True for a {@link TierwiseError}, also one thrown by another copy of the library (another realm or bundle). */
export function isTierwiseError(value: unknown): value is TierwiseError {
	return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}
