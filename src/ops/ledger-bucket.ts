import {SLA_BREACH_KINDS, type OpsEvent, type RouteEvent, type SlaBreachKind, type UsageEvent} from './ops-event.js';

/** Sums of one bucket, as one flat array of numbers (compact in memory and in snapshots); see {@link BUCKET_FIELDS}. */
export type BucketSums = number[];

/** What each position of a bucket's sums holds. */
export const BUCKET_FIELDS = [
	// Decisions.
	'routes', 'confidenceSum', 'estimatedCostUsd', 'baselineCostUsd', 'economyRoutes', 'limitRoutes', 'compliantRoutes',
	...SLA_BREACH_KINDS.map(kind => `breach_${kind}` as const),
	...SLA_BREACH_KINDS.map(kind => `adjusted_${kind}` as const),
	// Reported usage and outcomes.
	'usageEntries', 'pricedEntries', 'inputTokens', 'outputTokens', 'costUsd', 'scored', 'qualitySum', 'timed', 'latencySumMs',
	// Entries that reported both token counts, and their tokens and cost: what another model's price can be compared on.
	'tokenEntries', 'tokenInputTokens', 'tokenOutputTokens', 'tokenCostUsd',
] as const;

export type BucketField = (typeof BUCKET_FIELDS)[number];

const position = Object.fromEntries(BUCKET_FIELDS.map((field, index) => [field, index])) as Record<BucketField, number>;

export function emptySums(): BucketSums {
	return Array.from({length: BUCKET_FIELDS.length}, () => 0);
}

export function field(sums: readonly number[], name: BucketField): number {
	return sums[position[name]] ?? 0;
}

function add(sums: BucketSums, name: BucketField, amount: number): void {
	const at = position[name];
	sums[at] = (sums[at] ?? 0) + amount;
}

/** Adds one event to a bucket's sums. */
export function addEvent(sums: BucketSums, event: RouteEvent | UsageEvent): void {
	if (event.kind === 'route') {
		add(sums, 'routes', 1);
		add(sums, 'confidenceSum', event.confidence);
		add(sums, 'estimatedCostUsd', event.estimatedCostUsd);
		add(sums, 'baselineCostUsd', event.baselineCostUsd);
		add(sums, 'economyRoutes', event.budgetMode === 'economy' ? 1 : 0);
		add(sums, 'limitRoutes', event.budgetMode === 'limit' ? 1 : 0);
		add(sums, 'compliantRoutes', event.compliant ? 1 : 0);
		for (const kind of event.breaches) {
			add(sums, `breach_${kind}`, 1);
		}

		for (const kind of event.adjusted) {
			add(sums, `adjusted_${kind}`, 1);
		}

		return;
	}

	add(sums, 'usageEntries', 1);
	add(sums, 'inputTokens', event.inputTokens ?? 0);
	add(sums, 'outputTokens', event.outputTokens ?? 0);
	if (event.costUsd !== null) {
		add(sums, 'pricedEntries', 1);
		add(sums, 'costUsd', event.costUsd);
	}

	if (event.inputTokens !== null && event.outputTokens !== null && event.costUsd !== null) {
		add(sums, 'tokenEntries', 1);
		add(sums, 'tokenInputTokens', event.inputTokens);
		add(sums, 'tokenOutputTokens', event.outputTokens);
		add(sums, 'tokenCostUsd', event.costUsd);
	}

	if (event.score !== null) {
		add(sums, 'scored', 1);
		add(sums, 'qualitySum', event.score);
	}

	if (event.latencyMs !== null) {
		add(sums, 'timed', 1);
		add(sums, 'latencySumMs', event.latencyMs);
	}
}

/** Adds `from` into `into`, field by field. */
export function mergeSums(into: BucketSums, from: readonly number[]): void {
	for (let index = 0; index < BUCKET_FIELDS.length; index++) {
		into[index] = (into[index] ?? 0) + (from[index] ?? 0);
	}
}

/** Whether an event is one the ledger counts. */
export function isLedgerEvent(event: OpsEvent): event is RouteEvent | UsageEvent {
	return event.kind === 'route' || event.kind === 'usage';
}

export type {SlaBreachKind};
