import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {CostLedger} from '../../src/ops/cost-ledger.js';
import {costReport, REPORT_GROUPS} from '../../src/ops/cost-report.js';
import type {UsageEvent} from '../../src/ops/ops-event.js';
import {PERIODS} from '../../src/ops/time-periods.js';
import {TIERS} from '../../src/tiers.js';

const startMs = Date.UTC(2026, 10, 1);
const dayMs = 24 * 60 * 60 * 1000;

const usageEvent = fc.record({
	offsetMs: fc.integer({min: 0, max: 30 * dayMs}),
	model: fc.constantFrom('a', 'b', '__proto__', 'constructor'),
	user: fc.option(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'toString', 'ünïcödé 日本')), {nil: null}),
	tier: fc.option(fc.constantFrom(...TIERS), {nil: null}),
	inputTokens: fc.option(fc.nat(100_000), {nil: null}),
	outputTokens: fc.option(fc.nat(100_000), {nil: null}),
	costUsd: fc.option(fc.double({min: 0, max: 10, noNaN: true}), {nil: null}),
}).map(({offsetMs, model, user, tier, inputTokens, outputTokens, costUsd}): UsageEvent => ({
	kind: 'usage',
	at: new Date(startMs + offsetMs).toISOString(),
	source: 'log',
	hash: null,
	model,
	provider: `p-${model}`,
	tier,
	user,
	inputTokens,
	outputTokens,
	costUsd,
	score: null,
	latencyMs: null,
	error: null,
}));

function sumOfCosts(events: readonly UsageEvent[]): number {
	return events.reduce((sum, event) => sum + (event.costUsd ?? 0), 0);
}

describe('the cost ledger', () => {
	test('its total, by any period and any grouping, equals the sum of its entries', () => {
		fc.assert(fc.property(fc.array(usageEvent, {maxLength: 200}), fc.constantFrom(...PERIODS), fc.constantFrom(...REPORT_GROUPS), (events, period, by) => {
			const ledger = new CostLedger();
			for (const event of events) {
				ledger.apply(event);
			}

			const report = costReport(ledger, {period, by});
			expect(report.totalCostUsd).toBeCloseTo(sumOfCosts(events), 9);
			expect(report.rows.reduce((sum, row) => sum + row.usageEntries, 0)).toBe(events.length);
			expect(report.rows.reduce((sum, row) => sum + row.inputTokens, 0)).toBe(events.reduce((sum, event) => sum + (event.inputTokens ?? 0), 0));
			expect(report.rows.reduce((sum, row) => sum + row.unpriced, 0)).toBe(events.filter(event => event.costUsd === null).length);
		}), {numRuns: 200});
	});

	test('gives the same sums whatever order the entries arrive in, and the same after a JSON round trip', () => {
		fc.assert(fc.property(fc.array(usageEvent, {maxLength: 100}).chain(events => fc.tuple(fc.constant(events), fc.shuffledSubarray(events, {minLength: events.length, maxLength: events.length}))), ([events, shuffled]) => {
			const inOrder = new CostLedger();
			const outOfOrder = new CostLedger();
			for (const event of events) {
				inOrder.apply(event);
			}

			for (const event of shuffled) {
				outOfOrder.apply(event);
			}

			const byDay = (ledger: CostLedger) => costReport(ledger, {period: 'day', by: 'user'}).rows.map(row => ({...row, costUsd: Math.round(row.costUsd * 1e9)}));
			expect(byDay(outOfOrder)).toEqual(byDay(inOrder));
			const restored = CostLedger.fromJSON(JSON.parse(JSON.stringify(inOrder.toJSON())) as ReturnType<CostLedger['toJSON']>);
			expect(byDay(restored)).toEqual(byDay(inOrder));
		}), {numRuns: 100});
	});

	test('keeps hours older than a week as days, totals unchanged, and spend per window exact', () => {
		const ledger = new CostLedger();
		const event = (atMs: number, costUsd: number, user: string | null = null): UsageEvent => ({kind: 'usage', at: new Date(atMs).toISOString(), source: 'log', hash: null, model: 'a', provider: 'p', tier: 'simple', user, inputTokens: 10, outputTokens: 10, costUsd, score: null, latencyMs: null, error: null});
		ledger.apply(event(startMs + (3 * 60 * 60 * 1000), 1));
		ledger.apply(event(startMs + (5 * 60 * 60 * 1000), 2, 'ann'));
		ledger.apply(event(startMs + (10 * dayMs), 4));
		const buckets = ledger.buckets();
		expect(buckets.map(bucket => bucket.hours)).toEqual([24, 24, 1]);
		expect(costReport(ledger, {period: 'month'}).totalCostUsd).toBe(7);
		expect(ledger.spend('month', startMs + (10 * dayMs))).toBe(7);
		expect(ledger.spend('month', startMs + (10 * dayMs), 'ann')).toBe(2);
		expect(ledger.spend('day', startMs + (10 * dayMs))).toBe(4);
		expect(ledger.spend('hour', startMs + (10 * dayMs) + 3_599_999)).toBe(4);
		expect(ledger.spend('hour', startMs + (10 * dayMs) + 3_600_000)).toBe(0);
	});
});
