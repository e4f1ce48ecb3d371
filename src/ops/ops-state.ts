import type {OutcomeErrorKind} from '../outcome/outcome.js';
import {parseIsoTime} from '../util/iso-time.js';
import {CostLedger, type LedgerBucketJson} from './cost-ledger.js';
import type {OpsEvent, ProviderEventKind} from './ops-event.js';
import {ProviderHealth, type HealthOptions, type ModelHealthJson} from './provider-health.js';

/** Everything operations keep, as a snapshot holds it (`ops.json`). */
export type OpsJson = {
	readonly events: number;
	readonly ledger: LedgerBucketJson[];
	readonly health: ModelHealthJson[];
};

/** What an outcome's error says about the provider: failures of the provider count; the caller's own (a bad request) do not. */
const healthOfError: Readonly<Record<OutcomeErrorKind, ProviderEventKind | undefined>> = {
	timeout: 'timeout',
	rate_limited: 'rate_limited',
	server_error: 'error',
	other: 'error',
	context_window_exceeded: undefined,
	content_filter: undefined,
	invalid_request: undefined,
};

/**
 * What operations know: the cost ledger (decisions and spend by the hour) and each model's health. Changed only
 * by {@link apply}; every process applying the same events holds the same sums.
 */
export class OpsState {
	readonly ledger: CostLedger;
	readonly health: ProviderHealth;
	#events = 0;

	constructor(healthOptions: HealthOptions = {}, json?: OpsJson) {
		this.ledger = json === undefined ? new CostLedger() : CostLedger.fromJSON(json.ledger);
		this.health = new ProviderHealth(healthOptions, json?.health ?? []);
		this.#events = json?.events ?? 0;
	}

	/** Events applied, this state's lifetime (snapshots included). */
	get events(): number {
		return this.#events;
	}

	apply(event: OpsEvent): void {
		this.#events++;
		const atMs = parseIsoTime(event.at);
		switch (event.kind) {
			case 'route': {
				this.ledger.apply(event);
				break;
			}

			case 'usage': {
				this.ledger.apply(event);
				if (event.source === 'outcome') {
					const failure = event.error === null ? undefined : healthOfError[event.error];
					if (failure !== undefined) {
						this.health.record(event.model, failure, atMs, event.latencyMs, null, `reported with an outcome: ${event.error ?? ''}`);
					} else if (event.error === null) {
						this.health.record(event.model, 'success', atMs, event.latencyMs, null, null);
					} else if (event.latencyMs !== null) {
						this.health.recordLatency(event.model, atMs, event.latencyMs);
					}
				}

				break;
			}

			case 'provider': {
				this.health.record(event.model, event.event, atMs, event.latencyMs, event.retryAfterMs, event.details);
				break;
			}
		}
	}

	toJSON(): OpsJson {
		return {events: this.#events, ledger: this.ledger.toJSON(), health: this.health.toJSON()};
	}
}
