/*
Workspace growth: a workspace filled with a million decisions and their outcomes (or --outcomes N), then
measured: bytes per outcome, the journals' peak size against the compaction threshold, the time and heap to
open it in a fresh process, durable reportOutcome throughput with concurrent callers, and route() with the
workspace on.

	npm run bench:workspace-growth [-- --outcomes 1000000 --dir /tmp/tierwise-growth]
*/
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {AdaptiveRouter} from '../dist/index.js';

const {values} = parseArgs({options: {outcomes: {type: 'string', default: '1000000'}, dir: {type: 'string'}, concurrency: {type: 'string', default: '1000'}}});
const total = Number(values.outcomes);
const concurrency = Number(values.concurrency);
const directory = values.dir ?? mkdtempSync(path.join(tmpdir(), 'tierwise-growth-'));
rmSync(directory, {recursive: true, force: true});

function directoryBytes(folder: string): number {
	let bytes = 0;
	for (const entry of readdirSync(folder, {withFileTypes: true})) {
		const full = path.join(folder, entry.name);
		bytes += entry.isDirectory() ? directoryBytes(full) : statSync(full).size;
	}

	return bytes;
}

function journalBytes(): number {
	return readdirSync(path.join(directory, 'journal')).filter(name => name.endsWith('.jsonl')).reduce((sum, name) => sum + statSync(path.join(directory, 'journal', name)).size, 0);
}

const prompts = [
	'What is the capital of France?',
	'Write a Python function that merges two sorted lists, with tests.',
	'Summarize the causes of the French Revolution in five bullet points.',
	'Design a rate limiter for a public API: algorithm, storage, and how it behaves under a burst of traffic.',
	'Translate "good morning" into Italian.',
	'Prove that the square root of 2 is irrational.',
];

const router = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 1000, onWarning: warning => {
	console.error(`warning: ${warning.message}`);
}});
const {compactAfterBytes, segmentBytes} = (JSON.parse(readFileSync(path.join(directory, 'workspace.json'), 'utf8')) as {options: {compactAfterBytes: number; segmentBytes: number}}).options;
let peakJournalBytes = 0;
const progressEvery = Math.max(1, Math.floor(total / 20));
const started = performance.now();
let routeMs = 0;
let reportMs = 0;
let done = 0;
while (done < total) {
	const batch = Math.min(concurrency, total - done);
	const routeStarted = performance.now();
	const hashes = Array.from({length: batch}, (_, index) => router.route(`${prompts[(done + index) % prompts.length] ?? ''} (${done + index})`).hash);
	const reportStarted = performance.now();
	routeMs += reportStarted - routeStarted;
	// Concurrent callers: every outcome awaited at once, so that group commit writes them together.
	await Promise.all(hashes.map(async (hash, index) => router.reportOutcome(hash, (index % 10) / 10, {costUsd: 0.000_25, outputTokens: 120, latencyMs: 800})));
	reportMs += performance.now() - reportStarted;
	done += batch;
	if (done % (concurrency * 10) < batch) {
		peakJournalBytes = Math.max(peakJournalBytes, journalBytes());
	}

	if (done % progressEvery < batch) {
		process.stderr.write(`\r${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} outcomes, ${((performance.now() - started) / 1000).toFixed(0)} s`);
	}
}

process.stderr.write('\n');
const fillSeconds = (performance.now() - started) / 1000;
const compactionStarted = performance.now();
await router.compact();
const compactionMs = performance.now() - compactionStarted;
const stats = router.stats();
await router.close();
const bytes = directoryBytes(directory);

// Open in a fresh process: time to a usable router, and its heap.
const opened = JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', `
	import {AdaptiveRouter} from ${JSON.stringify(path.resolve('dist/index.js'))};
	const started = performance.now();
	const router = await AdaptiveRouter.open({workspace: ${JSON.stringify(directory)}, refreshIntervalMs: 0});
	const openMs = performance.now() - started;
	globalThis.gc();
	const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
	const stats = router.stats();
	await router.close();
	console.log(JSON.stringify({openMs, heapMb, stats}));
`], {encoding: 'utf8'})) as {openMs: number; heapMb: number; stats: {decisions: number; outcomes: number}};

// Durable reportOutcome throughput on its own: decisions routed first (and compacted away, so that no compaction
// runs while outcomes are timed), then outcomes reported by concurrent callers.
const throughputRouter = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0});
const sample = 100_000;
const sampleHashes: string[] = [];
for (let index = 0; index < sample; index++) {
	sampleHashes.push(throughputRouter.route(`${prompts[index % prompts.length] ?? ''} [throughput ${index}]`).hash);
	if (index % concurrency === concurrency - 1) {
		await throughputRouter.flush();
	}
}

await throughputRouter.compact();
const throughputStarted = performance.now();
for (let from = 0; from < sample; from += concurrency) {
	await Promise.all(sampleHashes.slice(from, from + concurrency).map(async hash => throughputRouter.reportOutcome(hash, 1)));
}

const outcomesPerSecond = sample / ((performance.now() - throughputStarted) / 1000);

// route() with the workspace on: single routes of short prompts, timed one by one.
const latencies: number[] = [];
for (let index = 0; index < 20_000; index++) {
	const prompt = `${prompts[index % prompts.length] ?? ''} {latency ${index}}`;
	const routeStarted = process.hrtime.bigint();
	throughputRouter.route(prompt);
	latencies.push(Number(process.hrtime.bigint() - routeStarted) / 1000);
	if (index % 1000 === 999) {
		await throughputRouter.flush();
	}
}

await throughputRouter.close();
latencies.sort((a, b) => a - b);

console.log(`workspace growth: ${total.toLocaleString('en-US')} decisions and outcomes in ${directory} (node ${process.version})`);
console.log(`  filled in ${fillSeconds.toFixed(0)} s (${Math.round(total / fillSeconds).toLocaleString('en-US')} decisions and outcomes a second, compactions included): route ${(routeMs / 1000).toFixed(0)} s, durable reportOutcome ${(reportMs / 1000).toFixed(0)} s, ${concurrency} concurrent callers`);
console.log(`  kept: ${stats.decisions.toLocaleString('en-US')} decisions, ${stats.outcomes.toLocaleString('en-US')} outcomes`);
console.log(`  disk: ${(bytes / 2 ** 20).toFixed(0)} MB, ${(bytes / total).toFixed(0)} bytes per decision and its outcome`);
console.log(`  journals: peak ${(peakJournalBytes / 2 ** 20).toFixed(1)} MB on disk (compaction threshold ${(compactAfterBytes / 2 ** 20).toFixed(0)} MB, segments sealed at ${(segmentBytes / 2 ** 20).toFixed(0)} MB)`);
console.log(`  compaction of the full workspace: ${compactionMs.toFixed(0)} ms`);
console.log(`  open in a fresh process: ${opened.openMs.toFixed(0)} ms, heap ${opened.heapMb.toFixed(0)} MB, ${opened.stats.decisions.toLocaleString('en-US')} decisions`);
console.log(`  durable reportOutcome: ${Math.round(outcomesPerSecond).toLocaleString('en-US')} a second (${sample.toLocaleString('en-US')} outcomes, ${concurrency} concurrent callers)`);
console.log(`  route() with the workspace on: median ${(latencies[Math.floor(latencies.length / 2)] ?? 0).toFixed(1)} µs, p99 ${(latencies[Math.floor(latencies.length * 0.99)] ?? 0).toFixed(1)} µs (short prompts)`);
