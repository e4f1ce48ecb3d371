import {readdirSync, statSync} from 'node:fs';
import {mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {AdaptiveRouter} from '../../src/index.js';
import {FileStore} from '../../src/workspace/file/file-store.js';
import {nodeFileSystem, type FileSystem} from '../../src/workspace/file/file-system.js';
import {withWorkspaceLock} from '../../src/workspace/file/workspace-lock.js';
import type {WorkspaceWarning} from '../../src/workspace/workspace-warning.js';
import {latch} from './latch.js';

const models = [{name: 'm', provider: 'p', costPer1kInput: 0.001, costPer1kOutput: 0.002}];
const compactAfterBytes = 50_000;
const segmentBytes = 16_000;

function journalBytes(directory: string): number {
	const journal = path.join(directory, 'journal');
	return readdirSync(journal).filter(name => name.endsWith('.jsonl')).reduce((sum, name) => sum + statSync(path.join(journal, name)).size, 0);
}

/** A file system whose compactions take `ms` longer: each waits that long before it replaces `CURRENT`. */
function slowCompactions(ms: number): FileSystem {
	return {
		...nodeFileSystem,
		async rename(from, to) {
			if (path.basename(to) === 'CURRENT') {
				await new Promise(resolve => {
					setTimeout(resolve, ms);
				});
			}

			return nodeFileSystem.rename(from, to);
		},
	};
}

async function fill(router: AdaptiveRouter, directory: string, outcomes: number): Promise<number> {
	let peak = 0;
	for (let done = 0; done < outcomes; done += 5) {
		const hashes = Array.from({length: 5}, (_, index) => router.route(`Summarize report ${done + index} on the quarterly numbers`).hash);
		await Promise.all(hashes.map(async hash => router.reportOutcome(hash, 0.8, {inputTokens: 100, outputTokens: 50})));
		peak = Math.max(peak, journalBytes(directory));
	}

	return peak;
}

test('writes wait for a compaction once the journals hold twice the threshold unfolded, so that slow compactions cannot let them grow', async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-journal-limit-'));
	const warnings: WorkspaceWarning[] = [];
	const store = await FileStore.open(directory, {maxDecisions: 10_000, clock: Date.now, onWarning: warning => warnings.push(warning), refreshIntervalMs: 0, fileSystem: slowCompactions(150), createWith: {compactAfterBytes, segmentBytes}});
	const router = await AdaptiveRouter.open({store, models});
	const peak = await fill(router, directory, 400);
	// Unfolded: under twice the threshold and a batch (five decisions and outcomes, under 30 KB); folded in: only the
	// consumed part of the segment still open, since compaction deletes the sealed ones it folded in. Without the
	// wait the peak was over 1 MB; with a generation of consumed segments kept as slack, as before folded logs,
	// the bound was twice as high.
	expect(peak).toBeLessThan((2 * compactAfterBytes) + 30_000 + segmentBytes);
	expect(router.stats()).toMatchObject({decisions: 400, outcomes: 400});
	expect(warnings).toEqual([]);
	await router.close();
	const reopened = await AdaptiveRouter.open({workspace: directory, models, refreshIntervalMs: 0});
	expect(reopened.stats()).toMatchObject({decisions: 400, outcomes: 400});
	await reopened.close();
}, 60_000);

test('held writes go on, with a warning, when no compaction can make room in time', async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-journal-limit-'));
	const warnings: WorkspaceWarning[] = [];
	const store = await FileStore.open(directory, {maxDecisions: 10_000, clock: Date.now, onWarning: warning => warnings.push(warning), refreshIntervalMs: 0, journalStallMs: 200, createWith: {compactAfterBytes, segmentBytes}});
	const router = await AdaptiveRouter.open({store, models});
	// The models document is written under the lock too: written first, so that only compactions wait below.
	await router.flush();
	const held = latch();
	const released = latch();
	// Another holder of the workspace lock, as a process compacting for a long time would be.
	const holder = withWorkspaceLock(directory, 1000, async () => {
		held.open();
		await released.promise;
	});
	await held.promise;
	await fill(router, directory, 100);
	released.open();
	await holder;
	expect(warnings.map(warning => warning.code)).toContain('journals_over_limit');
	expect(router.stats()).toMatchObject({decisions: 100, outcomes: 100});
	await router.close();
	const reopened = await AdaptiveRouter.open({workspace: directory, models, refreshIntervalMs: 0});
	expect(reopened.stats()).toMatchObject({decisions: 100, outcomes: 100});
	await reopened.close();
}, 60_000);
