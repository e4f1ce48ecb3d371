import {execFile} from 'node:child_process';
import {mkdtemp, readFile, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {expect, test} from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

test('the README quick start runs as written, against the built package', async () => {
	const readme = await readFile(path.join(root, 'README.md'), 'utf8');
	const quickStart = /## Quick start\s+```ts\n([\s\S]*?)```/u.exec(readme)?.[1];
	expect(quickStart).toBeDefined();
	// The script sits in a temporary directory, where `tierwise` does not resolve: point it at the build.
	const script = path.join(await mkdtemp(path.join(tmpdir(), 'tierwise-readme-')), 'quick-start.mjs');
	await writeFile(script, (quickStart ?? '').replace("from 'tierwise'", `from '${path.join(root, 'dist', 'index.js')}'`));
	const {stdout} = await run(process.execPath, [script], {cwd: root});
	expect(stdout).toMatch(/^Routed to (gpt-4o-mini|claude-sonnet-4-5) \(\w+\) with confidence/u);
	expect(stdout).toContain('Constraints: maxCostUsd $0.01');
});
