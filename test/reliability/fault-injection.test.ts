import {cp, mkdtemp, readFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {beforeAll, expect, test} from 'vitest';
import {AdaptiveRouter} from '../../src/index.js';
import {compactWorkspace} from '../../src/workspace/file/compaction.js';
import {verifyWorkspace} from '../../src/workspace/file/verify-workspace.js';
import {WorkspaceLayout} from '../../src/workspace/file/workspace-layout.js';
import {workspaceFileSchema} from '../../src/workspace/file/workspace-schemas.js';
import {FaultyFileSystem} from './faulty-file-system.js';

let base = '';
const expected = {decisions: 50, outcomes: 30};

/* A workspace with a previous snapshot generation and journals since: compaction then writes, renames and deletes. */
beforeAll(async () => {
	base = await mkdtemp(path.join(tmpdir(), 'tierwise-faults-base-'));
	const router = await AdaptiveRouter.open({workspace: base, refreshIntervalMs: 0, models: [{name: 'm', provider: 'p', costPer1kInput: 0.001, costPer1kOutput: 0.002}]});
	const report = async (from: number, to: number, outcomes: number) => {
		for (let index = from; index < to; index++) {
			const decision = router.route(`Question ${index}: what is ${index} plus ${index}?`);
			if (index - from < outcomes) {
				await router.reportOutcome(decision.hash, 0.5);
			}
		}
	};

	await report(0, 30, 20);
	await router.compact();
	await report(30, 50, 10);
	await router.close();
});

async function copyOfBase(): Promise<string> {
	const copy = await mkdtemp(path.join(tmpdir(), 'tierwise-faults-'));
	await cp(base, copy, {recursive: true});
	return copy;
}

async function compactWith(directory: string, fileSystem: FaultyFileSystem): Promise<unknown> {
	const layout = new WorkspaceLayout(directory);
	const workspace = workspaceFileSchema.parse(JSON.parse(await readFile(layout.workspaceFile, 'utf8')));
	return compactWorkspace({lockWaitMs: 0, fileSystem, layout, maxDecisions: 1000, workspaceOptions: workspace.options, nowMs: Date.now(), onWarning: () => undefined}).catch((error: unknown) => error);
}

async function counts(directory: string): Promise<{decisions: number; outcomes: number}> {
	const router = await AdaptiveRouter.open({workspace: directory, readOnly: true, refreshIntervalMs: 0, onWarning: () => undefined});
	const {decisions, outcomes} = router.stats();
	await router.close();
	return {decisions, outcomes};
}

test('fails the Nth write, fsync or rename of one compaction, for every N: the workspace opens with exact counts', async () => {
	const counting = new FaultyFileSystem();
	const clean = await copyOfBase();
	await compactWith(clean, counting);
	expect(await counts(clean)).toEqual(expected);
	const operations = counting.count;
	expect(operations).toBeGreaterThan(10);

	const kinds = new Set<string>();
	for (let failAt = 1; failAt <= operations; failAt++) {
		const directory = await copyOfBase();
		const faulty = new FaultyFileSystem(failAt);
		const outcome = await compactWith(directory, faulty);
		expect(outcome).toBeInstanceOf(Error);
		kinds.add(faulty.failed ?? '');

		expect(await counts(directory)).toEqual(expected);
		const report = await verifyWorkspace(directory);
		expect(report.problems.filter(problem => !problem.repairable)).toEqual([]);

		// And the next compaction, without faults, succeeds and keeps the counts.
		await compactWith(directory, new FaultyFileSystem());
		expect(await counts(directory)).toEqual(expected);
	}

	expect([...kinds].sort()).toEqual(['fsync', 'rename', 'write']);
}, 120_000);
