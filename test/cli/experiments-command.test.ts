import {mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {AdaptiveRouter} from '../../src/index.js';
import {pricedApart} from '../router/fixtures.js';
import {runCli} from './run-cli.js';

test('shows each experiment with its arms, outcomes and winner, as a table or JSON', async () => {
	const workspace = await mkdtemp(path.join(tmpdir(), 'tierwise-experiments-cli-'));
	const router = await AdaptiveRouter.open({workspace, models: pricedApart, abTestRate: 0, refreshIntervalMs: 0});
	router.createExperiment({name: 'careful', strategyA: 'cost_optimized', strategyB: 'quality_first'});
	for (let index = 0; index < 30; index++) {
		const decision = router.route('Translate "good morning" into French.', {experiment: 'careful', user: `user-${index}`});
		await router.reportOutcome(decision.hash, decision.abVariant === 'A' ? 0.5 + ((index % 3) / 100) : 0.9 - ((index % 3) / 100));
	}

	await router.close();
	const table = await runCli(['experiments', '--workspace', workspace]);
	expect(table).toMatchObject({code: 0, stderr: ''});
	expect(table.stdout).toContain('careful (running since');
	expect(table.stdout).toMatch(/B\s+quality_first\s+15\s+0\.8\d\d/u);
	expect(table.stdout).toContain('Winner: B');

	const json = await runCli(['experiments', 'careful', '--workspace', workspace, '--json']);
	const [results] = JSON.parse(json.stdout) as Array<{name: string; winner: string; arms: {A: {outcomes: number}; B: {outcomes: number}}}>;
	expect(results?.winner).toBe('B');
	expect((results?.arms.A.outcomes ?? 0) + (results?.arms.B.outcomes ?? 0)).toBe(30);

	const unknown = await runCli(['experiments', 'nope', '--workspace', workspace]);
	expect(unknown.code).toBe(2);
	expect(unknown.stderr).toMatch(/^tierwise experiments: No experiment named `nope`/u);
	expect((await runCli(['experiments'])).code).toBe(2);
});
