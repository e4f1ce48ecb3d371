import {mkdtemp, readFile, writeFile} from 'node:fs/promises';
import {setTimeout as delay} from 'node:timers/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {AdaptiveRouter, isTierwiseError} from '../../src/index.js';
import {readReplay} from '../../src/replay/read-replay.js';
import {REPLAY_START_MS, REPLAY_STEP_MS, ReplayClock} from '../../src/replay/replay-clock.js';
import {dataBaselines, routePass, type NumberedLine, type RouterPass} from '../../src/replay/replay-engine.js';
import type {ReplayLine} from '../../src/replay/replay-line.js';
import {summarizeReplay} from '../../src/replay/replay-summary.js';
import {runCli} from '../cli/run-cli.js';

/** Three prompts, two models: hand-computed baselines below. */
const tiny: ReplayLine[] = [
	{id: 'a', prompt: 'What is 2 + 2?', task: 'maths', outcomes: {strong: {quality: 1, costUsd: 0.01}, weak: {quality: 1, costUsd: 0.001}}},
	{id: 'b', prompt: 'Prove that there are infinitely many primes.', task: 'maths', outcomes: {strong: {quality: 1, costUsd: 0.02}, weak: {quality: 0, costUsd: 0.002}}},
	{id: 'c', prompt: 'Say hello in French.', task: 'chat', outcomes: {strong: {quality: 0.5, costUsd: 0.03}, weak: {quality: 0.5, costUsd: 0.003}}},
];
const tinyModels = [
	{name: 'strong', provider: 'p', costPer1kInput: 0.01, costPer1kOutput: 0.03},
	{name: 'weak', provider: 'q', costPer1kInput: 0.0001, costPer1kOutput: 0.0003},
];

function numbered(lines: readonly ReplayLine[]): NumberedLine[] {
	return lines.map((line, index) => ({line, number: index + 1}));
}

async function files(lines: readonly string[]): Promise<{data: string; models: string; directory: string}> {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-replay-'));
	const data = path.join(directory, 'data.jsonl');
	const models = path.join(directory, 'models.json');
	await writeFile(data, `${lines.join('\n')}\n`);
	await writeFile(models, JSON.stringify(tinyModels));
	return {data, models, directory};
}

describe('baselines and metrics, on hand-computed data', () => {
	test('every model alone, a random pick and the oracle (the cheapest model with the best outcome)', async () => {
		const baselines = await dataBaselines(numbered(tiny), ['strong', 'weak'], 'tiny');
		expect(baselines.prompts).toBe(3);
		expect(baselines.models[0]).toEqual({model: 'strong', prompts: 3, quality: expect.closeTo(2.5 / 3, 12) as number, costUsd: expect.closeTo(0.02, 12) as number});
		expect(baselines.models[1]).toEqual({model: 'weak', prompts: 3, quality: expect.closeTo(1.5 / 3, 12) as number, costUsd: expect.closeTo(0.002, 12) as number});
		expect(baselines.random.quality).toBeCloseTo(2 / 3, 12);
		expect(baselines.random.costUsd).toBeCloseTo(0.011, 12);
		// a: weak (tie, cheaper); b: strong; c: weak (tie, cheaper).
		expect(baselines.oracle.quality).toBeCloseTo(2.5 / 3, 12);
		expect(baselines.oracle.costUsd).toBeCloseTo((0.001 + 0.02 + 0.003) / 3, 12);
	});

	test('the router curve: AIQ, quality at a share of the best cost, cost to match, CPT and APGR', async () => {
		const baselines = await dataBaselines(numbered(tiny), ['strong', 'weak'], 'tiny');
		// Three settings, as strong-call shares 0.25, 0.5 and 0.75 with hand-picked qualities and costs.
		const pass = (quality: number, costUsd: number, strongShare: number): RouterPass => ({prompts: 4, quality, costUsd, modelMix: {strong: 4 * strongShare, weak: 4 * (1 - strongShare)}, tasks: {}});
		const summary = summarizeReplay(baselines, [
			{costWeight: 0.5, pass: pass(0.7, 0.005, 0.25)},
			{costWeight: 0.2, pass: pass(0.8, 0.01, 0.5)},
			{costWeight: 0, pass: pass(2.5 / 3, 0.015, 0.75)},
		]);
		const weak = 0.5;
		const strong = 2.5 / 3;
		expect(summary.best).toBe('strong');
		expect(summary.cheapest).toBe('weak');
		// The hull over cost: (0.005, 0.7), (0.01, 0.8), (0.015, 5/6); flat beyond. AIQ from 0.002 to 0.02.
		const area = (0.003 * 0.7) + (0.005 * 0.75) + (0.005 * ((0.8 + strong) / 2)) + (0.005 * strong);
		expect(summary.router.aiq).toBeCloseTo(area / 0.018, 12);
		expect(summary.router.qualityAt['25']).toBeCloseTo(0.7, 12);
		expect(summary.router.qualityAt['50']).toBeCloseTo(0.8, 12);
		expect(summary.router.costShareToMatchBest).toBeCloseTo(0.75, 12);
		// CPT(50%): quality 2/3 is reached between (0, 0.5) and (0.25, 0.7): share 0.25 × (1/6) / 0.2.
		expect(summary.router.twoModel?.cpt50).toBeCloseTo(0.25 * (1 / 6) / 0.2, 12);
		// CPT(80%): 0.5 + 0.8/3 = 0.7667, between (0.25, 0.7) and (0.5, 0.8).
		expect(summary.router.twoModel?.cpt80).toBeCloseTo(0.25 + (0.25 * (0.5 + (0.8 / 3) - 0.7) / 0.1), 12);
		// APGR: the hull over shares (0, 0.5), (0.25, 0.7), (0.5, 0.8), (0.75, 5/6), (1, 5/6), less the weak model, over the gap.
		const shareArea = (0.25 * 0.6) + (0.25 * 0.75) + (0.25 * ((0.8 + strong) / 2)) + (0.25 * strong);
		expect(summary.router.twoModel?.apgr).toBeCloseTo((shareArea - weak) / (strong - weak), 12);
		expect(summary.random.costShare).toBeCloseTo(0.55, 12);
	});
});

describe('routing a replay', () => {
	test('reports the chosen model\'s real outcome, and adds up quality, cost, the model mix and tasks', async () => {
		const router = await AdaptiveRouter.open({models: tinyModels, abTestRate: 0});
		const pass = await routePass(numbered(tiny), router, {source: 'tiny'});
		expect(pass.prompts).toBe(3);
		expect(Object.values(pass.modelMix).reduce((total, count) => total + count, 0)).toBe(3);
		expect(Object.keys(pass.tasks).sort()).toEqual(['chat', 'maths']);
		expect(router.stats().outcomes).toBe(3);
	});

	test('routes on the replay\'s clock, one second a prompt from a fixed start, however slowly the replay runs', async () => {
		const clock = new ReplayClock();
		const router = await AdaptiveRouter.open({models: tinyModels, abTestRate: 0, clock: clock.now});
		// A writer of decisions that takes 20 ms a line holds the replay back by as much.
		await routePass(numbered(tiny), router, {source: 'tiny', clock, onDecision: async () => delay(20)});
		const decisions = (await router.audit({sinceMs: 0, untilMs: REPLAY_START_MS + 3_600_000})).filter(entry => entry.kind === 'decision');
		expect(decisions.map(entry => Date.parse(entry.at)).sort((a, b) => a - b)).toEqual([1, 2, 3].map(seconds => REPLAY_START_MS + (seconds * REPLAY_STEP_MS)));
	});

	test('a chosen model the data has no outcome for is an error naming the line, the prompt and the model', async () => {
		const router = await AdaptiveRouter.open({models: tinyModels, abTestRate: 0});
		const [first] = tiny;
		const lacking: ReplayLine = {...first as ReplayLine, id: 'x', outcomes: {strong: {quality: 1, costUsd: 0.01}}};
		const error: unknown = await routePass(numbered([lacking]), router, {source: 'data.jsonl'}).catch((caught: unknown) => caught);
		expect(isTierwiseError(error) ? error.message : error).toMatch(/data\.jsonl line 1 \(id x\) has no outcome for weak/u);
	});

	test('names a bad line by its number, or skips and counts it', async () => {
		const lines = [JSON.stringify(tiny[0]), '', '{"id": "broken"', JSON.stringify({id: 'q', prompt: 'Hi', outcomes: {strong: {quality: 2, costUsd: 0}}})];
		const read = async (skipBad: boolean) => {
			const all = [];
			for await (const item of readReplay(lines, 'data.jsonl', skipBad)) {
				all.push(item);
			}

			return all;
		};

		const error: unknown = await read(false).catch((caught: unknown) => caught);
		expect(isTierwiseError(error) ? error.details : error).toEqual({file: 'data.jsonl', line: 3});
		expect(await read(true)).toEqual([{line: tiny[0], number: 1}, {skipped: 3}, {skipped: 4}]);
	});
});

describe('tierwise replay', () => {
	test('two replays with one seed make the same decisions, and the table names the policies', async () => {
		const {data, models, directory} = await files(Array.from({length: 30}, (_, index) => JSON.stringify({...tiny[index % 3], id: `p${index}`})));
		const run = async (name: string) => {
			const out = path.join(directory, name);
			const result = await runCli(['replay', data, '--models', models, '--sweep', '--shuffle', '--seed', 's', '--exploration', '0.3', '--decisions', out]);
			expect(result).toMatchObject({code: 0, stderr: ''});
			return {stdout: result.stdout, decisions: await readFile(out, 'utf8')};
		};

		const first = await run('first.jsonl');
		const second = await run('second.jsonl');
		expect(second.decisions).toBe(first.decisions);
		expect(first.decisions.trim().split('\n')).toHaveLength(30 * 16);
		expect(JSON.parse(first.decisions.split('\n')[0] ?? '')).toEqual({id: expect.stringMatching(/^p\d+$/u) as string, model: expect.stringMatching(/^(?:strong|weak)$/u) as string, point: 0});
		expect(first.stdout).toContain('oracle');
		expect(first.stdout).toMatch(/CPT\(50%\) [\d.]+%/u);
	});

	test('prints JSON, and stops at a bad line with its number', async () => {
		const {data, models} = await files([...tiny.map(line => JSON.stringify(line)), 'not json']);
		const bad = await runCli(['replay', data, '--models', models]);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(/line 4 is not valid JSON/u);
		const json = await runCli(['replay', data, '--models', models, '--skip-bad', '--json']);
		expect(json.code).toBe(0);
		const summary = JSON.parse(json.stdout) as {prompts: number; skipped: number; best: string; router: {points: Array<{quality: number; costShare: number}>}; confidence: {quality: [number, number]; qualityLessBest: [number, number]; costShare: [number, number]}};
		expect(summary).toMatchObject({prompts: 3, skipped: 1, best: 'strong'});
		expect(summary.router.points).toHaveLength(1);
		const [point] = summary.router.points;
		const {confidence} = summary;
		expect(confidence.quality[0]).toBeLessThanOrEqual(point?.quality ?? Number.NaN);
		expect(confidence.quality[1]).toBeGreaterThanOrEqual(point?.quality ?? Number.NaN);
		expect(confidence.costShare[0]).toBeLessThanOrEqual(point?.costShare ?? Number.NaN);
		expect(confidence.qualityLessBest[0]).toBeLessThanOrEqual(confidence.qualityLessBest[1]);
		const swept = JSON.parse((await runCli(['replay', data, '--models', models, '--skip-bad', '--sweep', '--json'])).stdout) as {confidence?: unknown};
		expect(swept.confidence).toBeUndefined();
		expect((await runCli(['replay', data])).code).toBe(2);
	});
});

test('the bundled demo data replays: learning the train split, then routing the test split for less than the best model costs', async () => {
	const bundled = (name: string) => new URL(`../../data/dcrouter/${name}`, import.meta.url).pathname;
	const result = await runCli(['replay', bundled('test.jsonl'), '--models', bundled('models.json'), '--train', bundled('train.jsonl'), '--json']);
	expect(result.code).toBe(0);
	const summary = JSON.parse(result.stdout) as {prompts: number; models: unknown[]; router: {points: Array<{costShare: number; quality: number}>}};
	expect(summary.prompts).toBe(500);
	expect(summary.models).toHaveLength(9);
	expect(summary.router.points[0]?.costShare).toBeLessThan(1);
}, 30_000);

test('the report is one self-contained page: the plot inline, every policy in the table, names escaped, nothing fetched', async () => {
	const {data, models, directory} = await files(tiny.map(line => JSON.stringify(line)));
	const report = path.join(directory, 'report.html');
	const result = await runCli(['replay', data, '--models', models, '--sweep', '--report', report]);
	expect(result.stdout).toContain(`Report: ${report}`);
	const html = await readFile(report, 'utf8');
	expect(html).toMatch(/^<!doctype html>/u);
	expect(html).toContain('<svg');
	expect(html).toContain('<polyline');
	for (const policy of ['strong (best)', 'weak', 'random', 'oracle', 'tierwise (cost weight 0)', 'tierwise (cost weight 1)', 'CPT(50%)']) {
		expect(html).toContain(policy);
	}

	expect(html.match(/(?:src|href)=/gu)).toBeNull();
	expect(html.match(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/gu)).toBeNull();
	await writeFile(models, JSON.stringify(tinyModels.map(model => (model.name === 'weak' ? {...model, name: '<b>weak&</b>'} : model))));
	await writeFile(data, tiny.map(line => JSON.stringify({...line, outcomes: {strong: line.outcomes.strong, '<b>weak&</b>': line.outcomes.weak}})).join('\n'));
	await runCli(['replay', data, '--models', models, '--report', report]);
	const escaped = await readFile(report, 'utf8');
	expect(escaped).toContain('&lt;b&gt;weak&amp;&lt;/b&gt;');
	expect(escaped).not.toContain('<b>weak');
});

test('replays into a workspace, which keeps every decision and outcome, and refuses a sweep', async () => {
	const {data, models, directory} = await files(tiny.map(line => JSON.stringify(line)));
	const workspace = path.join(directory, 'ws');
	const result = await runCli(['replay', data, '--models', models, '--workspace', workspace, '--json']);
	expect(result.code).toBe(0);
	const stats = await runCli(['stats', '--workspace', workspace, '--json']);
	expect(JSON.parse(stats.stdout)).toMatchObject({decisions: 3, outcomes: 3, models: 2});
	const sweep = await runCli(['replay', data, '--models', models, '--workspace', workspace, '--sweep']);
	expect(sweep.code).toBe(2);
	expect(sweep.stderr).toContain('--workspace takes one setting');
});
