import {mkdtemp, readdir, readFile, truncate} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {AdaptiveRouter} from '../../src/index.js';

test('truncating the last record at every byte offset loses that record only', async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-truncate-'));
	const router = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0, models: [{name: 'm', provider: 'p', costPer1kInput: 0.001, costPer1kOutput: 0.002}]});
	const hashes = ['first', 'second', 'third'].map(word => router.route(`The ${word} question?`).hash);
	await router.reportOutcome(hashes[2] ?? '', 1);
	await router.close();

	// The segment ends with the outcome, its observation, its usage and the seal that closing wrote; drop the last three so the outcome is last.
	const [segment = ''] = (await readdir(path.join(directory, 'journal'))).filter(name => name.endsWith('.jsonl'));
	const file = path.join(directory, 'journal', segment);
	const lines = (await readFile(file, 'utf8')).split('\n').filter(line => line.length > 0);
	expect(lines.at(-3)).toContain('"type":"observation"');
	expect(lines.at(-2)).toContain('"kind":"usage"');
	const lastRecordStart = Buffer.byteLength(lines.slice(0, -4).map(line => `${line}\n`).join(''));
	const lastRecordEnd = lastRecordStart + Buffer.byteLength(`${lines.at(-4) ?? ''}\n`);
	expect(lines.at(-4)).toContain('"type":"outcome"');

	// From the whole line (no seal) down to an empty one: complete, then cut at every byte, then gone.
	for (let length = lastRecordEnd; length >= lastRecordStart; length--) {
		await truncate(file, length);
		const reader = await AdaptiveRouter.open({workspace: directory, readOnly: true, refreshIntervalMs: 0});
		expect(reader.stats()).toEqual({store: path.resolve(directory), decisions: 3, outcomes: length === lastRecordEnd ? 1 : 0, models: 1, observations: 0});
		await reader.close();
	}

	// Opened to write, the workspace truncates the torn tail and keeps the three decisions.
	await truncate(file, lastRecordStart + 20);
	const repaired = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0, onWarning: () => undefined});
	expect(repaired.stats()).toMatchObject({decisions: 3, outcomes: 0});
	expect(await repaired.reportOutcome(hashes[2] ?? '', 0.5)).toEqual({hash: hashes[2], recorded: true});
	await repaired.close();
}, 120_000);
