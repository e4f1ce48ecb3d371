import {parseArgs} from 'node:util';
import {historyRecordSchema, historyResults, type HistoryRecord} from '../../learning/history-record.js';
import type {AdaptiveRouter} from '../../router.js';
import {readJsonLines} from '../../util/json-lines.js';
import type {CliIo} from '../cli-io.js';
import {openWorkspace} from '../open-workspace.js';
import {UsageError} from '../usage-error.js';

const help = `Usage: tierwise learn FILE --workspace DIR [--skip-bad] [--json]

Learns from history, as if each outcome in FILE had been reported: a replay file (one prompt a line
with every model's outcome, {"prompt", "outcomes": {"MODEL": {"quality", "costUsd"}}}) or a log
({"prompt", "model", "quality", "costUsd"} a line). The file is streamed, so its size does not matter.

A bad line stops the command before anything is learned, naming the line; with --skip-bad, bad lines
are counted and skipped.

Options:
  --workspace DIR   the workspace that learns
  --skip-bad        skip lines that are not valid history, and count them
  --json            print the report as JSON
  -h, --help        show this help`;

const batchSize = 1000;

/** What `tierwise learn` did. */
export type LearnSummary = {
	readonly lines: number;
	readonly results: number;
	readonly skipped: number;
	/** Models with outcomes in the file that the workspace has not registered. */
	readonly unregisteredModels: string[];
	readonly seconds: number;
};

export async function learnCommand(args: readonly string[], io: CliIo): Promise<number> {
	const {values, positionals} = parseArgs({
		args: [...args],
		allowPositionals: true,
		options: {workspace: {type: 'string'}, 'skip-bad': {type: 'boolean'}, json: {type: 'boolean'}, help: {type: 'boolean', short: 'h'}},
	});
	if (values.help === true) {
		io.stdout(`${help}\n`);
		return 0;
	}

	const [file, ...extra] = positionals;
	if (file === undefined || extra.length > 0) {
		throw new UsageError('learn needs one FILE');
	}

	if (values.workspace === undefined) {
		throw new UsageError('learn needs --workspace DIR');
	}

	if (!await io.exists(file)) {
		throw new UsageError(`there is no file ${file}`);
	}

	const skipBad = values['skip-bad'] === true;
	if (!skipBad) {
		// A first pass finds any bad line before anything is learned.
		await checkHistory(file, io);
	}

	const router = await openWorkspace(values.workspace, io, false);
	try {
		const summary = await learnFile(router, file, io, skipBad, values.json !== true && io.isStderrTty);
		io.stdout(values.json === true ? `${JSON.stringify(summary, undefined, 2)}\n` : `${describe(summary)}\n`);
		return 0;
	} finally {
		await router.close();
	}
}

type HistoryLine = {readonly record: HistoryRecord} | {readonly skipped: true};

/** The history records of a file, with bad lines skipped (`skipBad`) or thrown as `invalid_input` naming the line. */
async function * historyLines(file: string, io: CliIo, skipBad: boolean): AsyncIterable<HistoryLine> {
	for await (const read of readJsonLines(io.readLines(file), file, historyRecordSchema, {skipBad, advice: 'Fix the line, or run with --skip-bad to skip such lines. Nothing was learned.'})) {
		yield 'skipped' in read ? {skipped: true} : {record: read.value};
	}
}

/** Reads the whole file, throwing at its first bad line. */
async function checkHistory(file: string, io: CliIo): Promise<void> {
	const lines = historyLines(file, io, false)[Symbol.asyncIterator]();
	while (!(await lines.next()).done) {
		// Each line is checked as it is read.
	}
}

async function learnFile(router: AdaptiveRouter, file: string, io: CliIo, skipBad: boolean, showProgress: boolean): Promise<LearnSummary> {
	const started = performance.now();
	const registered = new Set(router.models().map(model => model.name));
	const unregistered = new Set<string>();
	let lines = 0;
	let results = 0;
	let skipped = 0;
	let drawnAt = 0;
	let batch: HistoryRecord[] = [];
	const learnBatch = async () => {
		const report = await router.learn(batch);
		lines += report.records;
		results += report.results;
		batch = [];
		if (showProgress && performance.now() - drawnAt > 200) {
			drawnAt = performance.now();
			io.stderr(`\rlearned ${lines.toLocaleString('en-US')} lines (${rate(lines, performance.now() - started)} a second)`);
		}
	};

	for await (const line of historyLines(file, io, skipBad)) {
		if ('skipped' in line) {
			skipped++;
			continue;
		}

		for (const {model} of historyResults(line.record)) {
			if (!registered.has(model)) {
				unregistered.add(model);
			}
		}

		batch.push(line.record);
		if (batch.length === batchSize) {
			await learnBatch();
		}
	}

	await learnBatch();
	if (showProgress) {
		io.stderr('\r\u001B[K');
	}

	return {lines, results, skipped, unregisteredModels: [...unregistered].sort(), seconds: (performance.now() - started) / 1000};
}

function rate(count: number, elapsedMs: number): string {
	return Math.round(count / Math.max(elapsedMs / 1000, 1e-3)).toLocaleString('en-US');
}

function describe(summary: LearnSummary): string {
	const lines = [
		`Learned ${summary.lines.toLocaleString('en-US')} lines (${summary.results.toLocaleString('en-US')} model outcomes) in ${summary.seconds.toFixed(1)} s, ${rate(summary.lines, summary.seconds * 1000)} lines a second.`,
	];
	if (summary.skipped > 0) {
		lines.push(`Skipped ${summary.skipped.toLocaleString('en-US')} bad lines.`);
	}

	if (summary.unregisteredModels.length > 0) {
		lines.push(`Not registered in the workspace: ${summary.unregisteredModels.join(', ')}. Their outcomes are kept and count once they are registered.`);
	}

	return lines.join('\n');
}
