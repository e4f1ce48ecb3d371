import {mkdtemp, readdir, readFile, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {AdaptiveRouter} from '../../src/index.js';
import {randomId} from '../../src/util/random-id.js';
import {DecisionIndex} from '../../src/workspace/decision-index.js';
import {DECISION_ROW_BYTES, encodeDecisionTable, encodeTableChecksum, loadDecisionTable, readTableChecksum} from '../../src/workspace/file/decision-table.js';
import {verifyWorkspace} from '../../src/workspace/file/verify-workspace.js';

const models = [{name: 'm', provider: 'p', costPer1kInput: 0.001, costPer1kOutput: 0.002}];

function table(rows: number): {hashes: string[]; bytes: Buffer} {
	const index = new DecisionIndex(rows);
	const hashes = Array.from({length: rows}, () => randomId());
	for (const [position, hash] of hashes.entries()) {
		index.add(hash, position, 'm', 'simple');
	}

	return {hashes, bytes: encodeDecisionTable(index, () => true, archive => archive).table};
}

function loaded(bytes: Buffer, checksum?: number): {index: DecisionIndex; damaged: number[]} {
	const index = new DecisionIndex(10_000);
	index.adoptModelNames(['m']);
	return {index, damaged: loadDecisionTable(bytes, index, checksum)};
}

test('a table that matches its checksum loads the rows it holds, and a damaged one still names its damaged rows', () => {
	const {hashes, bytes} = table(500);
	const checksum = readTableChecksum(encodeTableChecksum(bytes), bytes.length);
	expect(checksum).toBeDefined();
	const whole = loaded(bytes, checksum);
	expect(whole.damaged).toEqual([]);
	expect(hashes.every(hash => whole.index.get(hash) !== undefined)).toBe(true);

	// A bit flipped in row 7 after the checksum was taken: the row's own checksum finds it.
	const damaged = Buffer.from(bytes);
	damaged[(6 * DECISION_ROW_BYTES) + 17] = (damaged[(6 * DECISION_ROW_BYTES) + 17] ?? 0) ^ 0x10;
	const read = loaded(damaged, checksum);
	expect(read.damaged).toEqual([7]);
	expect(read.index.size).toBe(499);
	expect(loaded(damaged).damaged).toEqual([7]);
});

test('a checksum that is not one, or is of another length or version, is no checksum', () => {
	const {bytes} = table(3);
	const text = encodeTableChecksum(bytes);
	expect(readTableChecksum(text, bytes.length + 1)).toBeUndefined();
	expect(readTableChecksum(text.replace('"schemaVersion":1', '"schemaVersion":2'), bytes.length)).toBeUndefined();
	for (const garbage of ['', '{', 'null', '{"schemaVersion":1,"bytes":120,"crc32":"x"}']) {
		expect(readTableChecksum(garbage, bytes.length)).toBeUndefined();
	}
});

test('a workspace whose decisions.crc is wrong opens with every decision, and verify says so', async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-table-checksum-'));
	const router = await AdaptiveRouter.open({workspace: directory, models, refreshIntervalMs: 0});
	for (let index = 0; index < 5; index++) {
		router.route(`Question ${index}?`);
	}

	await router.compact();
	await router.close();
	const generation = (await readFile(path.join(directory, 'snapshots', 'CURRENT'), 'utf8')).trim();
	expect(await readdir(path.join(directory, 'snapshots', generation))).toContain('decisions.crc');
	expect((await verifyWorkspace(directory)).problems).toEqual([]);

	const checksumFile = path.join(directory, 'snapshots', generation, 'decisions.crc');
	await writeFile(checksumFile, (await readFile(checksumFile, 'utf8')).replace(/"crc32":\d+/u, '"crc32":1'));
	const reopened = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0});
	expect(reopened.stats()).toMatchObject({decisions: 5});
	await reopened.close();
	expect((await verifyWorkspace(directory)).problems).toEqual([expect.objectContaining({file: `snapshots/${generation}/decisions.crc`})]);
});
