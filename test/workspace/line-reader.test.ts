import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {nodeFileSystem, type FileSystem} from '../../src/workspace/file/file-system.js';
import {LineReader} from '../../src/workspace/file/line-reader.js';

/** The node file system, counting opens and closes. */
function counting(): {fileSystem: FileSystem; opened: () => number; closed: () => number; reads: () => number} {
	let opened = 0;
	let closed = 0;
	let reads = 0;
	return {
		fileSystem: {
			...nodeFileSystem,
			async open(file, flags) {
				const handle = await nodeFileSystem.open(file, flags);
				opened++;
				return {
					...handle,
					async read(...parameters: Parameters<typeof handle.read>) {
						reads++;
						return handle.read(...parameters);
					},
					stat: handle.stat.bind(handle),
					async close() {
						closed++;
						await handle.close();
					},
				};
			},
		},
		opened: () => opened,
		closed: () => closed,
		reads: () => reads,
	};
}

test('reads the line at an offset, however long, keeping the file open between reads', async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-lines-'));
	const file = path.join(directory, 'a.jsonl');
	const long = `{"text":"${'é'.repeat(20_000)}"}`;
	await writeFile(file, `first\n${long}\nlast`);
	const {fileSystem, opened, closed} = counting();
	const reader = new LineReader(fileSystem);
	const offset = Buffer.byteLength('first\n');
	expect(await reader.lineAt(file, offset)).toBe(long);
	expect(await reader.lineAt(file, 0)).toBe('first');
	expect(await reader.lineAt(file, offset + Buffer.byteLength(`${long}\n`))).toBe('last');
	expect(opened()).toBe(1);
	await reader.close();
	expect(closed()).toBe(1);
});

test('a file evicted while reads are under way is closed once they end, and one that could not be opened is tried again', async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-lines-'));
	const files = ['a', 'b', 'c'].map(name => path.join(directory, `${name}.jsonl`));
	for (const [index, file] of files.entries()) {
		await writeFile(file, `line of ${index}\n`);
	}

	const {fileSystem, opened, closed} = counting();
	const reader = new LineReader(fileSystem, 1);
	const lines = await Promise.all([...files, ...files].map(async file => reader.lineAt(file, 0)));
	expect(lines).toEqual(['line of 0', 'line of 1', 'line of 2', 'line of 0', 'line of 1', 'line of 2']);
	// Only the last file read is kept open.
	expect(opened() - closed()).toBe(1);

	const later = path.join(directory, 'later.jsonl');
	expect(await reader.lineAt(later, 0)).toBeUndefined();
	await writeFile(later, 'now it exists\n');
	expect(await reader.lineAt(later, 0)).toBe('now it exists');
	await reader.close();
	expect(opened()).toBe(closed());
});

test('once a line has needed more than one read, lines of its length take one', async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-lines-'));
	const file = path.join(directory, 'a.jsonl');
	const lines = Array.from({length: 10}, (_, index) => `{"line":${index},"text":"${'x'.repeat(5000)}"}`);
	await writeFile(file, `${lines.join('\n')}\n`);
	const {fileSystem, reads} = counting();
	const reader = new LineReader(fileSystem);
	let offset = 0;
	for (const line of lines) {
		expect(await reader.lineAt(file, offset)).toBe(line);
		offset += line.length + 1;
	}

	// The first line takes two reads, each after it one.
	expect(reads()).toBe(lines.length + 1);
	await reader.close();
});
