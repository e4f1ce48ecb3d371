import {TierwiseError} from '../errors/tierwise-error.js';
import type {AdaptiveRouter} from '../router.js';
import type {ReplayClock} from './replay-clock.js';
import type {ReplayLine} from './replay-line.js';

/** A replay line with where it was read, for messages. */
export type NumberedLine = {
	readonly line: ReplayLine;
	readonly number: number;
};

/** Mean quality and cost of a policy over the prompts it saw. */
export type PolicyTotals = {
	readonly prompts: number;
	readonly quality: number;
	readonly costUsd: number;
};

/** What the data says whatever the router does: every model alone, a uniformly random pick, and the oracle. */
export type DataBaselines = {
	readonly prompts: number;
	/** Each model's mean quality and cost, in the order the models file lists them. */
	readonly models: ReadonlyArray<PolicyTotals & {readonly model: string}>;
	/** The expectation of picking a model uniformly at random for each prompt. */
	readonly random: PolicyTotals;
	/** For each prompt the cheapest model with the best outcome. */
	readonly oracle: PolicyTotals;
};

/** One pass of the router over the data: its totals, the mix of models it chose, and the totals by task. */
export type RouterPass = PolicyTotals & {
	/** How many prompts went to each model. */
	readonly modelMix: Readonly<Record<string, number>>;
	readonly tasks: Readonly<Record<string, PolicyTotals>>;
};

type Sums = {prompts: number; quality: number; costUsd: number};

function totals(sums: Sums): PolicyTotals {
	return {prompts: sums.prompts, quality: sums.prompts === 0 ? 0 : sums.quality / sums.prompts, costUsd: sums.prompts === 0 ? 0 : sums.costUsd / sums.prompts};
}

/**
 * The baselines of a replay over `models`. Throws `invalid_input` naming the line when a line has no outcome for
 * one of them: a model without outcomes everywhere cannot be compared.
 */
export async function dataBaselines(lines: AsyncIterable<NumberedLine> | Iterable<NumberedLine>, models: readonly string[], source: string): Promise<DataBaselines> {
	const byModel = models.map(() => ({prompts: 0, quality: 0, costUsd: 0}));
	const random = {prompts: 0, quality: 0, costUsd: 0};
	const oracle = {prompts: 0, quality: 0, costUsd: 0};
	for await (const {line, number} of lines) {
		let best: {quality: number; costUsd: number} | undefined;
		let qualitySum = 0;
		let costSum = 0;
		for (const [index, model] of models.entries()) {
			const outcome = outcomeOf(line, number, model, source);
			const sums = byModel[index] as Sums;
			sums.prompts++;
			sums.quality += outcome.quality;
			sums.costUsd += outcome.costUsd;
			qualitySum += outcome.quality;
			costSum += outcome.costUsd;
			if (best === undefined || outcome.quality > best.quality || (outcome.quality === best.quality && outcome.costUsd < best.costUsd)) {
				best = outcome;
			}
		}

		random.prompts++;
		random.quality += qualitySum / models.length;
		random.costUsd += costSum / models.length;
		oracle.prompts++;
		oracle.quality += best?.quality ?? 0;
		oracle.costUsd += best?.costUsd ?? 0;
	}

	return {prompts: random.prompts, models: models.map((model, index) => ({model, ...totals(byModel[index] as Sums)})), random: totals(random), oracle: totals(oracle)};
}

/**
 * Routes every line, reports the chosen model's real outcome back (the router learns as it goes), and adds up
 * what the choices got and cost. `onDecision` sees each choice, for `--decisions`.
 */
export async function routePass(
	lines: AsyncIterable<NumberedLine> | Iterable<NumberedLine>,
	router: AdaptiveRouter,
	options: {
		readonly costWeight?: number | undefined;
		readonly source: string;
		/** The router's clock, moved on before each prompt; without it, the router's own clock runs as it runs. */
		readonly clock?: ReplayClock | undefined;
		/** Sees each choice; a promise it returns is awaited, so that a slow writer holds the replay back. */
		readonly onDecision?: (id: string, model: string) => Promise<void> | void;
		/** Sees each prompt's line and what the chosen model's answer got and cost, for intervals. */
		readonly onResult?: (line: ReplayLine, quality: number, costUsd: number) => void;
		/** Called with the prompts routed so far, every 1,000. */
		readonly onProgress?: (prompts: number) => void;
	},
): Promise<RouterPass> {
	const all = {prompts: 0, quality: 0, costUsd: 0};
	const modelMix: Record<string, number> = {};
	const tasks = new Map<string, Sums>();
	// No options at all when there is no cost weight: route() then skips checking them.
	const routeOptions = options.costWeight === undefined ? undefined : {costWeight: options.costWeight};
	for await (const {line, number} of lines) {
		options.clock?.advance();
		const decision = router.route(line.prompt, routeOptions);
		const outcome = outcomeOf(line, number, decision.model, options.source);
		await router.reportOutcome(decision.hash, outcome.quality, {costUsd: outcome.costUsd});
		await options.onDecision?.(line.id, decision.model);
		options.onResult?.(line, outcome.quality, outcome.costUsd);
		all.prompts++;
		all.quality += outcome.quality;
		all.costUsd += outcome.costUsd;
		modelMix[decision.model] = (modelMix[decision.model] ?? 0) + 1;
		const task = line.task ?? 'all';
		const sums = tasks.get(task) ?? {prompts: 0, quality: 0, costUsd: 0};
		sums.prompts++;
		sums.quality += outcome.quality;
		sums.costUsd += outcome.costUsd;
		tasks.set(task, sums);
		if (all.prompts % 1000 === 0) {
			options.onProgress?.(all.prompts);
		}
	}

	return {...totals(all), modelMix, tasks: Object.fromEntries([...tasks].map(([task, sums]) => [task, totals(sums)]))};
}

function outcomeOf(line: ReplayLine, number: number, model: string, source: string): {quality: number; costUsd: number} {
	const outcome = Object.hasOwn(line.outcomes, model) ? line.outcomes[model] : undefined;
	if (outcome === undefined) {
		throw new TierwiseError('invalid_input', `${source} line ${number} (id ${line.id}) has no outcome for ${model}, which the models file lists. Give every listed model an outcome on every line, or leave ${model} out of the models file.`, {details: {file: source, line: number, id: line.id, model}});
	}

	return outcome;
}
