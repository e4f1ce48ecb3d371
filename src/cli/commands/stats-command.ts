import {parseArgs} from 'node:util';
import type {CliIo} from '../cli-io.js';
import {openWorkspace} from '../open-workspace.js';
import {UsageError} from '../usage-error.js';

const help = `Usage: tierwise stats --workspace DIR [--json]

Counts what a workspace keeps, every process's records included: decisions, those with an
outcome, and models.

Options:
  --workspace DIR   the workspace
  --json            print the counts as JSON
  -h, --help        show this help`;

export async function statsCommand(args: readonly string[], io: CliIo): Promise<number> {
	const {values} = parseArgs({args: [...args], options: {workspace: {type: 'string'}, json: {type: 'boolean'}, help: {type: 'boolean', short: 'h'}}});
	if (values.help === true) {
		io.stdout(`${help}\n`);
		return 0;
	}

	if (values.workspace === undefined) {
		throw new UsageError('stats needs --workspace DIR');
	}

	const router = await openWorkspace(values.workspace, io, true);
	const stats = router.stats();
	await router.close();
	io.stdout(values.json === true
		? `${JSON.stringify({workspace: stats.store, decisions: stats.decisions, outcomes: stats.outcomes, models: stats.models}, undefined, 2)}\n`
		: `${stats.store}\n  decisions  ${stats.decisions}\n  outcomes   ${stats.outcomes}\n  models     ${stats.models}\n`);
	return 0;
}
