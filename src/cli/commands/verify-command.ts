import {parseArgs} from 'node:util';
import {verifyWorkspace} from '../../workspace/file/verify-workspace.js';
import type {CliIo} from '../cli-io.js';
import {UsageError} from '../usage-error.js';

const help = `Usage: tierwise verify --workspace DIR [--json]

Checks every file of a workspace without changing any: documents, snapshot rows, journal
lines and archives (checksums, sequence numbers, schemas). Exits 0 when everything checks
out, 1 otherwise, naming each file and line that does not.

Options:
  --workspace DIR   the workspace
  --json            print the report as JSON
  -h, --help        show this help`;

export async function verifyCommand(args: readonly string[], io: CliIo): Promise<number> {
	const {values} = parseArgs({args: [...args], options: {workspace: {type: 'string'}, json: {type: 'boolean'}, help: {type: 'boolean', short: 'h'}}});
	if (values.help === true) {
		io.stdout(`${help}\n`);
		return 0;
	}

	if (values.workspace === undefined) {
		throw new UsageError('verify needs --workspace DIR');
	}

	if (!await io.exists(`${values.workspace}/workspace.json`)) {
		throw new UsageError(`${values.workspace} is not a workspace (no workspace.json)`);
	}

	const report = await verifyWorkspace(values.workspace);
	if (values.json === true) {
		io.stdout(`${JSON.stringify(report, undefined, 2)}\n`);
	} else if (report.ok) {
		io.stdout(`${values.workspace}: ${report.files} files, ${report.records} records, all check out.\n`);
	} else {
		io.stdout(`${values.workspace}: ${report.problems.length} problems in ${report.files} files:\n`);
		for (const problem of report.problems) {
			io.stdout(`  ${problem.file}${problem.line === undefined ? '' : ` line ${problem.line}`}: ${problem.problem}\n`);
		}
	}

	return report.ok ? 0 : 1;
}
