import {execFile} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {expect, test} from 'vitest';

const execute = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

test('the openai example routes through a local mock server, fails over on a 429 and adds up the costs', async () => {
	const {stdout} = await execute(process.execPath, [path.join(root, 'examples', 'openai-failover.mjs')], {cwd: root, timeout: 30_000});
	const lines = stdout.trim().split('\n');
	// The cheapest suited model for easy prompts, the dearest for the expert one.
	expect(lines[0]).toMatch(/^trivial\s+gpt-4o-mini\s+gpt-4o-mini success$/u);
	expect(lines.find(line => line.startsWith('expert'))).toMatch(/gpt-4o success$/u);
	expect(stdout).toMatch(/^failover gpt-4o-mini rate_limited 429 -> gpt-4\.1-mini success; answered by gpt-4\.1-mini$/mu);
	expect(stdout).toContain('gpt-4o-mini is down until its retry-after passes');
	const costs = lines.filter(line => line.startsWith('cost ')).map(line => Number(/\$(\d+\.\d+)$/u.exec(line)?.[1]));
	const total = Number(/^total\s+\$(\d+\.\d+)/mu.exec(stdout)?.[1]);
	expect(costs).toHaveLength(3);
	expect(costs.reduce((sum, cost) => sum + cost, 0)).toBeCloseTo(total, 5);
	expect(stdout).toMatch(/^mock {5}6 requests served or refused$/mu);
});
