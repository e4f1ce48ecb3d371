import {parseArgs} from 'node:util';
import {parseDecision} from '../../decision/decision-schema.js';
import type {CliIo} from '../cli-io.js';
import {openRouter} from '../open-router.js';
import {openWorkspace} from '../open-workspace.js';
import {UsageError} from '../usage-error.js';

const EXPLAIN_HELP = `Usage: tierwise explain [FILE] [options]
       tierwise route "PROMPT" --json | tierwise explain
       tierwise explain HASH --workspace DIR

Explains a decision in plain English: the model and confidence, the tier and why, the
nearest seed prompts, the cost against the alternatives, the constraints applied. Reads
the decision's JSON (as \`tierwise route --json\` or decision.toJSON() give it) from FILE,
or from standard input; or, with --workspace, the decision with that hash, routed by any
process sharing the workspace.

Options:
  --workspace DIR the workspace to find the decision HASH in
  --models FILE   the models the decision was made with, to explain exclusions fully
  --json          print the explanation as JSON, for audit logs
  -h, --help      show this help`;

export async function explainCommand(args: readonly string[], io: CliIo): Promise<number> {
	const {values, positionals} = parseArgs({
		args: [...args],
		allowPositionals: true,
		options: {
			workspace: {type: 'string'},
			models: {type: 'string'},
			json: {type: 'boolean'},
			help: {type: 'boolean', short: 'h'},
		},
	});
	if (values.help === true) {
		io.stdout(`${EXPLAIN_HELP}\n`);
		return 0;
	}

	if (values.workspace !== undefined) {
		return explainFromWorkspace(values.workspace, positionals, values.json === true, io);
	}

	if (positionals.length > 1) {
		throw new UsageError(`explain takes at most one file, got ${positionals.length}`);
	}

	const path = positionals[0];
	const source = path === undefined || path === '-' ? 'standard input' : path;
	let text: string | undefined;
	try {
		text = path === undefined || path === '-' ? await io.readStdin() : await io.readFile(path);
	} catch (error) {
		throw new UsageError(`cannot read ${source}: ${(error as Error).message}`);
	}

	if (text === undefined || text.trim() === '') {
		throw new UsageError(`no decision to explain: pipe one in (tierwise route "..." --json | tierwise explain) or name a file`);
	}

	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		throw new UsageError(`${source} is not valid JSON: ${(error as Error).message}`);
	}

	const decision = parseDecision(json, source);
	const router = await openRouter(values.models, io);
	try {
		io.stdout(values.json === true ? `${JSON.stringify(router.explainJson(decision), undefined, 2)}\n` : `${router.explain(decision)}\n`);
	} finally {
		await router.close();
	}

	return 0;
}

async function explainFromWorkspace(directory: string, positionals: readonly string[], json: boolean, io: CliIo): Promise<number> {
	const hash = positionals[0];
	if (hash === undefined || positionals.length > 1) {
		throw new UsageError('explain --workspace DIR takes one decision hash');
	}

	const router = await openWorkspace(directory, io, true);
	try {
		const decision = await router.lookupDecision(hash);
		if (decision === undefined) {
			io.stderr(`tierwise explain: no decision ${hash} is kept in ${directory} (unknown, or past its retention).\n`);
			return 1;
		}

		io.stdout(json ? `${JSON.stringify(router.explainJson(decision), undefined, 2)}\n` : `${router.explain(decision)}\n`);
		return 0;
	} finally {
		await router.close();
	}
}
