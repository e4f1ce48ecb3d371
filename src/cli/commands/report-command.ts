import {parseArgs} from 'node:util';
import {formatUsd} from '../../decision/format.js';
import {costReportCsv, REPORT_GROUPS, type ReportGroup} from '../../ops/cost-report.js';
import {PERIODS, type Period} from '../../ops/time-periods.js';
import type {AdaptiveRouter} from '../../router.js';
import {TIERS} from '../../tiers.js';
import type {CliIo} from '../cli-io.js';
import {openWorkspace} from '../open-workspace.js';
import {renderTable} from '../table.js';
import {parseTimeArgument} from '../time-argument.js';
import {UsageError} from '../usage-error.js';

const help = `Usage: tierwise report --workspace DIR [--period day] [--by model] [--since 7d]
                       [--compare MODEL] [--csv FILE] [--json]

What a workspace's traffic cost and how it went, every process's: spend by period and by model,
provider, user or tier; the saving against always using one model; the tier and model mix;
savings the outcomes suggest; the SLA's record; each model's health. Figures come from what
callers reported (logUsage, reportOutcome), never from guesses.

Options:
  --workspace DIR   the workspace
  --period P        hour, day, week or month (default day)
  --by G            model, provider, user or tier (default model)
  --since TIME      from this time: a span back from now (30m, 1h, 7d, 2w) or an ISO date (default 30d)
  --compare MODEL   the model to compare spend with (default the dearest)
  --csv FILE        write the cost rows as CSV
  --json            print everything as JSON
  -h, --help        show this help`;

export async function reportCommand(args: readonly string[], io: CliIo): Promise<number> {
	const {values} = parseArgs({args: [...args], options: {
		workspace: {type: 'string'},
		period: {type: 'string'},
		by: {type: 'string'},
		since: {type: 'string'},
		compare: {type: 'string'},
		csv: {type: 'string'},
		json: {type: 'boolean'},
		help: {type: 'boolean', short: 'h'},
	}});
	if (values.help === true) {
		io.stdout(`${help}\n`);
		return 0;
	}

	if (values.workspace === undefined) {
		throw new UsageError('report needs --workspace DIR');
	}

	const period = values.period ?? 'day';
	const by = values.by ?? 'model';
	if (!(PERIODS as readonly string[]).includes(period)) {
		throw new UsageError(`--period takes one of ${PERIODS.join(', ')}, got "${period}"`);
	}

	if (!(REPORT_GROUPS as readonly string[]).includes(by)) {
		throw new UsageError(`--by takes one of ${REPORT_GROUPS.join(', ')}, got "${by}"`);
	}

	const nowMs = Date.now();
	const sinceMs = parseTimeArgument(values.since ?? '30d', '--since', nowMs);
	const router = await openWorkspace(values.workspace, io, true);
	try {
		const report = gather(router, period as Period, by as ReportGroup, sinceMs, values.compare);
		if (values.csv !== undefined) {
			const writer = io.openWriter(values.csv);
			await writer.write(costReportCsv(report.costs));
			await writer.close();
		}

		io.stdout(values.json === true ? `${JSON.stringify(report, undefined, 2)}\n` : `${render(report)}\n`);
		return 0;
	} finally {
		await router.close();
	}
}

function gather(router: AdaptiveRouter, period: Period, by: ReportGroup, sinceMs: number, compare: string | undefined) {
	const range = {sinceMs};
	return {
		costs: router.costReport({period, by, sinceMs}),
		savings: router.savingsEstimate(compare, range),
		analytics: router.analytics(range),
		optimizations: router.costOptimizations(),
		sla: router.slaReport({sinceHours: 24}),
		health: router.providerHealth().filter(health => health.events > 0 || health.status !== 'healthy'),
	};
}

function render(report: ReturnType<typeof gather>): string {
	const {costs, savings, analytics, optimizations, sla, health} = report;
	const lines: string[] = [];
	lines.push(`Spend by ${costs.period} and ${costs.by}`);
	lines.push(costs.rows.length === 0
		? '  nothing reported in that range'
		: renderTable([costs.period, costs.by, 'routed', 'usage', 'input tok', 'output tok', 'cost', 'unpriced'], costs.rows.map(row => [
			row.periodStart.slice(0, costs.period === 'hour' ? 16 : 10).replace('T', ' '),
			row.key ?? '-',
			String(row.routed),
			String(row.usageEntries),
			String(row.inputTokens),
			String(row.outputTokens),
			formatUsd(row.costUsd),
			String(row.unpriced),
		]), new Set([2, 3, 4, 5, 6, 7])));
	lines.push(`Total ${formatUsd(costs.totalCostUsd)} over ${costs.totalRouted} decisions.`, '');
	lines.push(savings.requests === 0
		? `Savings against ${savings.comparisonModel}: no request reported its tokens yet.`
		: `Savings against always using ${savings.comparisonModel}: ${formatUsd(savings.savedUsd)} (${(savings.savedShare * 100).toFixed(1)}%): ${formatUsd(savings.actualCostUsd)} spent where it would have cost ${formatUsd(savings.comparisonCostUsd)}, on ${savings.requests} requests with tokens reported.`);
	lines.push('');
	const tiers = TIERS.map(tier => `${tier} ${(analytics.tiers[tier].share * 100).toFixed(0)}%`).join(', ');
	lines.push(`Decisions: ${analytics.totalRouted} (${tiers}); mean confidence ${analytics.averageConfidence?.toFixed(2) ?? '-'}; mean reported quality ${analytics.averageQuality?.toFixed(3) ?? '-'} over ${analytics.outcomes} outcomes.`);
	lines.push(`Models: ${analytics.models.map(model => `${model.model} ${(model.share * 100).toFixed(0)}%`).join(', ') || '-'}.`);
	lines.push('', 'Suggestions from the outcomes:');
	lines.push(...(optimizations.length === 0 ? ['  none yet: they need 10 outcomes or more per model and tier'] : optimizations.slice(0, 5).map(suggestion => `  ${suggestion.message}`)));
	lines.push('', `SLA, last 24 hours: ${sla.requests} decisions, ${(sla.complianceRate * 100).toFixed(1)}% compliant; breaches latency ${sla.breaches.latency}, budget ${sla.breaches.budget}, quality ${sla.breaches.quality}; adjusted ${sla.adjustments.latency + sla.adjustments.budget + sla.adjustments.quality}; mean latency ${sla.averageLatencyMs === null ? '-' : `${Math.round(sla.averageLatencyMs)} ms`}.`);
	lines.push('', 'Provider health:');
	lines.push(...(health.length === 0 ? ['  no events recorded'] : health.map(model => `  ${model.model}: ${model.status} (${model.events} events, ${(model.errorRate * 100).toFixed(0)}% failed, circuit ${model.circuit})`)));
	return lines.join('\n');
}
