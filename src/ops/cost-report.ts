import {TierwiseError} from '../errors/tierwise-error.js';
import {describeValue} from '../errors/describe-value.js';
import type {CostLedger, LedgerBucket} from './cost-ledger.js';
import {field, mergeSums, emptySums} from './ledger-bucket.js';
import {PERIODS, periodStart, type Period} from './time-periods.js';
import {checkTimeRange} from './time-range.js';

/** What cost reports group by. */
export const REPORT_GROUPS = ['model', 'provider', 'user', 'tier'] as const;

export type ReportGroup = (typeof REPORT_GROUPS)[number];

export type CostReportOptions = {
	/** The periods rows are summed over, in UTC. @default 'day' */
	period?: Period;
	/** What each row is of. @default 'model' */
	by?: ReportGroup;
	/** Only what happened from this time (ms since the epoch) on. */
	sinceMs?: number;
	/** Only what happened before this time. */
	untilMs?: number;
};

/** One row: one period and one model (provider, user or tier). */
export type CostReportRow = {
	/** The period's start, ISO 8601. */
	readonly periodStart: string;
	/** The model, provider, user or tier; null for requests without a user (or spend logged without a tier). */
	readonly key: string | null;
	/** Decisions made. */
	readonly routed: number;
	/** Usage entries reported (outcomes with usage, and logUsage calls). */
	readonly usageEntries: number;
	readonly inputTokens: number;
	readonly outputTokens: number;
	/** Reported cost, or cost priced from reported tokens. */
	readonly costUsd: number;
	/** Entries with no cost or tokens reported: requests whose cost the ledger does not know. */
	readonly unpriced: number;
	/** What route() estimated the decisions would cost: beside `costUsd`, how good the estimates are. */
	readonly estimatedCostUsd: number;
};

export type CostReport = {
	readonly period: Period;
	readonly by: ReportGroup;
	readonly rows: CostReportRow[];
	/** The sum of the rows' costs. */
	readonly totalCostUsd: number;
	readonly totalRouted: number;
};

/** Checks report options from a caller; throws `invalid_input` for an unknown period or grouping. */
export function checkReportOptions(options: unknown): Required<Pick<CostReportOptions, 'period' | 'by'>> & CostReportOptions {
	if (options !== undefined && (typeof options !== 'object' || options === null)) {
		throw new TierwiseError('invalid_input', `Expected report options to be an object, got ${describeValue(options)}.`);
	}

	const given = (options ?? {}) as Record<string, unknown>;
	const period = given.period ?? 'day';
	const by = given.by ?? 'model';
	if (!(PERIODS as readonly unknown[]).includes(period)) {
		throw new TierwiseError('invalid_input', `Expected \`period\` to be one of ${PERIODS.join(', ')}, got ${describeValue(period)}.`);
	}

	if (!(REPORT_GROUPS as readonly unknown[]).includes(by)) {
		throw new TierwiseError('invalid_input', `Expected \`by\` to be one of ${REPORT_GROUPS.join(', ')}, got ${describeValue(by)}.`);
	}

	checkTimeRange(given);

	return {...(given as CostReportOptions), period: period as Period, by: by as ReportGroup};
}

/** The key of a bucket under a grouping. */
export function groupKey(bucket: LedgerBucket, by: ReportGroup): string | null {
	return by === 'model' ? bucket.model : (by === 'provider' ? bucket.provider : (by === 'tier' ? bucket.tier : bucket.user));
}

/**
 * The ledger summed by period and by model, provider, user or tier, oldest period first and the dearest row
 * first within one. Buckets older than the ledger's hourly horizon are whole days, and count in the period
 * holding their day's start.
 */
export function costReport(ledger: CostLedger, options: CostReportOptions = {}): CostReport {
	const {period = 'day', by = 'model'} = options;
	const rows = new Map<string, {periodStartMs: number; key: string | null; sums: number[]}>();
	for (const bucket of ledger.buckets(options.sinceMs, options.untilMs)) {
		const startMs = periodStart(period, bucket.startMs);
		const key = groupKey(bucket, by);
		const id = `${startMs}\u0000${key ?? ''}\u0000${key === null ? 'null' : ''}`;
		let row = rows.get(id);
		if (row === undefined) {
			row = {periodStartMs: startMs, key, sums: emptySums()};
			rows.set(id, row);
		}

		mergeSums(row.sums, bucket.sums);
	}

	const reportRows = [...rows.values()]
		.sort((a, b) => (a.periodStartMs - b.periodStartMs) || (field(b.sums, 'costUsd') - field(a.sums, 'costUsd')) || String(a.key).localeCompare(String(b.key)))
		.map(({periodStartMs, key, sums}) => ({
			periodStart: new Date(periodStartMs).toISOString(),
			key,
			routed: field(sums, 'routes'),
			usageEntries: field(sums, 'usageEntries'),
			inputTokens: field(sums, 'inputTokens'),
			outputTokens: field(sums, 'outputTokens'),
			costUsd: field(sums, 'costUsd'),
			unpriced: field(sums, 'usageEntries') - field(sums, 'pricedEntries'),
			estimatedCostUsd: field(sums, 'estimatedCostUsd'),
		}));
	return {
		period,
		by,
		rows: reportRows,
		totalCostUsd: reportRows.reduce((sum, row) => sum + row.costUsd, 0),
		totalRouted: reportRows.reduce((sum, row) => sum + row.routed, 0),
	};
}

/** Rows as CSV, with a header line. */
export function costReportCsv(report: CostReport): string {
	const header = ['period_start', report.by, 'routed', 'usage_entries', 'input_tokens', 'output_tokens', 'cost_usd', 'unpriced', 'estimated_cost_usd'];
	const quote = (value: string) => (/[",\n\r]/u.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
	// A key (a user's name) that a spreadsheet would read as a formula is kept as text.
	const text = (value: string) => (/^[=+\-@\t\r]/u.test(value) ? `'${value}` : value);
	const lines = report.rows.map(row => [row.periodStart, text(row.key ?? ''), String(row.routed), String(row.usageEntries), String(row.inputTokens), String(row.outputTokens), String(row.costUsd), String(row.unpriced), String(row.estimatedCostUsd)].map(value => quote(value)).join(','));
	return `${[header.join(','), ...lines].join('\n')}\n`;
}
