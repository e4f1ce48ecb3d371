import {mkdtemp, readFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {AdaptiveRouter} from '../../src/index.js';
import {runCli} from '../cli/run-cli.js';
import {noExploration} from '../router/fixtures.js';

/** One model, so that what the audit shows does not hang on what routing learns from the outcomes. */
const models = [{name: 'cheap', provider: 'alpha', costPer1kInput: 0.0001, costPer1kOutput: 0.0002}];

const minuteMs = 60_000;

async function workspaceWithTraffic(): Promise<{directory: string; hashes: string[]; startMs: number}> {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-audit-'));
	const startMs = Date.now() - (90 * minuteMs);
	let now = startMs;
	const open = async () => AdaptiveRouter.open({workspace: directory, models, clock: () => now, refreshIntervalMs: 0, ...noExploration});
	const [one, two] = [await open(), await open()];
	const hashes: string[] = [];
	for (let index = 0; index < 6; index++) {
		const router = index % 2 === 0 ? one : two;
		const decision = router.route(`Question ${index}: what is the capital of France?`, {user: index < 3 ? 'ann' : 'bob'});
		hashes.push(decision.hash);
		now += 15 * minuteMs;
		await router.reportOutcome(decision.hash, 0.9 + (index / 100), {costUsd: 0.001 * (index + 1), outputTokens: 20, latencyMs: 100 * (index + 1)});
	}

	// Half of it folded into a snapshot and an archive, half still in the journals.
	await one.compact();
	await Promise.all([one.close(), two.close()]);
	return {directory, hashes, startMs};
}

describe('the audit trail', () => {
	test('lists every process\'s decisions and outcomes by time and user, archived or not', async () => {
		const {directory, hashes, startMs} = await workspaceWithTraffic();
		const router = await AdaptiveRouter.open({workspace: directory, readOnly: true, refreshIntervalMs: 0});
		const all = await router.audit({sinceMs: startMs - 1});
		expect(all.filter(entry => entry.kind === 'decision').map(entry => entry.hash)).toEqual(hashes);
		expect(all).toHaveLength(12);
		expect(all.map(entry => entry.at)).toEqual([...all.map(entry => entry.at)].sort());
		const ann = await router.audit({sinceMs: startMs - 1, user: 'ann'});
		expect(new Set(ann.map(entry => entry.user))).toEqual(new Set(['ann']));
		expect(ann).toHaveLength(6);
		const outcome = ann.find(entry => entry.kind === 'outcome');
		expect(outcome).toMatchObject({kind: 'outcome', hash: hashes[0], model: 'cheap', score: 0.9, costUsd: 0.001, outputTokens: 20, latencyMs: 100});
		const decision = ann.find(entry => entry.kind === 'decision');
		expect(decision?.kind === 'decision' && decision.explanation).toMatch(/^Routed to cheap \(alpha\)/u);
		// The time range: the last 40 minutes hold the last three outcomes and the last two decisions.
		const recent = await router.audit({sinceMs: Date.now() - (40 * minuteMs)});
		expect(recent.map(entry => entry.kind)).toEqual(['decision', 'outcome', 'decision', 'outcome', 'outcome']);
		expect(await router.audit({sinceMs: startMs - 1, limit: 3})).toEqual(all.slice(-3));
		await expect(router.audit({limit: 0})).rejects.toMatchObject({code: 'invalid_input'});
		await router.close();
	});

	test('tierwise audit prints the entries, filters by user, and gives JSON', async () => {
		const {directory, hashes} = await workspaceWithTraffic();
		const text = await runCli(['audit', '--workspace', directory, '--since', '2h', '--user', 'bob']);
		expect(text.code).toBe(0);
		expect(text.stdout).toContain(`decision  ${hashes[3] ?? ''}  user bob  cheap (alpha)`);
		expect(text.stdout).toContain('Chose cheap, the cheapest of 1 eligible model');
		expect(text.stdout).not.toContain('user ann');
		const json = await runCli(['audit', '--workspace', directory, '--since', '2h', '--json']);
		expect((JSON.parse(json.stdout) as unknown[]).length).toBe(12);
		expect((await runCli(['audit', '--workspace', directory, '--since', 'yesterday'])).code).toBe(2);
	});

	test('tierwise report prints spend, savings, mix, suggestions, SLA and health, and exports CSV and JSON', async () => {
		const {directory} = await workspaceWithTraffic();
		const csv = path.join(directory, 'costs.csv');
		const text = await runCli(['report', '--workspace', directory, '--by', 'user', '--period', 'hour', '--csv', csv]);
		expect(text.code).toBe(0);
		expect(text.stdout).toMatch(/^Spend by hour and user/u);
		expect(text.stdout).toContain('Total $0.021 over 6 decisions.');
		expect(text.stdout).toContain('SLA, last 24 hours: 6 decisions, 100.0% compliant');
		expect(text.stdout).toMatch(/cheap: healthy \(\d events, 0% failed, circuit closed\)/u);
		const rows = (await readFile(csv, 'utf8')).trim().split('\n');
		expect(rows[0]).toBe('period_start,user,routed,usage_entries,input_tokens,output_tokens,cost_usd,unpriced,estimated_cost_usd');
		expect(rows.slice(1).reduce((sum, row) => sum + Number(row.split(',')[6]), 0)).toBeCloseTo(0.021, 12);
		const json = JSON.parse((await runCli(['report', '--workspace', directory, '--json'])).stdout) as {costs: {totalCostUsd: number}; analytics: {totalRouted: number}};
		expect(json.costs.totalCostUsd).toBeCloseTo(0.021, 12);
		expect(json.analytics.totalRouted).toBe(6);
		expect((await runCli(['report', '--workspace', directory, '--period', 'fortnight'])).code).toBe(2);
	});
});
