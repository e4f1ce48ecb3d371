import {mkdtemp, readdir} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {AdaptiveRouter} from '../../src/index.js';
import {FileStore} from '../../src/workspace/file/file-store.js';
import {nodeFileSystem, type FileHandle, type FileSystem} from '../../src/workspace/file/file-system.js';
import {latch} from './latch.js';

const models = [{name: 'm', provider: 'p', costPer1kInput: 0.001, costPer1kOutput: 0.002}];

test('a decision whose record is written while the workspace is being re-read after a compaction is not forgotten', async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-rebuild-race-'));
	// Holds the first read of this process's own journal segment, once armed, until the test lets it go.
	const reached = latch();
	const released = latch();
	const hold = {armed: false, segment: ''};
	const fileSystem: FileSystem = {
		...nodeFileSystem,
		async open(file, flags) {
			const handle = await nodeFileSystem.open(file, flags);
			if (!hold.armed || flags !== 'r' || path.basename(file) !== hold.segment) {
				return handle;
			}

			hold.armed = false;
			const held: FileHandle = {
				write: async (...args) => handle.write(...args),
				read: async (...args) => handle.read(...args),
				datasync: async () => handle.datasync(),
				sync: async () => handle.sync(),
				truncate: async length => handle.truncate(length),
				stat: async () => handle.stat(),
				async close() {
					await handle.close();
					reached.open();
					await released.promise;
				},
			};
			return held;
		},
	};

	const store = await FileStore.open(directory, {maxDecisions: 1000, clock: Date.now, onWarning: () => undefined, refreshIntervalMs: 0, fileSystem});
	const router = await AdaptiveRouter.open({store, models});
	router.route('A first prompt');
	await router.flush();
	hold.segment = (await readdir(path.join(directory, 'journal'))).find(name => name.endsWith('.jsonl')) ?? '';

	// Another process compacts, so that this one's next refresh rebuilds its state from the new snapshot.
	const other = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0});
	await other.compact();
	await other.close();

	hold.armed = true;
	const refreshing = router.refresh();
	await reached.promise;
	// The rebuild has read this process's journal; a decision routed now becomes durable before it finishes.
	const late = router.route('A prompt routed during the rebuild');
	await router.flush();
	released.open();
	await refreshing;

	await expect(router.reportOutcome(late.hash, 1)).resolves.toEqual({hash: late.hash, recorded: true});
	expect(router.stats()).toMatchObject({decisions: 2, outcomes: 1});
	await router.close();
});

test('a journal segment that a compaction elsewhere deletes while the workspace opens makes the open read again, losing nothing', async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-open-race-'));
	const writer = await AdaptiveRouter.open({workspace: directory, models, refreshIntervalMs: 0});
	for (let index = 0; index < 5; index++) {
		await writer.reportOutcome(writer.route(`Prompt number ${index}`).hash, 0.5);
	}

	await writer.close();
	// The first read of a journal segment finds it gone, as when it was listed just before another process's compaction deleted it.
	let vanished = 0;
	const fileSystem: FileSystem = {
		...nodeFileSystem,
		async open(file, flags) {
			if (vanished === 0 && flags === 'r' && path.basename(path.dirname(file)) === 'journal') {
				vanished++;
				throw Object.assign(new Error(`ENOENT: no such file or directory, open '${file}'`), {code: 'ENOENT'});
			}

			return nodeFileSystem.open(file, flags);
		},
	};
	const store = await FileStore.open(directory, {maxDecisions: 1000, clock: Date.now, onWarning: () => undefined, refreshIntervalMs: 0, fileSystem});
	const router = await AdaptiveRouter.open({store});
	expect(vanished).toBe(1);
	expect(router.stats()).toMatchObject({decisions: 5, outcomes: 5});
	await router.close();
});
