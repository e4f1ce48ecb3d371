import {mkdtemp, readFile, readdir} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {AdaptiveRouter} from '../../src/index.js';
import {FileStore} from '../../src/workspace/file/file-store.js';
import {decodeEntry} from '../../src/workspace/file/journal-line.js';
import {verifyWorkspace} from '../../src/workspace/file/verify-workspace.js';
import {runChild, type ChildRun} from './child-process.js';

const processes = 4;

/**
 * Checks that every child acknowledged all its outcomes, then opens the workspace afresh: every decision and
 * outcome counted once, and the cost ledger, folded from every process's ops events through the compactions,
 * adding up to the cent.
 */
async function openAfterRuns(directory: string, runs: readonly ChildRun[], each: number): Promise<AdaptiveRouter> {
	for (const run of runs) {
		expect(run.exitCode, run.stderr).toBe(0);
		expect(run.acknowledged).toHaveLength(each);
	}

	const total = runs.length * each;
	const router = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0});
	expect(router.stats()).toMatchObject({decisions: total, outcomes: total});
	expect(router.costReport({period: 'month'}).totalCostUsd).toBeCloseTo(total * 0.001, 9);
	return router;
}
// About 15 s here; more with TIERWISE_CONCURRENCY_OUTCOMES=25000 npx vitest run concurrency
const outcomesEach = Number(process.env.TIERWISE_CONCURRENCY_OUTCOMES ?? 2500);

test(`${processes} processes × ${outcomesEach} outcomes while compactions run: exact counts, every record once, spend adds up`, async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-concurrency-'));
	const setup = await AdaptiveRouter.open({workspace: directory, models: [{name: 'm', provider: 'p', costPer1kInput: 0.001, costPer1kOutput: 0.002}]});
	await setup.close();

	const children = Array.from({length: processes}, async (_, index) => runChild(directory, outcomesEach, {compactEvery: 40, label: `p${index}`}));
	const compacting = {running: true};
	const compactions = (async () => {
		const router = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0, onWarning: () => undefined});
		while (compacting.running) {
			await router.compact();
			await new Promise(resolve => setTimeout(resolve, 20));
		}

		await router.close();
	})();
	const runs = await Promise.all(children);
	compacting.running = false;
	await compactions;

	const total = processes * outcomesEach;
	const router = await openAfterRuns(directory, runs, outcomesEach);
	expect(router.analytics().totalRouted).toBe(total);
	expect(router.costReport({by: 'model'}).rows.reduce((sum, row) => sum + row.usageEntries, 0)).toBe(total);
	for (const hash of runs.flatMap(run => run.acknowledged)) {
		expect(await router.reportOutcome(hash, 0)).toEqual({hash, recorded: false});
	}

	// A final compaction folds everything in: its lifetime counters count every record exactly once.
	const report = await router.compact();
	await router.close();
	expect(report).toMatchObject({decisions: total, outcomes: total});
	const snapshots = path.join(directory, 'snapshots');
	const current = (await readFile(path.join(snapshots, 'CURRENT'), 'utf8')).trim();
	const meta = JSON.parse(await readFile(path.join(snapshots, current, 'meta.json'), 'utf8')) as {counters: {decisions: number; outcomes: number}};
	expect(meta.counters).toEqual({decisions: total, outcomes: total});

	// Every outcome was archived once, so the spend it reported adds up to the last cent.
	let spentUsd = 0;
	for (const name of await readdir(path.join(directory, 'archive'))) {
		for (const line of (await readFile(path.join(directory, 'archive', name), 'utf8')).split('\n')) {
			const decoded = decodeEntry(line);
			if (decoded.ok && decoded.entry.type === 'outcome') {
				spentUsd += decoded.entry.outcome.costUsd ?? 0;
			}
		}
	}

	expect(spentUsd).toBeCloseTo(total * 0.001, 9);
	expect((await verifyWorkspace(directory)).problems).toEqual([]);
}, 120_000 + outcomesEach * 200);

test(`${processes} processes whose journals keep passing twice a tiny compaction threshold: writers wait for compactions, and the counts stay exact`, async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-concurrency-'));
	// 20 KB: writes wait past 40 KB not yet in a snapshot, every dozen outcomes or so across the processes.
	const setup = await FileStore.open(directory, {maxDecisions: 100_000, clock: Date.now, onWarning: () => undefined, refreshIntervalMs: 0, createWith: {compactAfterBytes: 20_000, segmentBytes: 10_000}});
	await setup.close();
	const each = 250;
	const runs = await Promise.all(Array.from({length: processes}, async (_, index) => runChild(directory, each, {label: `w${index}`})));
	const total = processes * each;
	const router = await openAfterRuns(directory, runs, each);
	const report = await router.compact();
	await router.close();
	expect(report).toMatchObject({decisions: total, outcomes: total});
	expect((await verifyWorkspace(directory)).problems).toEqual([]);
}, 120_000);
