import {cp, mkdtemp, readdir, readFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, test} from 'vitest';
import {AdaptiveRouter, isTierwiseError, type WorkspaceWarning} from '../../src/index.js';
import {verifyWorkspace} from '../../src/workspace/file/verify-workspace.js';

const fixtures = fileURLToPath(new URL('../../workspace-fixtures', import.meta.url));

type Expectation = {result: 'ok'; decisions: number; outcomes: number; costUsd?: number} | {result: 'error'; code: string; file: string; line?: number};
type Fixture = {description: string; open: Expectation; quarantine?: Expectation};

const names = (await readdir(fixtures)).filter(name => name.endsWith('.expected.json')).map(name => name.replace('.expected.json', ''));

async function copyOf(name: string): Promise<string> {
	const directory = await mkdtemp(path.join(tmpdir(), `tierwise-${name}-`));
	await cp(path.join(fixtures, name), directory, {recursive: true});
	return directory;
}

async function check(directory: string, expectation: Expectation, onCorrupt: 'fail' | 'quarantine'): Promise<WorkspaceWarning[]> {
	const warnings: WorkspaceWarning[] = [];
	try {
		const router = await AdaptiveRouter.open({workspace: directory, onCorrupt, refreshIntervalMs: 0, onWarning: warning => warnings.push(warning)});
		const {decisions, outcomes} = router.stats();
		// Spend, for a fixture that says what its ledger holds, to the cent's millionth.
		const spend = expectation.result === 'ok' && expectation.costUsd !== undefined ? {costUsd: Math.round(router.costReport().totalCostUsd * 1e9) / 1e9} : {};
		await router.close();
		expect({result: 'ok', decisions, outcomes, ...spend}).toEqual(expectation);
	} catch (error) {
		if (!isTierwiseError(error)) {
			throw error;
		}

		expect({result: 'error', code: error.code, file: error.details.file, ...(expectation.result === 'error' && expectation.line !== undefined ? {line: error.details.line} : {})}).toEqual(expectation);
	}

	return warnings;
}

describe('workspace fixtures', () => {
	test('there is one for each kind of damage the issue names', () => {
		expect(names.sort()).toEqual(['empty-files', 'flipped-bit-folded-snapshot', 'flipped-bit-journal', 'flipped-bit-packed-memory', 'flipped-bit-snapshot', 'future-learning-version', 'future-version', 'healthy', 'healthy-ops', 'torn-tail', 'wrong-schema']);
	});

	test.each(names)('%s gives its documented result, and with quarantine keeps every valid record', async name => {
		const expected = JSON.parse(await readFile(path.join(fixtures, `${name}.expected.json`), 'utf8')) as Fixture;
		const report = await verifyWorkspace(path.join(fixtures, name));
		expect(report.ok).toBe(name === 'healthy' || name === 'healthy-ops');

		const warnings = await check(await copyOf(name), expected.open, 'fail');
		if (name === 'torn-tail') {
			expect(warnings.map(warning => warning.code)).toEqual(['torn_tail_truncated']);
		}

		// Without a quarantine result of its own, a fixture must give the same result with quarantine.
		const quarantineWarnings = await check(await copyOf(name), expected.quarantine ?? expected.open, 'quarantine');
		if (expected.quarantine !== undefined) {
			expect(quarantineWarnings.map(warning => warning.code)).toContain('quarantined');
		}
	});

	test('healthy-ops keeps learning.json at version 1: a compaction writes what it learned as version 2, and it reads back the same', async () => {
		const directory = await copyOf('healthy-ops');
		const learningOf = async () => {
			const generation = (await readFile(path.join(directory, 'snapshots', 'CURRENT'), 'utf8')).trim();
			return JSON.parse(await readFile(path.join(directory, 'snapshots', generation, 'learning.json'), 'utf8')) as {schemaVersion: number; observations: number; memory: {entries?: unknown[]; sizes?: number[]}};
		};

		const before = await learningOf();
		expect(before.schemaVersion).toBe(1);
		const learned = async () => {
			const router = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0});
			const seen = {observations: router.stats().observations, small: router.modelPerformance('small'), large: router.modelPerformance('large')};
			await router.close();
			return seen;
		};

		const read = await learned();
		const router = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0});
		await router.compact();
		await router.close();
		const after = await learningOf();
		expect(after.schemaVersion).toBe(2);
		// Its prompts, and those of the outcomes in the journal since, which the compaction folded in.
		expect(after.memory.sizes?.[0]).toBe((before.memory.entries?.length ?? 0) + (after.observations - before.observations));
		expect(await learned()).toEqual(read);
	});

	test.each(['empty-files', 'flipped-bit-snapshot', 'flipped-bit-folded-snapshot', 'flipped-bit-packed-memory'])('%s, once opened with quarantine, opens without it and compacts with every record kept', async name => {
		const expected = JSON.parse(await readFile(path.join(fixtures, `${name}.expected.json`), 'utf8')) as Fixture;
		const directory = await copyOf(name);
		await check(directory, expected.quarantine ?? expected.open, 'quarantine');
		await check(directory, expected.quarantine ?? expected.open, 'fail');
		const router = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0});
		await router.compact();
		await router.close();
		await check(directory, expected.quarantine ?? expected.open, 'fail');
		expect((await verifyWorkspace(directory)).problems).toEqual([]);
	});
});
