import seedrandom from 'seedrandom';
import type {DecisionRecord} from '../decision/routing-decision.js';
import type {RegisteredModel} from '../models/registered-model.js';
import type {LoadBalancing} from '../selection/load-balancing.js';
import type {OperationsView} from '../selection/operations-view.js';
import type {WorkspaceWarning} from '../workspace/workspace-warning.js';
import type {AuditClient, AuditTransaction} from './audit-client.js';
import type {BudgetClient} from './budget-client.js';
import type {BudgetConfig} from './budget-config.js';
import {budgetStatus} from './budget-status.js';
import type {RouteEvent, UsageEvent} from './ops-event.js';
import type {OpsState} from './ops-state.js';
import type {SlaBreachKind} from './ops-event.js';
import type {SlaConfig} from './sla-config.js';

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

	constructor(config: OperationsConfig) {
		this.#config = config;
		const generator = config.seed === undefined ? seedrandom() : seedrandom(`operations:${config.seed}`);
		this.#random = () => generator.quick();
	}

	/** What a decision for `user` at `nowMs` is told of health, budgets and the SLA. */
	view(state: OpsState, user: string | null, nowMs: number, fallbackChain: readonly string[] | undefined): OperationsView {
		const {health, ledger} = state;
		const config = this.#config;
		return {
			health: model => health.status(model, nowMs),
			mayProbe: model => {
				const probed = this.#probedAtMs.get(model);
				return probed === undefined || nowMs - probed >= health.options.cooldownMs;
			},
			successRate: model => health.successRate(model, nowMs),
			latencyMs: (model: RegisteredModel) => health.latencyMs(model.name, nowMs) ?? model.config.avgLatencyMs,
			preferHealthy: config.preferHealthy ?? true,
			autoScale: config.autoScale ?? false,
			budget: budgetStatus(config.budgets, ledger, user, nowMs),
			perRequestUsd: config.budgets?.perRequestUsd,
			onLimit: config.budgets?.onLimit ?? 'reject',
			budgetClient: config.budgetClient,
			sla: config.sla,
			spentThisHourUsd: config.sla?.budgetPerHourUsd === undefined ? 0 : ledger.spend('hour', nowMs),
			loadBalancing: config.loadBalancing,
			nextTurn: pool => {
				const turn = this.#turns.get(pool) ?? 0;
				this.#turns.set(pool, turn + 1);
				return turn;
			},
			fallbackChain: fallbackChain ?? config.fallbackChain ?? [],
			random: this.#random,
			nowMs,
		};
	}

	/** Notes that a decision went to a half-open model: its probe is under way, so the next waits for the cooldown. */
	decided(record: DecisionRecord, nowMs: number): void {
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
			this.#guard('budget client', () => client.recordSpend?.({hash: usage.hash, user: usage.user, model: usage.model, costUsd: usage.costUsd ?? 0, atMs: Date.parse(usage.at)}));
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
