import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {parseDecision} from '../../src/index.js';
import {runCli} from './run-cli.js';

async function modelsFile(content: unknown): Promise<string> {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-cli-'));
	const file = path.join(directory, 'models.json');
	await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
	return file;
}

const models = [
	{name: 'small', provider: 'alpha', costPer1kInput: 0.0001, costPer1kOutput: 0.0004, tierRange: ['trivial', 'simple']},
	{name: 'large', provider: 'beta', costPer1kInput: 0.003, costPer1kOutput: 0.015, tierRange: ['moderate', 'expert']},
];

describe('tierwise route', () => {
	test('prints the model chosen and why', async () => {
		const result = await runCli(['route', 'What time is it?', '--models', await modelsFile(models)]);
		expect(result).toMatchObject({code: 0, stderr: ''});
		expect(result.stdout).toMatch(/^small \(alpha\): trivial prompt, confidence 0\.\d\d\n {2}Classified as trivial/u);
	});

	test('prints the whole decision with --json', async () => {
		const result = await runCli(['route', 'Design a sharded database and prove it stays consistent.', '--json']);
		expect(result.code).toBe(0);
		const decision = parseDecision(JSON.parse(result.stdout));
		expect(decision.catalogue).toBe('default');
	});

	test('reads the prompt from standard input with -', async () => {
		const result = await runCli(['route', '-', '--models', await modelsFile(models)], 'Hello there');
		expect(result.stdout).toMatch(/^small /u);
	});

	test('passes constraints on to route()', async () => {
		const result = await runCli(['route', 'Hi', '--models', await modelsFile(models), '--min-tier', 'complex', '--json']);
		expect(JSON.parse(result.stdout)).toMatchObject({model: 'large', tier: 'complex'});
	});

	test('reads a models file shaped like the catalogue, {"models": [...]}', async () => {
		const result = await runCli(['route', 'Hi', '--models', await modelsFile({models})]);
		expect(result.stdout).toMatch(/^small /u);
	});

	test.each([
		[['route'], 'route takes one prompt'],
		[['route', 'a', 'b'], 'route takes one prompt'],
		[['route', 'Hi', '--max-cost', 'lots'], '--max-cost takes a number'],
		[['route', 'Hi', '--min-tier', 'hard'], '--min-tier takes trivial'],
		[['route', 'Hi', '--bogus'], "Unknown option '--bogus'"],
		[['route', 'Hi', '--profile', 'boss'], 'No profile named `boss`'],
		[['route', '   '], 'got only whitespace'],
		[['route', 'Hi', '--models', '/no/such/file.json'], 'cannot read --models file'],
	])('exits 2 with a one-line message for %j', async (argv, message) => {
		const result = await runCli(argv);
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toContain(message);
		expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
	});

	test('exits 2 for a models file that is not JSON, or holds an invalid model', async () => {
		expect((await runCli(['route', 'Hi', '--models', await modelsFile('{oops')])).stderr).toContain('is not valid JSON');
		const invalid = await runCli(['route', 'Hi', '--models', await modelsFile([{name: 'x', provider: 'p', costPer1kInput: -1, costPer1kOutput: 0}])]);
		expect(invalid.code).toBe(2);
		expect(invalid.stderr).toContain('costPer1kInput');
	});

	test('exits 1 when no model can serve the request', async () => {
		const result = await runCli(['route', 'Hi', '--max-cost', '0']);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/^tierwise route: No model can serve this trivial request/u);
		expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
	});
});

describe('tierwise explain', () => {
	test('explains a decision piped in from tierwise route --json', async () => {
		const routed = await runCli(['route', 'Write a haiku about rain.', '--json']);
		const result = await runCli(['explain'], routed.stdout);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain(`Routed to ${(JSON.parse(routed.stdout) as {model: string}).model}`);
	});

	test('explains a decision in a file, as JSON with --json', async () => {
		const routed = await runCli(['route', 'Compare two databases for analytics.', '--json']);
		const file = await modelsFile(routed.stdout);
		const result = await runCli(['explain', file, '--json']);
		expect(JSON.parse(result.stdout)).toHaveProperty('nearestExamples');
	});

	test('exits 2 when there is nothing to explain, or it is not a decision', async () => {
		expect((await runCli(['explain'])).code).toBe(2);
		expect((await runCli(['explain'], 'not json')).stderr).toContain('is not valid JSON');
		const wrong = await runCli(['explain'], '{"model": "x"}');
		expect(wrong.code).toBe(2);
		expect(wrong.stderr).toContain('Expected `standard input.schemaVersion`');
	});
});

describe('tierwise models and demo', () => {
	test('lists the default catalogue with the date its prices were read', async () => {
		const result = await runCli(['models']);
		expect(result.stdout).toContain('gpt-5-nano');
		expect(result.stdout).toMatch(/read \d{4}-\d\d-\d\d/u);
	});

	test('lists the models of a file as JSON', async () => {
		const result = await runCli(['models', '--models', await modelsFile(models), '--json']);
		expect((JSON.parse(result.stdout) as Array<{name: string}>).map(model => model.name)).toEqual(['small', 'large']);
	});

	test('the demo routes its prompts and prints what routing saves', async () => {
		const result = await runCli(['demo']);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/15 prompts: \$[\d.]+ routed, against \$[\d.]+ always on claude-opus-4-5 \(\d+% less\)/u);
	});
});

describe('help and usage', () => {
	test.each([['route'], ['explain'], ['models'], ['demo']])('tierwise %s --help prints its usage', async command => {
		const result = await runCli([command, '--help']);
		expect(result).toMatchObject({code: 0, stderr: ''});
		expect(result.stdout).toMatch(new RegExp(`^Usage: tierwise ${command}`, 'u'));
	});

	test('tierwise --help lists the commands; no command at all exits 2', async () => {
		expect((await runCli(['--help'])).stdout).toContain('route "PROMPT"');
		expect((await runCli([])).code).toBe(2);
	});

	test('an unknown command exits 2', async () => {
		const result = await runCli(['fly']);
		expect(result.code).toBe(2);
		expect(result.stderr).toBe('tierwise: unknown command "fly". Run tierwise --help for the list.\n');
	});

	test('a command named like an Object.prototype key is unknown, not a crash', async () => {
		expect((await runCli(['constructor'])).code).toBe(2);
		expect((await runCli(['__proto__'])).code).toBe(2);
	});

	test('--version prints the package version', async () => {
		expect((await runCli(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/u);
	});
});
