/*
A process that uses a workspace the way a service does, for the reliability tests: routes, reports outcomes
and, when asked, compacts, printing each decision hash once its outcome's promise has resolved.

	node --import tsx workspace-child.ts DIR COUNT [compactEvery] [label]
*/
import {AdaptiveRouter} from '../../src/index.js';

const [directory = '', countText = '100', compactEveryText = '0', label = 'child'] = process.argv.slice(2);
const count = Number(countText);
const compactEvery = Number(compactEveryText);
const router = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0, onWarning: () => undefined});
process.stdout.write('ready\n');
for (let index = 0; index < count; index++) {
	const decision = router.route(`${label} question ${index}: what is ${index} times ${index + 1}?`, {user: label});
	await router.reportOutcome(decision.hash, (index % 10) / 10, {costUsd: 0.001, outputTokens: 10});
	process.stdout.write(`${decision.hash}\n`);
	if (compactEvery > 0 && index % compactEvery === compactEvery - 1) {
		await router.compact();
	}
}

await router.close();
process.stdout.write('done\n');
