import {statSync} from 'node:fs';
import {mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {AdaptiveRouter} from '../../src/index.js';
import {verifyWorkspace} from '../../src/workspace/file/verify-workspace.js';
import {runChild} from './child-process.js';

const kills = 30;

/** mulberry32, so that every run kills at the same instants. */
function seeded(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6D_2B_79_F5) | 0;
		let value = Math.imul(state ^ (state >>> 15), 1 | state);
		value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
		return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
	};
}

test(`keeps every acknowledged outcome through ${kills} SIGKILLs at random instants, compactions included`, async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-crash-'));
	const setup = await AdaptiveRouter.open({workspace: directory, models: [{name: 'm', provider: 'p', costPer1kInput: 0.001, costPer1kOutput: 0.002}]});
	await setup.close();
	const random = seeded(7);
	const acknowledged: string[] = [];
	let killedWhileLocked = 0;
	for (let kill = 0; kill < kills; kill++) {
		// Compacting every few outcomes puts many of the kills inside a compaction.
		const started = Date.now();
		const run = await runChild(directory, 10_000, {compactEvery: 5, label: `run${kill}`, killAfterMs: Math.floor(random() * 400)});
		expect(run.signal).toBe('SIGKILL');
		acknowledged.push(...run.acknowledged);
		// A lock directory made during this run and left behind: the child died holding the lock, inside a compaction.
		const lockMadeAt = statSync(path.join(directory, 'workspace.lock'), {throwIfNoEntry: false})?.mtimeMs ?? 0;
		killedWhileLocked += lockMadeAt >= started ? 1 : 0;

		const router = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0, onWarning: () => undefined});
		for (const hash of acknowledged) {
			// The first outcome counts: `recorded: false` proves the earlier one is there.
			expect(await router.reportOutcome(hash, 0)).toEqual({hash, recorded: false});
		}

		await router.close();
		const report = await verifyWorkspace(directory);
		expect(report.problems.filter(problem => !problem.repairable)).toEqual([]);
	}

	expect(acknowledged.length).toBeGreaterThan(kills);
	expect(killedWhileLocked).toBeGreaterThan(0);
}, 240_000);
