import {mkdtemp, readFile, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {AdaptiveRouter} from '../../src/index.js';
import {verifyWorkspace} from '../../src/workspace/file/verify-workspace.js';

const awkward = ['مرحبا بالعالم', 'שלום', '👩‍👩‍👧‍👦 emoji', 'lone \uD800 surrogate', 'nul \u0000 byte', '__proto__', 'constructor', 'caf\u0065\u0301 decomposed'];

test('unicode, right-to-left text, emoji and lone surrogates round-trip byte-exact across a reopen', async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-unicode-'));
	const router = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0, models: awkward.map(name => ({name, provider: name, costPer1kInput: 0.001, costPer1kOutput: 0.002}))});
	const decisions = awkward.map(user => router.route(`Route this for ${user}`, {user}));
	await router.close();

	const reopened = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0});
	expect(reopened.models().map(model => model.name)).toEqual(awkward);
	for (const decision of decisions) {
		const {reasoning, evidence, ...record} = decision.toJSON();
		expect(await reopened.lookupDecision(decision.hash)).toEqual(record);
	}

	await reopened.compact();
	for (const decision of decisions) {
		expect((await reopened.lookupDecision(decision.hash))?.user).toBe(decision.user);
	}

	expect(Object.keys(Object.prototype)).toEqual([]);
	await reopened.close();
	expect((await verifyWorkspace(directory)).problems).toEqual([]);
});

test('accepts a 10 MB prompt (under the default maxPromptBytes of 10 MiB) with a workspace, and refuses a larger one', async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-large-'));
	const router = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0, models: [{name: 'm', provider: 'p', costPer1kInput: 0.000_001, costPer1kOutput: 0.000_001}]});
	const decision = router.route('word '.repeat(2_000_000));
	expect(decision.estimatedTokens.input).toBe(2_500_000);
	expect(() => router.route('x'.repeat(11 * 1024 * 1024))).toThrow(expect.objectContaining({code: 'prompt_too_large'}) as Error);
	await router.reportOutcome(decision.hash, 1);
	await router.close();
}, 30_000);

test('a new workspace passes verify, models.json included', async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-new-'));
	const router = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0});
	await router.close();
	expect(await verifyWorkspace(directory)).toMatchObject({ok: true, problems: []});
});

test('verify checks experiments.json once there is one, and names it when it is damaged', async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-experiments-verify-'));
	const router = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0});
	router.createExperiment({name: 'careful', strategyA: 'cost_optimized', strategyB: 'quality_first'});
	await router.close();
	const healthy = await verifyWorkspace(directory);
	expect(healthy).toMatchObject({ok: true, problems: []});

	const file = path.join(directory, 'experiments.json');
	await writeFile(file, (await readFile(file, 'utf8')).replace('"split": 0.5', '"split": 2'));
	const damaged = await verifyWorkspace(directory);
	expect(damaged.ok).toBe(false);
	expect(damaged.problems.map(problem => problem.file)).toEqual(['experiments.json']);
	expect(damaged.files).toBe(healthy.files);
});
