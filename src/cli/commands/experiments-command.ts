import {parseArgs} from 'node:util';
import {describeStrategy} from '../../experiments/experiment-config.js';
import type {CliIo} from '../cli-io.js';
import {openWorkspace} from '../open-workspace.js';
import {renderTable} from '../table.js';
import {UsageError} from '../usage-error.js';

const help = `Usage: tierwise experiments --workspace DIR [NAME] [--json]

Shows each experiment of a workspace, or the one named: its arms, their outcomes, mean quality
and cost, Welch's t-test between them, and the winner once the quality difference is significant.
Counts the outcomes of every process sharing the workspace.

Options:
  --workspace DIR   the workspace
  --json            print the results as JSON
  -h, --help        show this help`;

export async function experimentsCommand(args: readonly string[], io: CliIo): Promise<number> {
	const {values, positionals} = parseArgs({args: [...args], allowPositionals: true, options: {workspace: {type: 'string'}, json: {type: 'boolean'}, help: {type: 'boolean', short: 'h'}}});
	if (values.help === true) {
		io.stdout(`${help}\n`);
		return 0;
	}

	if (values.workspace === undefined) {
		throw new UsageError('experiments needs --workspace DIR');
	}

	if (positionals.length > 1) {
		throw new UsageError(`experiments takes one name at most, got ${positionals.length}`);
	}

	const router = await openWorkspace(values.workspace, io, true);
	try {
		const names = positionals.length === 0 ? router.experiments().map(experiment => experiment.name) : positionals;
		const results = names.map(name => router.experimentResults(name));
		if (values.json === true) {
			io.stdout(`${JSON.stringify(results, undefined, 2)}\n`);
			return 0;
		}

		if (results.length === 0) {
			io.stdout('No experiments. Create one with router.createExperiment().\n');
			return 0;
		}

		for (const result of results) {
			const state = result.endedAt === null ? `running since ${result.createdAt}` : `ended ${result.endedAt}`;
			const rows = [result.arms.A, result.arms.B].map(arm => [
				arm.arm,
				describeStrategy(arm.strategy),
				String(arm.outcomes),
				arm.meanQuality.toFixed(3),
				`$${arm.meanCostUsd.toFixed(6)}`,
				`$${arm.totalCostUsd.toFixed(4)}`,
			]);
			io.stdout(`${result.name} (${state}; ${(result.split * 100).toFixed(0)}% of subjects in A)\n`);
			io.stdout(`${renderTable(['arm', 'strategy', 'outcomes', 'quality', 'mean cost', 'total cost'], rows, new Set([2, 3, 4, 5]))}\n`);
			io.stdout(`${result.summary}\nWinner: ${result.winner ?? 'none yet'}\n\n`);
		}

		return 0;
	} finally {
		await router.close();
	}
}
