import {PROVIDER_EVENT_KINDS, SLA_BREACH_KINDS} from '../../ops/ops-event.js';
import {OUTCOME_ERROR_KINDS} from '../../outcome/outcome.js';
import {TIERS} from '../../tiers.js';
import {isAmount, isBoolean, isFiniteNumber, isShare, isString, listOf, nullable, oneOf, type Check} from '../../util/value-checks.js';

/*
Ops events are two of every four records a decision and its outcome write, and opening or compacting a large
workspace reads them all: checked by hand, one reads in a third of the time zod's schema took (2 µs against 5).
The checks are those of the schema: every field the ledger and health read, of its type.
*/
const isoTime = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/u;
const tiers: ReadonlySet<unknown> = new Set(TIERS);
const breachKinds: ReadonlySet<unknown> = new Set(SLA_BREACH_KINDS);
const providerEvents: ReadonlySet<unknown> = new Set(PROVIDER_EVENT_KINDS);
const errorKinds: ReadonlySet<unknown> = new Set(OUTCOME_ERROR_KINDS);
const budgetModes: ReadonlySet<unknown> = new Set(['normal', 'economy', 'limit']);
const sources: ReadonlySet<unknown> = new Set(['outcome', 'log']);

const time: Check = value => typeof value === 'string' && isoTime.test(value) && !Number.isNaN(Date.parse(value));

const schemas: Readonly<Record<string, Readonly<Record<string, Check>>>> = {
	route: {
		at: time,
		hash: isString,
		model: isString,
		provider: isString,
		tier: oneOf(tiers),
		user: nullable(isString),
		confidence: isFiniteNumber,
		estimatedCostUsd: isAmount,
		baselineCostUsd: isAmount,
		budgetMode: oneOf(budgetModes),
		breaches: listOf(oneOf(breachKinds)),
		adjusted: listOf(oneOf(breachKinds)),
		compliant: isBoolean,
	},
	usage: {
		at: time,
		source: oneOf(sources),
		hash: nullable(isString),
		model: isString,
		provider: isString,
		tier: nullable(oneOf(tiers)),
		user: nullable(isString),
		inputTokens: nullable(isAmount),
		outputTokens: nullable(isAmount),
		costUsd: nullable(isAmount),
		score: nullable(isShare),
		latencyMs: nullable(isAmount),
		error: nullable(oneOf(errorKinds)),
	},
	provider: {
		at: time,
		model: isString,
		event: oneOf(providerEvents),
		latencyMs: nullable(isAmount),
		retryAfterMs: nullable(isAmount),
		details: nullable(isString),
	},
};

const fields = new Map(Object.entries(schemas).map(([kind, checks]) => [kind, Object.entries(checks)]));

/** Why an ops record's event is not one, or undefined when it is. */
export function opsEventProblem(event: unknown): string | undefined {
	if (typeof event !== 'object' || event === null) {
		return 'event is not an object';
	}

	const kind = (event as {kind?: unknown}).kind;
	const checks = typeof kind === 'string' ? fields.get(kind) : undefined;
	if (checks === undefined) {
		return `event kind ${JSON.stringify(kind)} is not route, usage or provider`;
	}

	for (const [name, check] of checks) {
		if (!check((event as Record<string, unknown>)[name])) {
			return `${String(kind)} event field ${name} is missing or of the wrong type`;
		}
	}

	return undefined;
}
