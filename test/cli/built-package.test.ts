import {execFile} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {describe, expect, test} from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version: string; bin: {tierwise: string}};
// The bin as npm links it: the bundled CLI.
const bin = fileURLToPath(new URL(`../../${manifest.bin.tierwise}`, import.meta.url));

/* These run what `npm install` built into dist/ (npm test builds first), as a user would. */
describe('the built package', () => {
	test('imports itself by name from the repository root', async () => {
		const {stdout} = await run(process.execPath, ['--input-type=module', '-e', `
			import {AdaptiveRouter} from 'tierwise';
			const router = await AdaptiveRouter.open();
			console.log(router.route('Hi').tier);
		`], {cwd: root});
		expect(stdout).toBe('trivial\n');
	});

	test('runs the tierwise bin, and pipes route --json into explain', async () => {
		const {stdout} = await run('sh', ['-c', `"${process.execPath}" "${bin}" route "Write a limerick" --json | "${process.execPath}" "${bin}" explain`], {cwd: root});
		expect(stdout).toMatch(/^Routed to \S+ \(\w+\) with confidence/u);
	});

	test('the bin is one file, and tells its version', async () => {
		expect(manifest.bin.tierwise).toBe('./dist/cli/tierwise.js');
		const {stdout} = await run(process.execPath, [bin, '--version']);
		expect(stdout.trim()).toBe(manifest.version);
	});

	test('exits 2 with one line on stderr for a bad flag', async () => {
		const failure = await run(process.execPath, [bin, 'route', 'Hi', '--max-cost', 'x']).catch((error: unknown) => error as {code: number; stderr: string});
		expect(failure).toMatchObject({code: 2});
		expect((failure as {stderr: string}).stderr.trimEnd().split('\n')).toHaveLength(1);
	});
});
