import {parseArgs} from 'node:util';
import {formatUsd} from '../../decision/format.js';
import type {AuditEntry} from '../../ops/audit-trail.js';
import type {CliIo} from '../cli-io.js';
import {openWorkspace} from '../open-workspace.js';
import {parseTimeArgument} from '../time-argument.js';
import {UsageError} from '../usage-error.js';

const help = `Usage: tierwise audit --workspace DIR [--since 1h] [--until TIME] [--user ID]
                      [--limit N] [--explain] [--json]

Lists a workspace's decisions and outcomes in a time range, every process's, oldest first: when,
who, which model, the cost, and why. Times are a span back from now (30m, 1h, 7d, 2w) or an ISO
date.

Options:
  --workspace DIR   the workspace
  --since TIME      from this time (default 1d)
  --until TIME      before this time (default now)
  --user ID         only this user's decisions and their outcomes
  --limit N         the newest N entries (default 1000)
  --explain         print each decision's full explanation
  --json            print the entries as JSON, explanations included
  -h, --help        show this help`;

export async function auditCommand(args: readonly string[], io: CliIo): Promise<number> {
	const {values} = parseArgs({args: [...args], options: {
		workspace: {type: 'string'},
		since: {type: 'string'},
		until: {type: 'string'},
		user: {type: 'string'},
		limit: {type: 'string'},
		explain: {type: 'boolean'},
		json: {type: 'boolean'},
		help: {type: 'boolean', short: 'h'},
	}});
	if (values.help === true) {
		io.stdout(`${help}\n`);
		return 0;
	}

	if (values.workspace === undefined) {
		throw new UsageError('audit needs --workspace DIR');
	}

	const nowMs = Date.now();
	const limit = values.limit === undefined ? undefined : Number(values.limit);
	if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
		throw new UsageError(`--limit takes a whole number from 1 up, got "${values.limit ?? ''}"`);
	}

	const router = await openWorkspace(values.workspace, io, true);
	try {
		const entries = await router.audit({
			sinceMs: parseTimeArgument(values.since ?? '1d', '--since', nowMs),
			...(values.until === undefined ? {} : {untilMs: parseTimeArgument(values.until, '--until', nowMs)}),
			...(values.user === undefined ? {} : {user: values.user}),
			...(limit === undefined ? {} : {limit}),
		});
		if (values.json === true) {
			io.stdout(`${JSON.stringify(entries, undefined, 2)}\n`);
			return 0;
		}

		if (entries.length === 0) {
			io.stdout('No decisions or outcomes in that range.\n');
			return 0;
		}

		for (const entry of entries) {
			io.stdout(`${describeEntry(entry, values.explain === true)}\n`);
		}

		return 0;
	} finally {
		await router.close();
	}
}

function describeEntry(entry: AuditEntry, explain: boolean): string {
	const who = entry.user ?? '-';
	if (entry.kind === 'outcome') {
		const cost = entry.costUsd === null ? 'cost not reported' : formatUsd(entry.costUsd);
		const extras = [entry.latencyMs === null ? undefined : `${entry.latencyMs} ms`, entry.error ?? undefined].filter(Boolean).join(', ');
		return `${entry.at}  outcome   ${entry.hash}  user ${who}  ${entry.model ?? '?'}  score ${entry.score}  ${cost}${extras === '' ? '' : `  (${extras})`}`;
	}

	const head = `${entry.at}  decision  ${entry.hash}  user ${who}  ${entry.model} (${entry.provider})  ${entry.tier}  est. ${formatUsd(entry.estimatedCostUsd)}`;
	if (explain) {
		return `${head}\n${entry.explanation.split('\n').map(line => `    ${line}`).join('\n')}`;
	}

	// In brief: the sentence that says why this model.
	const why = entry.reasoning.find(sentence => sentence.startsWith('Chose ')) ?? entry.reasoning[0] ?? '';
	return `${head}\n    ${why}`;
}
