import {randomBytes} from 'node:crypto';
import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {nodeFileSystem} from '../../src/workspace/file/file-system.js';

test('readFile gives back every byte of a file, whatever its size', async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-fs-'));
	for (const size of [0, 1, 4095, 65_536, 3_000_001]) {
		const file = path.join(directory, `${size}.bin`);
		const bytes = randomBytes(size);
		await writeFile(file, bytes);
		expect((await nodeFileSystem.readFile(file)).equals(bytes)).toBe(true);
	}

	await expect(nodeFileSystem.readFile(path.join(directory, 'missing'))).rejects.toMatchObject({code: 'ENOENT'});
});
