import seedrandom from 'seedrandom';
import type {DecisionRecord} from '../decision/routing-decision.js';
import type {RegisteredModel} from '../models/registered-model.js';
import type {LoadBalancing} from '../selection/load-balancing.js';
import type {OperationsView} from '../selection/operations-view.js';
import type {WorkspaceWarning} from '../workspace/workspace-warning.js';
import type {AuditClient, AuditTransaction} from './audit-client.js';
import type {BudgetClient} from './budget-client.js';
import type {BudgetConfig} from './budget-config.js';
import {parseIsoTime} from '../util/iso-time.js';
import {budgetStatus} from './budget-status.js';
import type {RouteEvent, UsageEvent} from './ops-event.js';
import type {OpsState} from './ops-state.js';
import type {SlaBreachKind} from './ops-event.js';
import type {SlaConfig} from './sla-config.js';
import {RateLimits, type RateLimit} from './rate-limits.js';
import type {HealthStatus} from './provider-health.js';

/** The operations settings of a router, as `open` was given them. */
export type OperationsConfig = {
	readonly budgets?: BudgetConfig | undefined;
	readonly budgetClient?: BudgetClient | undefined;
	readonly auditClient?: AuditClient | undefined;
	readonly sla?: SlaConfig | undefined;
	readonly preferHealthy?: boolean | undefined;
	readonly autoScale?: boolean | undefined;
	readonly fallbackChain?: readonly string[] | undefined;
	readonly loadBalancing?: LoadBalancing | undefined;
	readonly rateLimits?: Readonly<Record<string, RateLimit>> | undefined;
	readonly seed?: string | undefined;
	readonly onWarning: (warning: WorkspaceWarning) => void;
};

/**
 * A router's operations in this process: its settings, the probes it let through to half-open models and its
 * round-robin turns. It builds each decision's view of health, budgets and the SLA from the shared state, and
 * turns decisions and reported spend into the events every process counts.
 */
export class Operations {
	readonly #config: OperationsConfig;
	readonly #probedAtMs = new Map<string, number>();
	readonly #turns = new Map<string, number>();
	readonly #random: () => number;
	readonly #rateLimits: RateLimits;
	/** What every decision's view shares: the settings with their defaults, settled once. */
	readonly #settings: SharedSettings;

	constructor(config: OperationsConfig) {
		this.#config = config;
		this.#rateLimits = new RateLimits(config.rateLimits);
		const generator = config.seed === undefined ? seedrandom() : seedrandom(`operations:${config.seed}`);
		this.#random = () => generator.quick();
		this.#settings = {
			preferHealthy: config.preferHealthy ?? true,
			autoScale: config.autoScale ?? false,
			perRequestUsd: config.budgets?.perRequestUsd,
			onLimit: config.budgets?.onLimit ?? 'reject',
			budgetClient: config.budgetClient,
			sla: config.sla,
			loadBalancing: config.loadBalancing,
			random: this.#random,
		};
	}

	/** What a decision for `user` at `nowMs` is told of health, budgets and the SLA. */
	view(state: OpsState, user: string | null, nowMs: number, fallbackChain: readonly string[] | undefined): OperationsView {
		const config = this.#config;
		return new DecisionView(state, nowMs, this.#settings, {
			budget: budgetStatus(config.budgets, state.ledger, user, nowMs),
			spentThisHourUsd: config.sla?.budgetPerHourUsd === undefined ? 0 : state.ledger.spend('hour', nowMs),
			fallbackChain: fallbackChain ?? config.fallbackChain ?? [],
		}, this.#probedAtMs, this.#turns, this.#rateLimits);
	}

	/** Whether a spent budget window stops requests of `user` at `nowMs` (with `onLimit: 'reject'`). */
	budgetSpent(state: OpsState, user: string | null, nowMs: number): boolean {
		return this.#settings.onLimit === 'reject' && budgetStatus(this.#config.budgets, state.ledger, user, nowMs).mode === 'limit';
	}

	/** Whether the model's rate limit has room for a request of `tokens` at `nowMs`. */
	hasCapacity(model: string, tokens: number, nowMs: number): boolean {
		return this.#rateLimits.hasCapacity(model, tokens, nowMs);
	}

	/** Seeded, for retries' jitter as for load balancing. */
	get random(): () => number {
		return this.#random;
	}

	/** Notes that a decision went to a half-open model: its probe is under way, so the next waits for the cooldown. */
	decided(record: DecisionRecord, nowMs: number): void {
		this.#rateLimits.take(record.model, record.estimatedTokens.input + record.estimatedTokens.output, nowMs);
		if (record.operations?.health === 'half_open') {
			this.#probedAtMs.set(record.model, nowMs);
		}

		this.#send({kind: 'decision', at: record.routedAt, decision: record});
	}

	/** Tells the clients of reported spend. */
	spent(usage: UsageEvent): void {
		this.#send({kind: 'usage', at: usage.at, usage});
		const client = this.#config.budgetClient;
		if (client?.recordSpend !== undefined && usage.costUsd !== null) {
			this.#guard('budget client', () => client.recordSpend?.({hash: usage.hash, user: usage.user, model: usage.model, costUsd: usage.costUsd ?? 0, atMs: parseIsoTime(usage.at)}));
		}
	}

	#send(transaction: AuditTransaction): void {
		const client = this.#config.auditClient;
		if (client !== undefined) {
			this.#guard('audit client', () => client.record(transaction));
		}
	}

	/** Runs a client call; what it throws or rejects with becomes a warning, never a failed route. */
	#guard(name: string, call: () => unknown): void {
		const warn = (error: unknown) => {
			this.#config.onWarning({code: 'client_failed', message: `The ${name} failed (${error instanceof Error ? error.message : String(error)}); routing went on.`});
		};

		try {
			const result = call();
			if (result instanceof Promise) {
				result.catch(warn);
			}
		} catch (error) {
			warn(error);
		}
	}
}

type SharedSettings = Pick<OperationsView, 'preferHealthy' | 'autoScale' | 'perRequestUsd' | 'onLimit' | 'budgetClient' | 'sla' | 'loadBalancing' | 'random'>;

/** What a view reads of the state at its decision's time, once. */
type DecisionReadings = Pick<OperationsView, 'budget' | 'spentThisHourUsd' | 'fallbackChain'>;

/** One decision's view: the settings, and the shared state read at the decision's time. One object a route, no closures. */
class DecisionView implements OperationsView {
	readonly preferHealthy: boolean;
	readonly autoScale: boolean;
	readonly budget: OperationsView['budget'];
	readonly perRequestUsd: number | undefined;
	readonly onLimit: 'cheapest' | 'reject';
	readonly budgetClient: OperationsView['budgetClient'];
	readonly sla: OperationsView['sla'];
	readonly spentThisHourUsd: number;
	readonly loadBalancing: OperationsView['loadBalancing'];
	readonly fallbackChain: readonly string[];
	readonly random: () => number;
	readonly nowMs: number;
	readonly #state: OpsState;
	readonly #probedAtMs: ReadonlyMap<string, number>;
	readonly #turns: Map<string, number>;
	readonly #rateLimits: RateLimits;

	constructor(state: OpsState, nowMs: number, settings: SharedSettings, readings: DecisionReadings, probedAtMs: ReadonlyMap<string, number>, turns: Map<string, number>, rateLimits: RateLimits) {
		this.preferHealthy = settings.preferHealthy;
		this.autoScale = settings.autoScale;
		this.budget = readings.budget;
		this.perRequestUsd = settings.perRequestUsd;
		this.onLimit = settings.onLimit;
		this.budgetClient = settings.budgetClient;
		this.sla = settings.sla;
		this.spentThisHourUsd = readings.spentThisHourUsd;
		this.loadBalancing = settings.loadBalancing;
		this.fallbackChain = readings.fallbackChain;
		this.random = settings.random;
		this.nowMs = nowMs;
		this.#state = state;
		this.#probedAtMs = probedAtMs;
		this.#turns = turns;
		this.#rateLimits = rateLimits;
	}

	hasCapacity(model: string, tokens: number): boolean {
		return this.#rateLimits.size === 0 || this.#rateLimits.hasCapacity(model, tokens, this.nowMs);
	}

	capacityWaitMs(model: string, tokens: number): number {
		return this.#rateLimits.waitMs(model, tokens, this.nowMs);
	}

	health(model: string): HealthStatus {
		return this.#state.health.status(model, this.nowMs);
	}

	mayProbe(model: string): boolean {
		const probed = this.#probedAtMs.get(model);
		return probed === undefined || this.nowMs - probed >= this.#state.health.options.cooldownMs;
	}

	successRate(model: string): number {
		return this.#state.health.successRate(model, this.nowMs);
	}

	latencyMs(model: RegisteredModel): number | undefined {
		return this.#state.health.latencyMs(model.name, this.nowMs) ?? model.config.avgLatencyMs;
	}

	nextTurn(pool: string): number {
		const turn = this.#turns.get(pool) ?? 0;
		this.#turns.set(pool, turn + 1);
		return turn;
	}
}

/** The route event of a decision: what the ledger, analytics and the SLA report count. */
export function routeEventOf(record: DecisionRecord): RouteEvent {
	return {
		kind: 'route',
		at: record.routedAt,
		hash: record.hash,
		model: record.model,
		provider: record.provider,
		tier: record.tier,
		user: record.user,
		confidence: record.confidence,
		estimatedCostUsd: record.estimatedCostUsd,
		baselineCostUsd: record.operations?.baselineCostUsd ?? record.estimatedCostUsd,
		budgetMode: record.operations?.budget.mode ?? 'normal',
		breaches: record.sla.breaches as SlaBreachKind[],
		adjusted: record.sla.adjustedFor as SlaBreachKind[],
		compliant: record.sla.compliant,
	};
}
