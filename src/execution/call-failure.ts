/**
 * What went wrong with a call, as execute() acts on it: `rate_limited` moves to the next model at once;
 * `transient` (a server error, a dropped connection) and `timeout` are retried with backoff, then the next model;
 * `context_window` moves to a model with a larger window; `permanent` (a bad request, a refused key) moves to the
 * next model; `aborted` (the caller's signal) stops.
 */
export type FailureKind = 'rate_limited' | 'transient' | 'timeout' | 'context_window' | 'permanent' | 'aborted';

export const FAILURE_KINDS: readonly FailureKind[] = ['rate_limited', 'transient', 'timeout', 'context_window', 'permanent', 'aborted'];

export type CallFailure = {
	readonly kind: FailureKind;
	/** The HTTP status, when the error carries one. */
	readonly status: number | null;
	/** How long the provider asked to wait (a `retry-after` or `retry-after-ms` header, or `retryAfterMs`). */
	readonly retryAfterMs: number | null;
	readonly message: string;
};

const transientCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);
const contextWindowText = /context[_ ](?:length|window)|maximum context|too many tokens|prompt is too long|reduce the length/iu;

type ErrorShape = {
	status?: unknown;
	statusCode?: unknown;
	code?: unknown;
	name?: unknown;
	message?: unknown;
	headers?: unknown;
	retryAfterMs?: unknown;
	response?: {status?: unknown; headers?: unknown};
	error?: {code?: unknown; type?: unknown};
	cause?: unknown;
};

/**
 * Sorts an error thrown by a call: by its HTTP status (`status`, `statusCode` or `response.status`, as the
 * `openai` and `@anthropic-ai/sdk` clients and fetch wrappers give it), its code, its name and its message.
 */
export function classifyFailure(error: unknown, timedOut: boolean, nowMs: number): CallFailure {
	const shape = (typeof error === 'object' && error !== null ? error : {}) as ErrorShape;
	const message = typeof shape.message === 'string' ? shape.message : String(error);
	const status = numberOf(shape.status) ?? numberOf(shape.statusCode) ?? numberOf(shape.response?.status);
	const retryAfterMs = numberOf(shape.retryAfterMs) ?? retryAfterOf(shape.headers, nowMs) ?? retryAfterOf(shape.response?.headers, nowMs);
	const failure = (kind: FailureKind): CallFailure => ({kind, status: status ?? null, retryAfterMs: retryAfterMs ?? null, message});
	if (timedOut) {
		return failure('timeout');
	}

	if (shape.name === 'AbortError' || shape.name === 'APIUserAbortError') {
		return failure('aborted');
	}

	const code = typeof shape.code === 'string' ? shape.code : (typeof shape.error?.code === 'string' ? shape.error.code : undefined);
	if (status === 429 || code === 'rate_limit_exceeded' || shape.error?.type === 'rate_limit_error') {
		return failure('rate_limited');
	}

	if (code === 'context_length_exceeded' || ((status === 400 || status === 413 || status === undefined) && contextWindowText.test(message))) {
		return failure('context_window');
	}

	if (status === 408 || shape.name === 'TimeoutError' || shape.name === 'APIConnectionTimeoutError') {
		return failure('timeout');
	}

	if ((status !== undefined && (status >= 500 || status === 409)) || (code !== undefined && transientCodes.has(code)) || shape.name === 'APIConnectionError' || shape.name === 'FetchError') {
		return failure('transient');
	}

	if (status === undefined && shape.cause !== undefined && shape.cause !== error) {
		// fetch() wraps the socket's error.
		const cause = classifyFailure(shape.cause, false, nowMs);
		if (cause.kind === 'transient') {
			return {...cause, message};
		}
	}

	return failure('permanent');
}

function numberOf(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** `retry-after-ms`, else `retry-after` (seconds, or an HTTP date), from a Headers object or a plain one. */
function retryAfterOf(headers: unknown, nowMs: number): number | undefined {
	if (typeof headers !== 'object' || headers === null) {
		return undefined;
	}

	const get = (name: string): string | undefined => {
		const value = typeof (headers as {get?: unknown}).get === 'function'
			? (headers as {get: (name: string) => string | null}).get(name)
			: (headers as Record<string, unknown>)[name];
		return typeof value === 'string' ? value : undefined;
	};

	const ms = Number(get('retry-after-ms'));
	if (get('retry-after-ms') !== undefined && Number.isFinite(ms)) {
		return ms;
	}

	const after = get('retry-after');
	if (after === undefined) {
		return undefined;
	}

	const seconds = Number(after);
	if (Number.isFinite(seconds)) {
		return seconds * 1000;
	}

	const date = Date.parse(after);
	return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
