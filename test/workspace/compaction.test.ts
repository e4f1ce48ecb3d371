import {existsSync} from 'node:fs';
import {cp, mkdtemp, readdir, readFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {AdaptiveRouter} from '../../src/index.js';
import {FileStore} from '../../src/workspace/file/file-store.js';
import {nodeFileSystem, type FileSystem} from '../../src/workspace/file/file-system.js';
import {fakeClock} from '../router/fixtures.js';
import {latch} from './latch.js';

const day = 24 * 60 * 60 * 1000;
const models = [{name: 'm', provider: 'p', costPer1kInput: 0.001, costPer1kOutput: 0.002}];

async function workspace(): Promise<string> {
	return mkdtemp(path.join(tmpdir(), 'tierwise-compaction-'));
}

describe('compaction', () => {
	test('keeps an archive that holds only outcomes while they are within retention', async () => {
		const directory = await workspace();
		const router = await AdaptiveRouter.open({workspace: directory, models, refreshIntervalMs: 0});
		const hashes = Array.from({length: 5}, (_, index) => router.route(`Question ${index}?`).hash);
		await router.compact();
		for (const hash of hashes) {
			await router.reportOutcome(hash, 1, {costUsd: 0.25});
		}

		await router.compact();
		await router.compact();
		await router.compact();
		const archives = await readdir(path.join(directory, 'archive'));
		expect(archives).toEqual(['00000001.jsonl', '00000002.jsonl']);
		expect(router.stats()).toMatchObject({decisions: 5, outcomes: 5});
		await router.close();
	});

	test('drops decisions past their retention, then their archives', async () => {
		const directory = await workspace();
		const clock = fakeClock();
		const router = await AdaptiveRouter.open({workspace: directory, models, refreshIntervalMs: 0, clock: clock.now, decisionRetentionMs: 7 * day});
		const old = router.route('An old question?');
		clock.advance(6 * day);
		const recent = router.route('A recent question?');
		await router.compact();
		clock.advance(2 * day);
		expect(await router.compact()).toMatchObject({decisions: 1, expired: 1});
		await expect(router.reportOutcome(old.hash, 1)).rejects.toMatchObject({code: 'unknown_decision'});
		expect(await router.reportOutcome(recent.hash, 1)).toEqual({hash: recent.hash, recorded: true});
		clock.advance(30 * day);
		await router.compact();
		await router.compact();
		expect(router.stats()).toMatchObject({decisions: 0});
		expect(await readdir(path.join(directory, 'archive'))).toEqual([]);
		await router.close();
	});

	test('deletes a sealed journal segment once a snapshot has consumed it, and keeps the segment still being written', async () => {
		const directory = await workspace();
		const first = await AdaptiveRouter.open({workspace: directory, models, refreshIntervalMs: 0});
		first.route('Hello');
		await first.close();
		const segments = async () => (await readdir(path.join(directory, 'journal'))).filter(name => name.endsWith('.jsonl'));
		const [sealed] = await segments();
		const router = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0});
		const [open] = (await segments()).filter(name => name !== sealed);
		router.route('Hello again');
		await router.compact();
		expect(await segments()).toEqual([open]);
		await router.close();
		const reopened = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0});
		expect(reopened.stats()).toMatchObject({decisions: 2});
		await reopened.close();
	});

	test('a process that records nothing leaves no journal segment behind, and one that records keeps its own, sealed', async () => {
		const directory = await workspace();
		const segments = async () => (await readdir(path.join(directory, 'journal'))).filter(name => name.endsWith('.jsonl'));
		await (await AdaptiveRouter.open({workspace: directory, models, refreshIntervalMs: 0})).close();
		for (let opening = 0; opening < 3; opening++) {
			const reader = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0});
			expect(await segments()).toHaveLength(1);
			expect(reader.stats()).toMatchObject({decisions: 0});
			await reader.close();
		}

		expect(await segments()).toEqual([]);
		const writer = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0});
		writer.route('Hello');
		await writer.close();
		const [kept, ...others] = await segments();
		expect(others).toEqual([]);
		const lines = (await readFile(path.join(directory, 'journal', kept ?? ''), 'utf8')).trimEnd().split('\n');
		expect(lines.at(-1)).toContain('"record":{"type":"seal"}');
		const reopened = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0});
		expect(reopened.stats()).toMatchObject({decisions: 1});
		await reopened.close();
	});

	test('a compaction that takes the learning its process folded last writes what one reading it back writes', async () => {
		const directory = await workspace();
		const clock = fakeClock();
		const twoModels = [...models, {name: 'big', provider: 'q', costPer1kInput: 0.01, costPer1kOutput: 0.03}];
		const router = await AdaptiveRouter.open({workspace: directory, models: twoModels, refreshIntervalMs: 0, clock: clock.now, abTestRate: 0.3, seed: 'folded'});
		const copy = await workspace();
		for (let round = 0; round < 3; round++) {
			for (let index = 0; index < 40; index++) {
				clock.advance(60_000);
				const decision = router.route(`Round ${round}, question ${index}: ${index % 2 === 0 ? 'add two numbers' : 'design a cache for a service with many readers'}`);
				await router.reportOutcome(decision.hash, (index % 5) / 4, {costUsd: 0.001, outputTokens: 10 + index});
			}

			await router.teach('design a cache for a service with many readers', 'complex');
			await router.flush();
			if (round === 2) {
				// The workspace as it is before the last compaction, for a process that holds nothing of it.
				await cp(directory, copy, {recursive: true});
			}

			await router.compact();
		}

		await router.close();
		const fresh = await AdaptiveRouter.open({workspace: copy, refreshIntervalMs: 0, clock: clock.now});
		await fresh.compact();
		await fresh.close();
		for (const file of ['learning.json', 'ops.json']) {
			const held = await readFile(path.join(directory, 'snapshots', '00000003', file), 'utf8');
			expect(await readFile(path.join(copy, 'snapshots', '00000003', file), 'utf8')).toBe(held);
		}
	});

	test('a refresh that compacts in the background finishes, and so does a compaction after it', async () => {
		const directory = await workspace();
		// A tiny threshold, so that the next refresh compacts. That compaction once waited for the refresh that started it.
		const store = await FileStore.open(directory, {maxDecisions: 1000, clock: Date.now, onWarning: () => undefined, refreshIntervalMs: 0, createWith: {compactAfterBytes: 1000}});
		const router = await AdaptiveRouter.open({store, models});
		const hashes = Array.from({length: 20}, (_, index) => router.route(`Question ${index}?`).hash);
		await router.reportOutcome(hashes[0] ?? '', 1);
		await router.refresh();
		expect(await readdir(path.join(directory, 'snapshots'))).toContain('CURRENT');
		expect(router.stats()).toMatchObject({decisions: 20, outcomes: 1});
		await router.compact();
		expect(router.stats()).toMatchObject({decisions: 20, outcomes: 1});
		await router.close();
	}, 20_000);

	test('a process that only writes compacts by itself once its journals pass the threshold, with no refresh timer', async () => {
		const directory = await workspace();
		const compactAfterBytes = 50_000;
		const store = await FileStore.open(directory, {maxDecisions: 10_000, clock: Date.now, onWarning: () => undefined, refreshIntervalMs: 0, createWith: {compactAfterBytes}});
		const router = await AdaptiveRouter.open({store, models});
		for (let round = 0; round < 10; round++) {
			const hashes = Array.from({length: 10}, (_, index) => router.route(`Question ${round}.${index}?`).hash);
			await Promise.all(hashes.map(async hash => router.reportOutcome(hash, 1)));
		}

		// About twice the threshold written, and nothing but writes: a compaction starts by itself.
		const current = path.join(directory, 'snapshots', 'CURRENT');
		for (let waited = 0; waited < 10_000 && !existsSync(current); waited += 20) {
			await new Promise(resolve => setTimeout(resolve, 20));
		}

		expect(existsSync(current)).toBe(true);
		expect(router.stats()).toMatchObject({decisions: 100, outcomes: 100});
		await router.close();
	}, 20_000);

	test('compact() folds in everything recorded before it, even while a compaction that read the journals earlier is under way', async () => {
		const directory = await workspace();
		const reached = latch();
		const released = latch();
		const hold = {armed: false};
		// Holds the first compaction, once armed, as it starts writing its snapshot: it has read the journals by then.
		const fileSystem: FileSystem = {
			...nodeFileSystem,
			async open(file, flags) {
				if (hold.armed && flags === 'wx' && file.includes(`${path.sep}snapshots${path.sep}`)) {
					hold.armed = false;
					reached.open();
					await released.promise;
				}

				return nodeFileSystem.open(file, flags);
			},
		};
		// The journals pass twice the threshold while the compaction is held: writes do not wait for it here.
		const store = await FileStore.open(directory, {maxDecisions: 1000, clock: Date.now, onWarning: () => undefined, refreshIntervalMs: 0, fileSystem, createWith: {compactAfterBytes: 1000}, journalStallMs: 0});
		const router = await AdaptiveRouter.open({store, models});
		for (let index = 0; index < 5; index++) {
			router.route(`Early question ${index}?`);
		}

		await router.flush();
		hold.armed = true;
		const background = router.refresh();
		await reached.promise;
		for (let index = 0; index < 3; index++) {
			router.route(`Late question ${index}?`);
		}

		await router.flush();
		const compacting = router.compact();
		released.open();
		await background;
		expect(await compacting).toMatchObject({decisions: 8});
		await router.close();
	}, 20_000);
});

