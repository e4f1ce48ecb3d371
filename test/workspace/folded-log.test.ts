import {mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {AdaptiveRouter} from '../../src/index.js';
import {verifyWorkspace} from '../../src/workspace/file/verify-workspace.js';
import type {WorkspaceWarning} from '../../src/workspace/workspace-warning.js';

const models = [
	{name: 'cheap', provider: 'p', costPer1kInput: 0.0001, costPer1kOutput: 0.0002},
	{name: 'strong', provider: 'p', costPer1kInput: 0.01, costPer1kOutput: 0.03},
];

type Seen = {decisions: number; outcomes: number; observations: number; costUsd: number; cheap: number; strong: number};

function seen(router: AdaptiveRouter): Seen {
	const {decisions, outcomes, observations} = router.stats();
	return {
		decisions,
		outcomes,
		observations,
		costUsd: Math.round(router.costReport().totalCostUsd * 1e9) / 1e9,
		cheap: router.modelPerformance('cheap').count,
		strong: router.modelPerformance('strong').count,
	};
}

/**
 * Two generations, each folding in a closed writer's journal (decisions, outcomes and what they taught), which the
 * compaction then deletes: only the folded logs and archives hold those records besides the snapshots.
 */
async function twoGenerations(): Promise<{directory: string; expected: Seen; late: string}> {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-folded-'));
	let late = '';
	for (const round of [0, 1]) {
		const writer = await AdaptiveRouter.open({workspace: directory, models, refreshIntervalMs: 0, abTestRate: 0});
		for (let index = 0; index < 6; index++) {
			const decision = writer.route(`Round ${round}: what is ${index} plus ${index}?`);
			late = decision.hash;
			await writer.reportOutcome(decision.hash, index / 6, {costUsd: 0.001 * (index + 1), outputTokens: 20});
		}

		await writer.close();
		const compactor = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0});
		await compactor.compact();
		await compactor.close();
	}

	const reader = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0, readOnly: true});
	const expected = seen(reader);
	await reader.close();
	return {directory, expected, late};
}

async function sealedSegments(directory: string): Promise<string[]> {
	const names = (await readdir(path.join(directory, 'journal'))).filter(name => name.endsWith('.jsonl'));
	const sealed: string[] = [];
	for (const name of names) {
		if ((await readFile(path.join(directory, 'journal', name), 'utf8')).includes('"type":"seal"')) {
			sealed.push(name);
		}
	}

	return sealed;
}

async function damageRow(directory: string, generation: string): Promise<void> {
	const table = path.join(directory, 'snapshots', generation, 'decisions.bin');
	const bytes = await readFile(table);
	bytes[40 + 17] = (bytes[40 + 17] ?? 0) ^ 0x10;
	await writeFile(table, bytes);
}

describe('a generation\'s folded log', () => {
	test('compaction deletes the journals it folded in, and a damaged live generation falls back to its base losing nothing', async () => {
		const {directory, expected, late} = await twoGenerations();
		expect(expected).toMatchObject({decisions: 12, outcomes: 12, observations: 12});
		// The writers' segments are gone, and the compactors, which recorded nothing, left none.
		expect((await readdir(path.join(directory, 'journal'))).filter(name => name.endsWith('.jsonl'))).toEqual([]);

		expect(await readdir(path.join(directory, 'snapshots'))).toEqual(['00000001', '00000002', '00000002.folded.jsonl', 'CURRENT']);
		await damageRow(directory, '00000002');

		const warnings: WorkspaceWarning[] = [];
		const router = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0, onCorrupt: 'quarantine', onWarning: warning => warnings.push(warning)});
		expect(warnings.map(warning => warning.code)).toContain('quarantined');
		expect(seen(router)).toEqual(expected);
		// A decision of the damaged generation is explained from the archive its folded log names.
		expect((await router.lookupDecision(late))?.hash).toBe(late);
		await router.close();

		// The opener folded the fall back into a new generation: a plain open needs no quarantine, and verify passes.
		expect((await verifyWorkspace(directory)).problems).toEqual([]);
		const again = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0});
		expect(seen(again)).toEqual(expected);
		expect((await again.lookupDecision(late))?.hash).toBe(late);
		await again.close();
	});

	test('a first generation whose learning is unreadable falls back to nothing and its folded log', async () => {
		const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-folded-'));
		const writer = await AdaptiveRouter.open({workspace: directory, models, refreshIntervalMs: 0, abTestRate: 0});
		for (let index = 0; index < 5; index++) {
			const decision = writer.route(`How do I sort ${index} lists?`);
			await writer.reportOutcome(decision.hash, 0.5, {costUsd: 0.002});
		}

		await writer.close();
		const compactor = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0});
		await compactor.compact();
		const expected = seen(compactor);
		await compactor.close();
		expect(expected).toMatchObject({decisions: 5, outcomes: 5, observations: 5});
		// The writer's segment is gone, and the compactor, which recorded nothing, left none.
		expect(await sealedSegments(directory)).toEqual([]);
		await writeFile(path.join(directory, 'snapshots', '00000001', 'learning.json'), '{"schemaVersion":1,');

		const reopened = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0, onCorrupt: 'quarantine', onWarning: () => undefined});
		expect(seen(reopened)).toEqual(expected);
		await reopened.close();
	});

	test('a damaged CURRENT is written again, naming the newest generation, so that later opens and compactions keep everything', async () => {
		const {directory, expected} = await twoGenerations();
		await writeFile(path.join(directory, 'snapshots', 'CURRENT'), '');
		const router = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0, onCorrupt: 'quarantine', onWarning: () => undefined});
		expect(seen(router)).toEqual(expected);
		await router.close();
		expect(await readFile(path.join(directory, 'snapshots', 'CURRENT'), 'utf8')).toBe('00000002\n');
		const again = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0});
		await again.compact();
		expect(seen(again)).toEqual(expected);
		await again.close();
	});

	test('a damaged folded log is reported by verify and, when it is needed, by the fall back', async () => {
		const {directory, expected} = await twoGenerations();
		const folded = path.join(directory, 'snapshots', '00000002.folded.jsonl');
		const lines = (await readFile(folded, 'utf8')).split('\n');
		lines[1] = (lines[1] ?? '').replace('"seq":1,', '"seq":1, ');
		await writeFile(folded, lines.join('\n'));
		expect((await verifyWorkspace(directory)).problems).toEqual([expect.objectContaining({file: 'snapshots/00000002.folded.jsonl', line: 2})]);

		await damageRow(directory, '00000002');
		const warnings: WorkspaceWarning[] = [];
		const router = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0, onCorrupt: 'quarantine', onWarning: warning => warnings.push(warning)});
		expect(warnings.some(warning => warning.file === 'snapshots/00000002.folded.jsonl')).toBe(true);
		// Never silent: what only the folded log held is missing, and the warning said so.
		expect((seen(router)).observations).toBeLessThan(expected.observations);
		await router.close();
		await rm(directory, {recursive: true, force: true});
	});
});
