/*
Durable reportOutcome throughput in a fresh workspace, for the three places an outcome finds its decision:
- recent: each batch of 1,000 routed, then its outcomes reported at once (the decisions are in the router's cache);
- journal: every prompt routed first, then the outcomes of the oldest reported, 100 at a time (their decisions
  have left the cache of 2,048 but are still in the journals);
- archived: every prompt routed and the workspace compacted, then the outcomes reported 1,000 at a time (their
  decisions are in the archive): the growth bench's throughput phase, on a small workspace.

	npm run bench:outcome-throughput [-- --outcomes 50000]
	npm run bench:outcome-throughput -- --compact-after 1024   (workspaces made with a compaction threshold of
	                                                           1,024 MB: what the outcomes cost without compaction)
*/
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {AdaptiveRouter} from '../dist/index.js';
import {FileStore} from '../dist/workspace/file/file-store.js';

const {values} = parseArgs({options: {'outcomes': {type: 'string', default: '50000'}, 'compact-after': {type: 'string'}}});
const outcomes = Number(values.outcomes);
const compactAfterBytes = values['compact-after'] === undefined ? undefined : Number(values['compact-after']) * 2 ** 20;
const prompts = ['What is the capital of France?', 'Write a Python function that merges two sorted lists, with tests.', 'Prove that the square root of 2 is irrational.'];
const promptOf = (index: number) => `${prompts[index % prompts.length] ?? ''} [${index}]`;

async function inFreshWorkspace(run: (router: AdaptiveRouter) => Promise<number>): Promise<number> {
	const directory = mkdtempSync(path.join(tmpdir(), 'tierwise-outcomes-'));
	const router = compactAfterBytes === undefined
		? await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0})
		: await AdaptiveRouter.open({store: await FileStore.open(directory, {maxDecisions: 1_000_000, clock: Date.now, onWarning: () => undefined, refreshIntervalMs: 0, createWith: {compactAfterBytes}})});
	try {
		return await run(router);
	} finally {
		await router.close();
		rmSync(directory, {recursive: true, force: true});
	}
}

/** Reports `hashes` `concurrency` at a time; returns outcomes a second. */
async function report(router: AdaptiveRouter, hashes: readonly string[], concurrency: number): Promise<number> {
	const started = performance.now();
	for (let from = 0; from < hashes.length; from += concurrency) {
		await Promise.all(hashes.slice(from, from + concurrency).map(async hash => router.reportOutcome(hash, 1)));
	}

	return hashes.length / ((performance.now() - started) / 1000);
}

const recent = await inFreshWorkspace(async router => {
	let reportingMs = 0;
	for (let from = 0; from < outcomes; from += 1000) {
		const hashes = Array.from({length: 1000}, (_, index) => router.route(promptOf(from + index)).hash);
		const started = performance.now();
		await Promise.all(hashes.map(async hash => router.reportOutcome(hash, 1)));
		reportingMs += performance.now() - started;
	}

	return outcomes / (reportingMs / 1000);
});

const journalCount = Math.min(outcomes, 5000);
const journal = await inFreshWorkspace(async router => {
	const hashes = Array.from({length: journalCount + 5000}, (_, index) => router.route(promptOf(index)).hash);
	await router.flush();
	return report(router, hashes.slice(0, journalCount), 100);
});

const archived = await inFreshWorkspace(async router => {
	const hashes: string[] = [];
	for (let index = 0; index < outcomes; index++) {
		hashes.push(router.route(promptOf(index)).hash);
		if (index % 1000 === 999) {
			await router.flush();
		}
	}

	await router.compact();
	return report(router, hashes, 1000);
});

console.log(`durable reportOutcome in a fresh workspace (node ${process.version}${compactAfterBytes === undefined ? '' : `, compaction threshold ${values['compact-after']} MB`}), outcomes a second:`);
console.log(`  recent decisions, batches of 1,000             ${Math.round(recent).toLocaleString('en-US').padStart(8)}  (${outcomes.toLocaleString('en-US')})`);
console.log(`  decisions 5,000 routes old, still in journals  ${Math.round(journal).toLocaleString('en-US').padStart(8)}  (${journalCount.toLocaleString('en-US')})`);
console.log(`  archived decisions, 1,000 at a time            ${Math.round(archived).toLocaleString('en-US').padStart(8)}  (${outcomes.toLocaleString('en-US')})`);
