import {mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {AdaptiveRouter} from '../../src/index.js';
import {FileStore} from '../../src/workspace/file/file-store.js';
import {nodeFileSystem, type FileSystem} from '../../src/workspace/file/file-system.js';

const models = [{name: 'm', provider: 'p', costPer1kInput: 0.001, costPer1kOutput: 0.002}];
// Past the router's cache of recent decisions (2,048), so that outcomes must read their decisions back.
const routed = 2600;

/** The node file system, counting the journal segments read whole (what finding a decision by scanning does). */
function countingJournalReads(): {fileSystem: FileSystem; wholeReads: () => number} {
	let reads = 0;
	return {
		fileSystem: {
			...nodeFileSystem,
			async readFile(file) {
				if (path.basename(path.dirname(file)) === 'journal') {
					reads++;
				}

				return nodeFileSystem.readFile(file);
			},
		},
		wholeReads: () => reads,
	};
}

async function storeOn(directory: string, fileSystem: FileSystem): Promise<FileStore> {
	return FileStore.open(directory, {maxDecisions: 10_000, clock: Date.now, onWarning: () => undefined, refreshIntervalMs: 0, fileSystem});
}

test('an outcome for a decision long out of the router\'s memory, and not yet compacted, reads that decision\'s line only', async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-lookup-'));
	const {fileSystem, wholeReads} = countingJournalReads();
	const router = await AdaptiveRouter.open({store: await storeOn(directory, fileSystem), models});
	const hashes = Array.from({length: routed}, (_, index) => router.route(`Question ${index}: how do tides work?`).hash);
	await router.flush();
	const before = router.stats().observations;
	await Promise.all(hashes.slice(0, 100).map(async hash => router.reportOutcome(hash, 0.9)));
	expect(wholeReads()).toBe(0);
	// Each outcome learned from its decision's prompt, which only the journal still held.
	expect(router.stats().observations).toBe(before + 100);
	await router.close();
});

test('the same for a decision another process routed, once a refresh has read it', async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-lookup-'));
	const writer = await AdaptiveRouter.open({workspace: directory, models, refreshIntervalMs: 0});
	const hashes = Array.from({length: routed}, (_, index) => writer.route(`Question ${index}: why is the sky blue?`).hash);
	await writer.flush();
	const {fileSystem, wholeReads} = countingJournalReads();
	const reader = await AdaptiveRouter.open({store: await storeOn(directory, fileSystem)});
	await writer.reportOutcome(hashes[hashes.length - 1] ?? '', 1);
	const late = writer.route('One more question, routed after the reader opened.');
	await writer.flush();
	await reader.refresh();
	await Promise.all([...hashes.slice(0, 50), late.hash].map(async hash => reader.reportOutcome(hash, 0.5)));
	expect(wholeReads()).toBe(0);
	expect(reader.stats().observations).toBe(52);
	await reader.close();
	await writer.close();
});
