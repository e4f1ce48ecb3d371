/*
Crash recovery at scale: a process reporting outcomes to a workspace (and compacting every few) is SIGKILLed
at random instants, 200 times by default. After every kill the workspace must open and hold every outcome
whose promise had resolved. Prints the counts and the time each reopening took.

	npm run bench:crash-recovery [-- --kills 200]
*/
import {mkdtempSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {AdaptiveRouter} from '../dist/index.js';
import {runChild} from '../test/reliability/child-process.js';

const {values} = parseArgs({options: {kills: {type: 'string', default: '200'}}});
const kills = Number(values.kills);
const directory = mkdtempSync(path.join(tmpdir(), 'tierwise-crash-bench-'));
const setup = await AdaptiveRouter.open({workspace: directory, models: [{name: 'm', provider: 'p', costPer1kInput: 0.001, costPer1kOutput: 0.002}]});
await setup.close();

let state = 2026;
const random = () => {
	state = (state * 16_807) % 2_147_483_647;
	return state / 2_147_483_647;
};

const acknowledged: string[] = [];
const reopenMs: number[] = [];
let insideCompaction = 0;
let lost = 0;
for (let kill = 0; kill < kills; kill++) {
	const started = Date.now();
	const run = await runChild(directory, 100_000, {compactEvery: 5, label: `kill${kill}`, killAfterMs: Math.floor(random() * 400)});
	acknowledged.push(...run.acknowledged);
	const lockMadeAt = statSync(path.join(directory, 'workspace.lock'), {throwIfNoEntry: false})?.mtimeMs ?? 0;
	insideCompaction += lockMadeAt >= started ? 1 : 0;

	const opening = performance.now();
	const router = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0, onWarning: () => undefined});
	reopenMs.push(performance.now() - opening);
	for (const hash of run.acknowledged) {
		const receipt = await router.reportOutcome(hash, 0).catch(() => ({recorded: true}));
		lost += receipt.recorded ? 1 : 0;
	}

	await router.close();
	process.stderr.write(`\r${kill + 1} / ${kills} kills, ${acknowledged.length} acknowledged outcomes, ${lost} lost`);
}

process.stderr.write('\n');
const final = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0, onWarning: () => undefined});
let missing = 0;
for (const hash of acknowledged) {
	const receipt = await final.reportOutcome(hash, 0).catch(() => ({recorded: true}));
	missing += receipt.recorded ? 1 : 0;
}

const {decisions, outcomes} = final.stats();
await final.close();
reopenMs.sort((a, b) => a - b);
console.log(`crash recovery: ${kills} SIGKILLs at random instants (${insideCompaction} inside a compaction), ${acknowledged.length.toLocaleString('en-US')} acknowledged outcomes`);
console.log(`  lost after some kill: ${lost}; missing at the end: ${missing}`);
console.log(`  workspace: ${decisions.toLocaleString('en-US')} decisions, ${outcomes.toLocaleString('en-US')} outcomes`);
console.log(`  reopening after a kill: median ${(reopenMs[Math.floor(reopenMs.length / 2)] ?? 0).toFixed(0)} ms, slowest ${(reopenMs.at(-1) ?? 0).toFixed(0)} ms`);
if (lost + missing > 0) {
	process.exitCode = 1;
}
