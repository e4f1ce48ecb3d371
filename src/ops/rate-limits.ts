/** A model's limits, as its provider sets them. */
export type RateLimit = {
	requestsPerMinute?: number;
	tokensPerMinute?: number;
};

type Bucket = {requests: number; tokens: number; atMs: number};

const minuteMs = 60_000;

/**
 * Token buckets per model, in this process: each holds a minute's worth of requests and tokens and refills
 * continuously, so that no minute-long window sees more than the limit plus one bucket's burst. `route()` takes
 * a request's estimated tokens from the chosen model's bucket when it decides.
 */
export class RateLimits {
	readonly #limits: ReadonlyMap<string, RateLimit>;
	readonly #buckets = new Map<string, Bucket>();

	constructor(limits: Readonly<Record<string, RateLimit>> = {}) {
		this.#limits = new Map(Object.entries(limits));
	}

	get size(): number {
		return this.#limits.size;
	}

	/** Whether `model` can take a request of `tokens` at `nowMs`. */
	hasCapacity(model: string, tokens: number, nowMs: number): boolean {
		const limit = this.#limits.get(model);
		if (limit === undefined) {
			return true;
		}

		const bucket = this.#refilled(model, limit, nowMs);
		return bucket.requests >= 1 && (limit.tokensPerMinute === undefined || bucket.tokens >= Math.min(tokens, limit.tokensPerMinute));
	}

	/** How long until `model` can take a request of `tokens`: 0 when it can now. */
	waitMs(model: string, tokens: number, nowMs: number): number {
		const limit = this.#limits.get(model);
		if (limit === undefined) {
			return 0;
		}

		const bucket = this.#refilled(model, limit, nowMs);
		const forRequest = limit.requestsPerMinute === undefined ? 0 : Math.max(0, (1 - bucket.requests) * minuteMs / limit.requestsPerMinute);
		const needed = limit.tokensPerMinute === undefined ? 0 : Math.min(tokens, limit.tokensPerMinute);
		const forTokens = limit.tokensPerMinute === undefined ? 0 : Math.max(0, (needed - bucket.tokens) * minuteMs / limit.tokensPerMinute);
		return Math.ceil(Math.max(forRequest, forTokens));
	}

	/** Takes one request and `tokens` from `model`'s bucket. */
	take(model: string, tokens: number, nowMs: number): void {
		const limit = this.#limits.get(model);
		if (limit === undefined) {
			return;
		}

		const bucket = this.#refilled(model, limit, nowMs);
		bucket.requests -= 1;
		bucket.tokens -= tokens;
	}

	#refilled(model: string, limit: RateLimit, nowMs: number): Bucket {
		const requests = limit.requestsPerMinute ?? Number.POSITIVE_INFINITY;
		const tokens = limit.tokensPerMinute ?? Number.POSITIVE_INFINITY;
		let bucket = this.#buckets.get(model);
		if (bucket === undefined) {
			bucket = {requests, tokens, atMs: nowMs};
			this.#buckets.set(model, bucket);
			return bucket;
		}

		const elapsed = Math.max(0, nowMs - bucket.atMs);
		bucket.requests = Math.min(requests, bucket.requests + (elapsed * requests / minuteMs));
		bucket.tokens = Math.min(tokens, bucket.tokens + (elapsed * tokens / minuteMs));
		bucket.atMs = Math.max(bucket.atMs, nowMs);
		return bucket;
	}
}
