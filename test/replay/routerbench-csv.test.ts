import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {isTierwiseError} from '../../src/index.js';
import type {ReadReplayLine} from '../../src/replay/read-replay.js';
import {readRouterBench, routerBenchPrompt} from '../../src/replay/routerbench-csv.js';
import {runCli} from '../cli/run-cli.js';

/** RouterBench's layout, written by hand: a list-literal prompt, a quoted multi-line prompt, a response column. */
const csv = [
	'sample_id,prompt,eval_name,gpt-4,gpt-4|total_cost,gpt-4|model_response,mixtral,mixtral|total_cost,mixtral|model_response,oracle_model_to_route_to',
	'mmlu.1,"[\'What is 2 + 2?\', \'Answer: \']",mmlu,1,0.002,"4",1,0.0001,"4",mixtral',
	'gsm8k.7,"A train leaves at 3 pm, going 60 mph.',
	'When does it arrive, 120 miles on? He said ""soon"".",gsm8k,1,0.004,"5 pm",0,0.0002,"6 pm",gpt-4',
];

async function collect(lines: readonly string[], skipBad = false): Promise<ReadReplayLine[]> {
	const all: ReadReplayLine[] = [];
	for await (const item of readRouterBench(lines, 'bench.csv', skipBad)) {
		all.push(item);
	}

	return all;
}

test('reads RouterBench rows as replay lines: list-literal prompts, quoted newlines and quotes, models by their cost columns', async () => {
	expect(await collect(csv)).toEqual([
		{number: 2, line: {id: 'mmlu.1', prompt: 'What is 2 + 2?\nAnswer: ', task: 'mmlu', outcomes: {'gpt-4': {quality: 1, costUsd: 0.002}, mixtral: {quality: 1, costUsd: 0.0001}}}},
		{number: 3, line: {id: 'gsm8k.7', prompt: 'A train leaves at 3 pm, going 60 mph.\nWhen does it arrive, 120 miles on? He said "soon".', task: 'gsm8k', outcomes: {'gpt-4': {quality: 1, costUsd: 0.004}, mixtral: {quality: 0, costUsd: 0.0002}}}},
	]);
});

test('a Python list literal with escapes becomes its strings by lines; anything else stays as it is', () => {
	expect(routerBenchPrompt(String.raw`["It's", 'a \'quoted\' \n word']`)).toBe('It\'s\na \'quoted\' \n word');
	expect(routerBenchPrompt('[not a list]')).toBe('[not a list]');
	expect(routerBenchPrompt('Plain prompt')).toBe('Plain prompt');
});

test('a bad record is named by the line it starts on, or skipped; a file in another layout is refused', async () => {
	const bad = [...csv, 'mmlu.9,"Hi",mmlu,yes,0.001,"",1,0.0001,"",gpt-4'];
	const error: unknown = await collect(bad).catch((caught: unknown) => caught);
	expect(isTierwiseError(error) ? error.details : error).toEqual({file: 'bench.csv', line: 5});
	expect((await collect(bad, true)).at(-1)).toEqual({skipped: 5});
	const other: unknown = await collect(['id,text', '1,hello']).catch((caught: unknown) => caught);
	expect(isTierwiseError(other) ? other.message : other).toMatch(/not in RouterBench's layout/u);
	const open: unknown = await collect([...csv.slice(0, 2), 'x,"never closed']).catch((caught: unknown) => caught);
	expect(isTierwiseError(open) ? open.details : open).toEqual({line: 3});
});

test('tierwise replay reads a .csv file as RouterBench', async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-routerbench-'));
	const data = path.join(directory, 'bench.csv');
	const models = path.join(directory, 'models.json');
	await writeFile(data, `${csv.join('\n')}\n`);
	await writeFile(models, JSON.stringify([{name: 'gpt-4', provider: 'openai', costPer1kInput: 0.01, costPer1kOutput: 0.03}, {name: 'mixtral', provider: 'mistral', costPer1kInput: 0.0002, costPer1kOutput: 0.0002}]));
	const result = await runCli(['replay', data, '--models', models, '--json']);
	expect(result.code).toBe(0);
	expect(JSON.parse(result.stdout)).toMatchObject({prompts: 2, best: 'gpt-4', oracle: {quality: 1}});
});
