import path from 'node:path';
import {parseArgs} from 'node:util';
import seedrandom from 'seedrandom';
import {formatUsd} from '../../decision/format.js';
import type {HistoryRecord} from '../../learning/history-record.js';
import type {ModelConfig} from '../../models/model-config.js';
import {readReplay, type ReadReplayLine} from '../../replay/read-replay.js';
import type {ReplayLine} from '../../replay/replay-line.js';
import {readRouterBench} from '../../replay/routerbench-csv.js';
import {ReplayClock} from '../../replay/replay-clock.js';
import {dataBaselines, routePass, type NumberedLine, type RouterPass} from '../../replay/replay-engine.js';
import {renderReplayReport} from '../../replay/replay-report.js';
import {bestSingleModel, summarizeReplay, type ReplaySummary} from '../../replay/replay-summary.js';
import {AdaptiveRouter} from '../../router.js';
import {MemoryStore} from '../../workspace/memory-store.js';
import {bootstrapIntervals} from '../../stats/bootstrap.js';
import {MAX_SWEEP_SAMPLES, SweepSamples, sweepIntervals, type SweepConfidence} from '../../replay/sweep-intervals.js';
import type {CliIo} from '../cli-io.js';
import {readModelsFile} from '../models-file.js';
import {renderTable} from '../table.js';
import {UsageError} from '../usage-error.js';

const help = `Usage: tierwise replay DATA --models FILE [--train FILE] [--sweep | --cost-weight W]
                       [--seed S] [--shuffle] [--exploration RATE] [--skip-bad]
                       [--decisions OUT.jsonl] [--report OUT.html] [--workspace DIR] [--json]

Replays real outcomes: routes every prompt of DATA (one a line, {"id", "prompt", "task",
"outcomes": {"MODEL": {"quality", "costUsd"}}}, or a RouterBench CSV when DATA ends in .csv), reports the chosen model's real outcome back, so
that the router learns as it goes, and compares what it got and spent with every model alone, a
random pick, the oracle (the cheapest model with the best outcome) and the mixed single models.
A file of up to 50,000 lines is kept in memory after its first read, a larger one is streamed. Each
router setting is a fresh router in memory, on a clock of the replay's own (from 2026-01-01, one
second a prompt), unless --workspace names one.

Options:
  --models FILE       the models and prices (a JSON array, or an object with "models")
  --train FILE        replay lines to learn from first, by every router
  --sweep             run 16 settings of the cost weight, from best quality to cheapest, and
                      give the curve, its AIQ and quality at 10/25/50% of the best model's cost
  --cost-weight W     one setting of the cost weight (default: the router's own rule)
  --seed S            seeds exploration and --shuffle (default 2026): one seed, one result
  --shuffle           route the prompts in a seeded random order (reads DATA into memory)
  --exploration RATE  the share of decisions that explore (default 0.05)
  --skip-bad          skip lines that are not valid replay lines, and count them
  --decisions OUT     write {"id", "model", "point"} a line for every routed prompt
  --report OUT        write a self-contained HTML page: the cost-quality plot, the table, the
                      model mix and the totals by task
  --workspace DIR     replay into this workspace (one setting): its models, what it has learned,
                      and every decision and outcome kept there; each outcome waits for the disk
  --json              print the results as JSON
  -h, --help          show this help`;

/** The cost weights of --sweep: from the best predicted quality (0) to nearly always the cheapest. */
export const SWEEP_COST_WEIGHTS = [0, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.12, 0.14, 0.17, 0.2, 0.25, 0.3, 0.4, 0.6, 1] as const;

/*
A data file up to this many lines and prompt characters is kept in memory after the first pass over it, for the
passes after (the baselines, then one a setting); a larger one is read again for each, so that its size never
sets the memory a replay needs. `--shuffle` keeps every line.
*/
const MAX_HELD_LINES = 50_000;
const MAX_HELD_CHARACTERS = 50_000_000;

export async function replayCommand(args: readonly string[], io: CliIo): Promise<number> {
	const {values, positionals} = parseArgs({
		args: [...args],
		allowPositionals: true,
		options: {
			models: {type: 'string'},
			train: {type: 'string'},
			sweep: {type: 'boolean'},
			'cost-weight': {type: 'string'},
			seed: {type: 'string'},
			shuffle: {type: 'boolean'},
			exploration: {type: 'string'},
			'skip-bad': {type: 'boolean'},
			decisions: {type: 'string'},
			report: {type: 'string'},
			workspace: {type: 'string'},
			json: {type: 'boolean'},
			help: {type: 'boolean', short: 'h'},
		},
	});
	if (values.help === true) {
		io.stdout(`${help}\n`);
		return 0;
	}

	const [data, ...extra] = positionals;
	if (data === undefined || extra.length > 0) {
		throw new UsageError('replay needs one DATA file');
	}

	if (values.models === undefined) {
		throw new UsageError('replay needs --models FILE');
	}

	if (values.sweep === true && values['cost-weight'] !== undefined) {
		throw new UsageError('give --sweep or --cost-weight, not both');
	}

	if (values.sweep === true && values.workspace !== undefined) {
		throw new UsageError('--workspace takes one setting: a sweep would teach one workspace from every setting at once');
	}

	for (const file of [data, values.train]) {
		if (file !== undefined && !await io.exists(file)) {
			throw new UsageError(`there is no file ${file}`);
		}
	}

	const costWeight = numberOption(values['cost-weight'], '--cost-weight', 0, Number.POSITIVE_INFINITY);
	const exploration = numberOption(values.exploration, '--exploration', 0, 1) ?? 0.05;
	const seed = values.seed ?? '2026';
	const skipBad = values['skip-bad'] === true;
	const models = await readModelsFile(values.models, io) as ModelConfig[];
	const names = models.map(model => model.name);
	const settings: Array<number | undefined> = values.sweep === true ? [...SWEEP_COST_WEIGHTS] : [costWeight];

	// A first pass checks every line, so that a bad one stops the replay before anything is routed. It keeps the
	// lines of a small file (every line, to shuffle them), so that the passes after it need not read it again.
	let skipped = 0;
	let held: NumberedLine[] | undefined = [];
	let heldCharacters = 0;
	for await (const read of readData(io, data, skipBad)) {
		if ('skipped' in read) {
			skipped++;
		} else if (held !== undefined) {
			held.push(read);
			heldCharacters += read.line.prompt.length;
			if (values.shuffle !== true && (held.length > MAX_HELD_LINES || heldCharacters > MAX_HELD_CHARACTERS)) {
				held = undefined;
			}
		}
	}

	const inMemory = held !== undefined && values.shuffle === true ? shuffled(held, seed) : held;
	const source = (): AsyncIterable<NumberedLine> | Iterable<NumberedLine> => inMemory ?? lines(io, data, skipBad);
	const started = performance.now();
	const baselines = await dataBaselines(source(), names, data);
	if (baselines.prompts === 0) {
		throw new UsageError(`${data} has no replay lines`);
	}

	const decisions = values.decisions === undefined ? undefined : io.openWriter(values.decisions);
	// For one setting, a row a prompt for the intervals: its quality, the best single model's, its cost and the best model's.
	const bestModel = bestSingleModel(baselines)?.model ?? '';
	const perPrompt = settings.length === 1 ? [] as number[] : undefined;
	// For a sweep, every prompt's outcome under every setting and model, for the intervals of its AIQ.
	const sweepSamples = settings.length > 1 && baselines.prompts <= MAX_SWEEP_SAMPLES ? new SweepSamples(names, settings.length, baselines.prompts) : undefined;
	const showProgress = io.isStderrTty && values.json !== true;
	let drawnAt = 0;
	const passes: Array<{costWeight: number | null; pass: RouterPass}> = [];
	// Time spent routing and reporting outcomes, learning --train and reading baselines aside.
	let routingMs = 0;
	try {
		for (const [point, setting] of settings.entries()) {
			// In memory, the replay runs on a clock of its own; into a workspace, which other processes may share, on the system's.
			const {router, clock} = values.workspace === undefined
				? await openReplayRouter(models, seed, exploration)
				: {router: await openWorkspaceForReplay(values.workspace, models, seed, exploration, io), clock: undefined};
			try {
				if (values.train !== undefined) {
					await learnFile(router, io, values.train, skipBad);
				}

				const passStarted = performance.now();
				let index = 0;
				const pass = await routePass(source(), router, {
					costWeight: setting,
					source: data,
					clock,
					...(perPrompt === undefined ? {} : {onResult(line: ReplayLine, quality: number, costUsd: number) {
						perPrompt.push(quality, line.outcomes[bestModel]?.quality ?? 0, costUsd, line.outcomes[bestModel]?.costUsd ?? 0);
					}}),
					...(sweepSamples === undefined ? {} : {onResult(line: ReplayLine, quality: number, costUsd: number) {
						sweepSamples.add(point, index++, quality, costUsd, line.outcomes);
					}}),
					onProgress(prompts) {
						if (showProgress && performance.now() - drawnAt > 200) {
							drawnAt = performance.now();
							const rate = Math.round(prompts / Math.max(1e-3, (performance.now() - passStarted) / 1000));
							io.stderr(`\rsetting ${point + 1} of ${settings.length}: ${prompts.toLocaleString('en-US')} of ${baselines.prompts.toLocaleString('en-US')} prompts (${rate.toLocaleString('en-US')} a second)\u001B[K`);
						}
					},
					...(decisions === undefined ? {} : {async onDecision(id: string, model: string) {
						await decisions.write(`${JSON.stringify({id, model, point})}\n`);
					}}),
				});
				routingMs += performance.now() - passStarted;
				passes.push({costWeight: setting ?? null, pass});
			} finally {
				await router.close();
			}
		}
	} finally {
		await decisions?.close();
	}

	if (showProgress) {
		io.stderr('\r\u001B[K');
	}

	const summary = summarizeReplay(baselines, passes);
	const confidence = perPrompt === undefined ? undefined : intervals(perPrompt, seed);
	const sweepConfidence = sweepSamples === undefined ? undefined : sweepIntervals(sweepSamples, settings.map(setting => setting ?? null), seed);
	const seconds = (performance.now() - started) / 1000;
	if (values.report !== undefined) {
		const report = io.openWriter(values.report);
		await report.write(renderReplayReport(`tierwise replay of ${data}`, summary));
		await report.close();
	}

	io.stdout(values.json === true
		? `${JSON.stringify({data, seed, exploration, skipped, seconds, routingSeconds: routingMs / 1000, ...summary, ...(confidence === undefined ? {} : {confidence}), ...(sweepConfidence === undefined ? {} : {sweepConfidence})}, undefined, 2)}\n`
		: `${describe(data, summary, skipped, seconds, confidence, sweepConfidence)}\n${values.report === undefined ? '' : `Report: ${path.resolve(values.report)}\n`}`);
	return 0;
}

/**
 * 95% bootstrap intervals over prompts for one setting: its mean quality, that less the best single model's on
 * the same prompts (paired), and its cost as a share of the best model's.
 */
type Confidence = {
	readonly level: number;
	readonly resamples: number;
	readonly quality: readonly [number, number];
	readonly qualityLessBest: readonly [number, number];
	readonly costShare: readonly [number, number];
};

/** Intervals from a replay's rows of four: quality, the best single model's quality, cost, the best model's cost. */
function intervals(rows: readonly number[], seed: string): Confidence {
	const count = rows.length / 4;
	// About 2 × 10^8 draws at most, so that a million prompts take seconds: 1,000 resamples up to 200,000 prompts.
	const resamples = Math.min(1000, Math.max(100, Math.floor(2e8 / Math.max(1, count))));
	const generator = seedrandom(`bootstrap:${seed}`);
	const [quality = [Number.NaN, Number.NaN], qualityLessBest = [Number.NaN, Number.NaN], costShare = [Number.NaN, Number.NaN]] = bootstrapIntervals(Float64Array.from(rows), 4, ([quality = 0, bestQuality = 0, costUsd = 0, bestCostUsd = 0]) => [
		quality / count,
		(quality - bestQuality) / count,
		costUsd / (bestCostUsd || 1),
	], {resamples, random: () => generator.quick()});
	return {level: 0.95, resamples, quality, qualityLessBest, costShare};
}

function numberOption(text: string | undefined, name: string, min: number, max: number): number | undefined {
	if (text === undefined) {
		return undefined;
	}

	const value = Number(text);
	if (!Number.isFinite(value) || value < min || value > max) {
		throw new UsageError(`${name} takes a number from ${min}${Number.isFinite(max) ? ` to ${max}` : ' up'}, got ${text}`);
	}

	return value;
}

/** A data file's lines: RouterBench's CSV layout for a `.csv` file, replay lines otherwise. */
function readData(io: CliIo, file: string, skipBad: boolean): AsyncIterable<ReadReplayLine> {
	return file.toLowerCase().endsWith('.csv') ? readRouterBench(io.readLines(file), file, skipBad) : readReplay(io.readLines(file), file, skipBad);
}

async function * lines(io: CliIo, file: string, skipBad: boolean): AsyncIterable<NumberedLine> {
	for await (const read of readData(io, file, skipBad)) {
		if (!('skipped' in read)) {
			yield read;
		}
	}
}

/** A seeded Fisher–Yates shuffle. */
function shuffled<T>(items: readonly T[], seed: string): T[] {
	const generator = seedrandom(`shuffle:${seed}`);
	const random = () => generator.quick();
	const copy = [...items];
	for (let index = copy.length - 1; index > 0; index--) {
		const other = Math.floor(random() * (index + 1));
		[copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
	}

	return copy;
}

/**
 * A router for one replay setting, in memory, and the clock it runs on (`--train` is learned at its start). Each
 * outcome is reported right after its route, so it keeps few decisions and a store that keeps few records: memory
 * stays flat however long the file, bounded by what is learned (the similar-prompt memory and the quality
 * statistics), not by the prompts routed.
 */
async function openReplayRouter(models: readonly ModelConfig[], seed: string, exploration: number): Promise<{router: AdaptiveRouter; clock: ReplayClock}> {
	const clock = new ReplayClock();
	const router = await AdaptiveRouter.open({
		models: [...models],
		seed,
		clock: clock.now,
		abTestRate: exploration,
		maxDecisions: 1024,
		// Nothing opens this store again: it keeps what it must to take each outcome, and no ledger.
		store: new MemoryStore({maxDecisions: 16, maxOutcomes: 16, maxObservations: 16, keepOps: false}),
	});
	return {router, clock};
}

/** A workspace to replay into: it keeps everything; the models file's models are registered when missing. */
async function openWorkspaceForReplay(directory: string, models: readonly ModelConfig[], seed: string, exploration: number, io: CliIo): Promise<AdaptiveRouter> {
	return AdaptiveRouter.open({
		workspace: directory,
		models: [...models],
		seed,
		abTestRate: exploration,
		refreshIntervalMs: 0,
		onWarning: warning => {
			io.stderr(`tierwise: warning: ${warning.message}\n`);
		},
	});
}

/** Learns a replay file in batches, as history. */
async function learnFile(router: AdaptiveRouter, io: CliIo, file: string, skipBad: boolean): Promise<void> {
	let batch: HistoryRecord[] = [];
	for await (const {line} of lines(io, file, skipBad)) {
		batch.push({prompt: line.prompt, outcomes: line.outcomes});
		if (batch.length === 1000) {
			await router.learn(batch);
			batch = [];
		}
	}

	await router.learn(batch);
}

function percent(share: number | null): string {
	return share === null ? 'never' : `${(share * 100).toFixed(1)}%`;
}

function describe(data: string, summary: ReplaySummary, skipped: number, seconds: number, confidence: Confidence | undefined, sweepConfidence: SweepConfidence | undefined): string {
	const rows = [
		...summary.models.map(model => [`${model.model}${model.model === summary.best ? ' (best)' : ''}`, model.quality.toFixed(3), formatUsd(model.costUsd), percent(model.costShare)]),
		['random', summary.random.quality.toFixed(3), formatUsd(summary.random.costUsd), percent(summary.random.costShare)],
		['oracle', summary.oracle.quality.toFixed(3), formatUsd(summary.oracle.costUsd), percent(summary.oracle.costShare)],
		...summary.router.points.map(point => [`tierwise (${point.costWeight === null ? 'default rule' : `cost weight ${point.costWeight}`})`, point.quality.toFixed(3), formatUsd(point.costUsd), percent(point.costShare)]),
	];
	const lines = [
		`${data}: ${summary.prompts.toLocaleString('en-US')} prompts, ${summary.models.length} models${skipped > 0 ? `, ${skipped} bad lines skipped` : ''} (${seconds.toFixed(1)} s)`,
		'',
		renderTable(['policy', 'quality', 'cost a prompt', 'cost vs best'], rows, new Set([1, 2, 3])),
		'',
	];
	const best = summary.models.find(model => model.model === summary.best);
	const single = summary.router.points.length === 1 ? summary.router.points[0] : undefined;
	if (single !== undefined && best !== undefined) {
		lines.push(`tierwise got ${single.quality.toFixed(3)} against ${best.quality.toFixed(3)} on ${best.model}, at ${percent(single.costShare)} of its cost (${(100 - (single.costShare * 100)).toFixed(1)}% saved).`);
		if (confidence !== undefined) {
			const signed = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;
			lines.push(`95% bootstrap intervals over the prompts (${confidence.resamples} resamples): quality ${confidence.quality[0].toFixed(3)} to ${confidence.quality[1].toFixed(3)}; against ${best.model} on the same prompts ${signed(confidence.qualityLessBest[0])} to ${signed(confidence.qualityLessBest[1])}; cost ${percent(confidence.costShare[0])} to ${percent(confidence.costShare[1])} of its.`);
		}
	} else {
		const {router} = summary;
		lines.push(`AIQ ${router.aiq.toFixed(3)} (mixed single models ${summary.zeroRouterAiq.toFixed(3)}); quality at 10% of the best model's cost ${router.qualityAt['10'].toFixed(3)}, at 25% ${router.qualityAt['25'].toFixed(3)}, at 50% ${router.qualityAt['50'].toFixed(3)}; cost to match the best model ${percent(router.costShareToMatchBest)}.`);
		if (router.twoModel !== null) {
			lines.push(`${router.twoModel.strong} against ${router.twoModel.weak}: CPT(50%) ${percent(router.twoModel.cpt50)}, CPT(80%) ${percent(router.twoModel.cpt80)}, APGR ${router.twoModel.apgr.toFixed(3)} (a random router: 50%, 80%, 0.500).`);
		}

		if (sweepConfidence !== undefined) {
			const signed = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;
			lines.push(`95% bootstrap intervals over the prompts (${sweepConfidence.resamples} resamples): AIQ ${sweepConfidence.aiq[0].toFixed(3)} to ${sweepConfidence.aiq[1].toFixed(3)}; against the mixed single models on the same prompts ${signed(sweepConfidence.aiqLessZeroRouter[0])} to ${signed(sweepConfidence.aiqLessZeroRouter[1])}; quality at 50% ${sweepConfidence.qualityAt50[0].toFixed(3)} to ${sweepConfidence.qualityAt50[1].toFixed(3)}.`);
		}
	}

	return lines.join('\n');
}
