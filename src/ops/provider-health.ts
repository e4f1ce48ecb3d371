import type {ProviderEventKind} from './ops-event.js';

/** A model's health: `down` while its circuit is open (or it asked to be left alone), `half_open` once the cooldown has passed. */
export type HealthStatus = 'healthy' | 'degraded' | 'down' | 'half_open';

export type HealthOptions = {
	/** Events older than this do not count. @default 300_000 (5 minutes) */
	readonly windowMs?: number;
	/** Events kept per model, the newest. @default 50 */
	readonly windowEvents?: number;
	/** Share of failures in the window from which a model is degraded. @default 0.1 */
	readonly degradedErrorRate?: number;
	/** Share of failures in the window (of at least `minEvents`) that opens the circuit. @default 0.5 */
	readonly downErrorRate?: number;
	/** Events in the window before its error rate can open the circuit. @default 5 */
	readonly minEvents?: number;
	/** Failures in a row that open the circuit, whatever the window says. @default 5 */
	readonly consecutiveFailures?: number;
	/** How long an open circuit stays open before a probe may go through; doubled after a failed probe. @default 30_000 */
	readonly cooldownMs?: number;
	/** The longest cooldown. @default 300_000 */
	readonly maxCooldownMs?: number;
};

/** What {@link ProviderHealth.report} says about one model. */
export type ModelHealth = {
	readonly model: string;
	readonly status: HealthStatus;
	/** Events in the window, and the share of them that failed. */
	readonly events: number;
	readonly errorRate: number;
	readonly consecutiveFailures: number;
	/** Mean latency of the window's timed events; null without any. */
	readonly averageLatencyMs: number | null;
	readonly circuit: 'closed' | 'open';
	/** When an open circuit lets a probe through, or a rate limit ends; null otherwise. */
	readonly retryAtMs: number | null;
	readonly lastEvent: {readonly event: ProviderEventKind; readonly atMs: number; readonly details: string | null} | null;
};

/** A model's state as snapshots keep it: events [atMs, failed (0/1), latencyMs or -1], circuit, and the last event. */
export type ModelHealthJson = {
	readonly model: string;
	readonly events: Array<[number, number, number]>;
	readonly consecutiveFailures: number;
	readonly openedAtMs: number | null;
	readonly cooldownMs: number;
	readonly retryUntilMs: number | null;
	readonly lastEvent: [ProviderEventKind, number, string | null] | null;
};

type Window = {events: number; failures: number; timed: number; latencySumMs: number};

type ModelState = {
	events: Array<[atMs: number, failed: number, latencyMs: number]>;
	/** The window as last counted, and the times between which it holds (no event enters or leaves it). */
	window: Window | undefined;
	windowFromMs: number;
	windowUntilMs: number;
	consecutiveFailures: number;
	openedAtMs: number | null;
	cooldownMs: number;
	retryUntilMs: number | null;
	lastEvent: [ProviderEventKind, number, string | null] | null;
};

const defaults = {
	windowMs: 300_000,
	windowEvents: 50,
	degradedErrorRate: 0.1,
	downErrorRate: 0.5,
	minEvents: 5,
	consecutiveFailures: 5,
	cooldownMs: 30_000,
	maxCooldownMs: 300_000,
} as const satisfies Required<HealthOptions>;

/**
 * Each model's recent calls and a circuit breaker over them. Closed, a model is healthy or degraded by the share
 * of failures in a sliding window; enough failures (a share of the window, or several in a row) open the
 * circuit: the model is down. After the cooldown it is half-open: the next event is the probe, and a success
 * closes the circuit with a clean window (the model is back), a failure opens it again for twice as long.
 * Time comes from the events and from the caller's clock, never from the system.
 */
export class ProviderHealth {
	readonly #options: Required<HealthOptions>;
	readonly #models = new Map<string, ModelState>();

	constructor(options: HealthOptions = {}, json: readonly ModelHealthJson[] = []) {
		this.#options = {...defaults, ...options};
		for (const model of json) {
			this.#models.set(model.model, {
				events: model.events.map(([atMs, failed, latencyMs]) => [atMs, failed, latencyMs]),
				window: undefined,
				windowFromMs: 0,
				windowUntilMs: 0,
				consecutiveFailures: model.consecutiveFailures,
				openedAtMs: model.openedAtMs,
				cooldownMs: model.cooldownMs,
				retryUntilMs: model.retryUntilMs,
				lastEvent: model.lastEvent,
			});
		}
	}

	get options(): Required<HealthOptions> {
		return this.#options;
	}

	/** Records what one call did. */
	record(model: string, event: ProviderEventKind, atMs: number, latencyMs: number | null, retryAfterMs: number | null, details: string | null): void {
		const state = this.#state(model);
		const failed = event !== 'success';
		state.lastEvent = [event, atMs, details];
		if (event === 'rate_limited' && retryAfterMs !== null) {
			state.retryUntilMs = Math.max(state.retryUntilMs ?? 0, atMs + retryAfterMs);
		}

		const {options} = this;
		if (state.openedAtMs !== null) {
			if (atMs < state.openedAtMs + state.cooldownMs) {
				// Calls that were under way when the circuit opened: they count, but decide nothing.
				this.#push(state, atMs, failed, latencyMs);
				return;
			}

			// The probe.
			if (failed) {
				state.openedAtMs = atMs;
				state.cooldownMs = Math.min(options.maxCooldownMs, state.cooldownMs * 2);
				this.#push(state, atMs, failed, latencyMs);
				return;
			}

			state.openedAtMs = null;
			state.cooldownMs = options.cooldownMs;
			state.consecutiveFailures = 0;
			state.events = [];
			this.#push(state, atMs, false, latencyMs);
			return;
		}

		this.#push(state, atMs, failed, latencyMs);
		state.consecutiveFailures = failed ? state.consecutiveFailures + 1 : 0;
		const window = this.#window(state, atMs);
		if (state.consecutiveFailures >= options.consecutiveFailures || (window.events >= options.minEvents && window.failures / window.events >= options.downErrorRate)) {
			state.openedAtMs = atMs;
		}
	}

	/** Records a latency seen without a health event (an outcome's). */
	recordLatency(model: string, atMs: number, latencyMs: number): void {
		this.#push(this.#state(model), atMs, false, latencyMs, true);
	}

	status(model: string, nowMs: number): HealthStatus {
		const state = this.#models.get(model);
		if (state === undefined) {
			return 'healthy';
		}

		if (state.openedAtMs !== null) {
			return nowMs < state.openedAtMs + state.cooldownMs ? 'down' : 'half_open';
		}

		if (state.retryUntilMs !== null && nowMs < state.retryUntilMs) {
			return 'down';
		}

		const window = this.#window(state, nowMs);
		return window.events > 0 && window.failures / window.events >= this.#options.degradedErrorRate ? 'degraded' : 'healthy';
	}

	/** Mean latency of the window's timed events at `nowMs`; undefined without any. */
	latencyMs(model: string, nowMs: number): number | undefined {
		const state = this.#models.get(model);
		const window = state === undefined ? undefined : this.#window(state, nowMs);
		return window === undefined || window.timed === 0 ? undefined : window.latencySumMs / window.timed;
	}

	/** Share of the window's events that succeeded (1 without events). */
	successRate(model: string, nowMs: number): number {
		const state = this.#models.get(model);
		const window = state === undefined ? undefined : this.#window(state, nowMs);
		return window === undefined || window.events === 0 ? 1 : 1 - (window.failures / window.events);
	}

	report(model: string, nowMs: number): ModelHealth {
		const state = this.#models.get(model);
		const status = this.status(model, nowMs);
		const window = state === undefined ? {events: 0, failures: 0, timed: 0, latencySumMs: 0} : this.#window(state, nowMs);
		const openedAtMs = state?.openedAtMs ?? null;
		const retryUntilMs = state?.retryUntilMs ?? null;
		let retryAtMs: number | null = null;
		if (openedAtMs !== null) {
			retryAtMs = openedAtMs + (state?.cooldownMs ?? 0);
		} else if (retryUntilMs !== null && nowMs < retryUntilMs) {
			retryAtMs = retryUntilMs;
		}

		return {
			model,
			status,
			events: window.events,
			errorRate: window.events === 0 ? 0 : window.failures / window.events,
			consecutiveFailures: state?.consecutiveFailures ?? 0,
			averageLatencyMs: window.timed === 0 ? null : window.latencySumMs / window.timed,
			circuit: openedAtMs === null ? 'closed' : 'open',
			retryAtMs,
			lastEvent: state?.lastEvent === null || state?.lastEvent === undefined ? null : {event: state.lastEvent[0], atMs: state.lastEvent[1], details: state.lastEvent[2]},
		};
	}

	/** Models with any event. */
	models(): string[] {
		return [...this.#models.keys()];
	}

	toJSON(): ModelHealthJson[] {
		return [...this.#models].map(([model, state]) => ({
			model,
			events: state.events.map(([atMs, failed, latencyMs]) => [atMs, failed, latencyMs]),
			consecutiveFailures: state.consecutiveFailures,
			openedAtMs: state.openedAtMs,
			cooldownMs: state.cooldownMs,
			retryUntilMs: state.retryUntilMs,
			lastEvent: state.lastEvent,
		}));
	}

	#state(model: string): ModelState {
		let state = this.#models.get(model);
		if (state === undefined) {
			state = {events: [], window: undefined, windowFromMs: 0, windowUntilMs: 0, consecutiveFailures: 0, openedAtMs: null, cooldownMs: this.#options.cooldownMs, retryUntilMs: null, lastEvent: null};
			this.#models.set(model, state);
		}

		return state;
	}

	/** Adds an event, newest last; a latency that is no health event (`latencyOnly`) is marked -1 where failures are counted. */
	#push(state: ModelState, atMs: number, failed: boolean, latencyMs: number | null, latencyOnly = false): void {
		state.events.push([atMs, latencyOnly ? -1 : (failed ? 1 : 0), latencyMs ?? -1]);
		state.window = undefined;
		if (state.events.length > this.#options.windowEvents) {
			state.events.splice(0, state.events.length - this.#options.windowEvents);
		}
	}

	/**
	 * The events in the window ending at `nowMs`. Counted once and kept until an event is added or one enters or
	 * leaves the window: routes ask about every candidate's health, many times a second.
	 */
	#window(state: ModelState, nowMs: number): Window {
		if (state.window !== undefined && nowMs >= state.windowFromMs && nowMs < state.windowUntilMs) {
			return state.window;
		}

		const {windowMs} = this.#options;
		const since = nowMs - windowMs;
		let events = 0;
		let failures = 0;
		let timed = 0;
		let latencySumMs = 0;
		// From `nowMs` on, the count holds until a later event enters or a counted one leaves.
		let untilMs = Number.POSITIVE_INFINITY;
		for (const [atMs, failed, latencyMs] of state.events) {
			if (atMs > nowMs) {
				untilMs = Math.min(untilMs, atMs);
				continue;
			}

			if (atMs < since) {
				continue;
			}

			untilMs = Math.min(untilMs, atMs + windowMs);

			if (failed >= 0) {
				events++;
				failures += failed;
			}

			if (latencyMs >= 0) {
				timed++;
				latencySumMs += latencyMs;
			}
		}

		state.window = {events, failures, timed, latencySumMs};
		state.windowFromMs = nowMs;
		state.windowUntilMs = untilMs;
		return state.window;
	}
}
