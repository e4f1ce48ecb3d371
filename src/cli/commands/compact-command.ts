import {parseArgs} from 'node:util';
import type {CliIo} from '../cli-io.js';
import {openWorkspace} from '../open-workspace.js';
import {UsageError} from '../usage-error.js';

const help = `Usage: tierwise compact --workspace DIR [--json]

Folds the workspace's journals into a new snapshot now, drops decisions past their retention,
and deletes what no snapshot needs any more. Safe while other processes use the workspace.

Options:
  --workspace DIR   the workspace
  --json            print the report as JSON
  -h, --help        show this help`;

export async function compactCommand(args: readonly string[], io: CliIo): Promise<number> {
	const {values} = parseArgs({args: [...args], options: {workspace: {type: 'string'}, json: {type: 'boolean'}, help: {type: 'boolean', short: 'h'}}});
	if (values.help === true) {
		io.stdout(`${help}\n`);
		return 0;
	}

	if (values.workspace === undefined) {
		throw new UsageError('compact needs --workspace DIR');
	}

	const router = await openWorkspace(values.workspace, io, true);
	try {
		const report = await router.compact();
		if (report === undefined) {
			io.stderr('tierwise compact: another process is compacting this workspace; nothing was done.\n');
			return 1;
		}

		io.stdout(values.json === true
			? `${JSON.stringify(report, undefined, 2)}\n`
			: `Snapshot generation ${report.generation}: ${report.decisions} decisions kept (${report.outcomes} with an outcome), ${report.expired} expired, ${report.archived} records archived, ${report.deletedSegments} journal segments deleted.\n`);
		return 0;
	} finally {
		await router.close();
	}
}
