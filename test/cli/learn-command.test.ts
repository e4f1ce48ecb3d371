import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {AdaptiveRouter, DEFAULT_CATALOGUE} from '../../src/index.js';
import {runCli} from './run-cli.js';

const [cheap, strong] = DEFAULT_CATALOGUE.models.map(model => model.name);

async function workspaceWithFile(lines: readonly string[]): Promise<{workspace: string; file: string}> {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-learn-'));
	const workspace = path.join(directory, 'ws');
	expect((await runCli(['init', workspace])).code).toBe(0);
	const file = path.join(directory, 'history.jsonl');
	await writeFile(file, `${lines.join('\n')}\n`);
	return {workspace, file};
}

test('learns replay lines and log lines into a workspace, where another router finds what was learned', async () => {
	const {workspace, file} = await workspaceWithFile([
		JSON.stringify({prompt: 'Write a SQL query joining orders and customers', outcomes: {[cheap ?? '']: {quality: 0.2, costUsd: 0.0001}, [strong ?? '']: {quality: 0.9, costUsd: 0.01}}}),
		'',
		JSON.stringify({prompt: 'Translate "good morning" into French', model: cheap, quality: 1, costUsd: 0.00001}),
		JSON.stringify({prompt: 'Summarise this clause', model: 'my-fine-tune', quality: 0.7}),
	]);
	const result = await runCli(['learn', file, '--workspace', workspace, '--json']);
	expect(result.stderr).toBe('');
	expect(result.code).toBe(0);
	expect(JSON.parse(result.stdout)).toMatchObject({lines: 3, results: 4, skipped: 0, unregisteredModels: ['my-fine-tune']});

	const router = await AdaptiveRouter.open({workspace});
	expect(router.stats().observations).toBe(3);
	expect(router.modelPerformance(cheap ?? '').count).toBe(2);
	expect(router.modelPerformance('my-fine-tune').averageQuality).toBeCloseTo(0.7, 6);
	await router.close();

	const text = await runCli(['learn', file, '--workspace', workspace]);
	expect(text.stdout).toMatch(/^Learned 3 lines \(4 model outcomes\) in [\d.]+ s, [\d,]+ lines a second\.\nNot registered in the workspace: my-fine-tune\./u);
});

test('a bad line stops the command before anything is learned, naming the line; --skip-bad counts and skips it', async () => {
	const {workspace, file} = await workspaceWithFile([
		JSON.stringify({prompt: 'fine', model: cheap, quality: 0.5}),
		JSON.stringify({prompt: 'too good', model: cheap, quality: 2}),
		'{not json',
		JSON.stringify({prompt: 'also fine', model: cheap, quality: 0.5}),
	]);
	const refused = await runCli(['learn', file, '--workspace', workspace]);
	expect(refused.code).toBe(2);
	expect(refused.stderr).toMatch(/^tierwise learn: .*line 2.*quality from 0 to 1.*--skip-bad.*Nothing was learned\.\n$/u);
	const router = await AdaptiveRouter.open({workspace});
	expect(router.stats().observations).toBe(0);
	await router.close();

	const skipping = await runCli(['learn', file, '--workspace', workspace, '--skip-bad', '--json']);
	expect(skipping.code).toBe(0);
	expect(JSON.parse(skipping.stdout)).toMatchObject({lines: 2, skipped: 2});
});

test('learn says what is missing', async () => {
	expect(await runCli(['learn', '--workspace', '/tmp/x'])).toMatchObject({code: 2, stderr: expect.stringMatching(/^tierwise learn: learn needs one FILE\. Run tierwise learn --help\.\n$/u) as unknown});
	expect(await runCli(['learn', 'x.jsonl'])).toMatchObject({code: 2, stderr: expect.stringMatching(/needs --workspace DIR/u) as unknown});
	expect(await runCli(['learn', '/nonexistent/h.jsonl', '--workspace', '/tmp/x'])).toMatchObject({code: 2, stderr: expect.stringMatching(/there is no file \/nonexistent\/h\.jsonl/u) as unknown});
	expect((await runCli(['learn', '--help'])).stdout).toMatch(/^Usage: tierwise learn FILE --workspace DIR/u);
});
