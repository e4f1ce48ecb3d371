import {execFile} from 'node:child_process';
import {mkdtemp, readdir, readFile, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {expect, test} from 'vitest';

const execute = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

test('the README quick start runs as written, against the built package', async () => {
	const readme = await readFile(path.join(root, 'README.md'), 'utf8');
	const quickStart = /## Quick start\s+```ts\n([\s\S]*?)```/u.exec(readme)?.[1];
	expect(quickStart).toBeDefined();
	// The script sits in a temporary directory, where `tierwise` does not resolve: point it at the build.
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-readme-'));
	const script = path.join(directory, 'quick-start.mjs');
	await writeFile(script, (quickStart ?? '').replace("from 'tierwise'", `from '${path.join(root, 'dist', 'index.js')}'`));
	// Twice: the second run finds the models in the workspace the first one made.
	for (let run = 0; run < 2; run++) {
		const {stdout} = await execute(process.execPath, [script], {cwd: directory});
		expect(stdout).toMatch(/^Routed to (gpt-4o-mini|claude-sonnet-4-5) \(\w+\) with confidence/u);
		expect(stdout).toContain('Constraints: maxCostUsd $0.01');
	}

	expect(await readdir(path.join(directory, '.tierwise'))).toContain('workspace.json');
});

test('the README operations example runs as written, against the built package', async () => {
	const readme = await readFile(path.join(root, 'README.md'), 'utf8');
	const example = /### Operations: costs, budgets, the SLA, provider health, audit[\s\S]*?```ts\n([\s\S]*?)```/u.exec(readme)?.[1];
	expect(example).toBeDefined();
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-readme-ops-'));
	const script = path.join(directory, 'operations.mjs');
	const checks = `
const health = router.providerHealth('gpt-4o-mini');
console.log(JSON.stringify({mode: decision.operations?.budget.mode, compliant: decision.sla.compliant, rows: router.costReport({period: 'day', by: 'user'}).rows.length, health: health.status, alert: router.budgetAlert().status, audit: (await router.audit({sinceMs: 0})).length}));
await router.close();`;
	await writeFile(script, `import {AdaptiveRouter} from '${path.join(root, 'dist', 'index.js')}';\n${example ?? ''}${checks}`);
	const {stdout} = await execute(process.execPath, [script], {cwd: directory});
	expect(JSON.parse(stdout)).toEqual({mode: 'normal', compliant: true, rows: 1, health: 'down', alert: 'ok', audit: 2});
});
