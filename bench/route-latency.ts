/*
route() speed: 100,000 prompts of 2 characters to 10 KB, cut from real text (the seed corpus, the unseen
prompts, and the prompts of ../shared/data when present), each timed on its own. Prompts are made in batches of
1,000 before their routes are timed, so that making them costs the timed routes nothing; each is a slice of
joined texts, as a caller cutting prompts out of documents would pass them. Prints median and p99 µs and routes per second for the first and the last 10,000,
overall and by size; then the steady-state cost by size, each prompt's own cost up to 2 KB apart from the
machine's noise (median and p99 of its best of five passes), and the heap.

	npm run bench:route-latency            (builds first: the bench measures the built package)
	npm run bench:route-latency -- 100000  (first learns that many outcomes, spread over the catalogue's models)
	npm run bench:route-latency -- 100000 256  (the same with a similar-prompt search budget of 256 postings)
*/
import {existsSync, readFileSync} from 'node:fs';
import {AdaptiveRouter, DEFAULT_CATALOGUE} from '../dist/index.js';
import {SEED_CORPUS} from '../dist/classifier/seed-corpus.js';
import {bestMicrosOfEach, bestMicrosPerItem} from './lib/best-of-rounds.js';
import {seeded} from './lib/replay-data.js';

const routes = 100_000;
const block = 10_000;
const batch = 1000;
const warmUp = 1000;

function pool(): string[] {
	const texts = SEED_CORPUS.map(prompt => prompt.text);
	texts.push(...(JSON.parse(readFileSync(new URL('data/unseen-prompts.json', import.meta.url), 'utf8')) as Array<{text: string}>).map(prompt => prompt.text));
	for (const name of ['routellm-gsm8k', 'dcrouter-test']) {
		const file = new URL(`../../shared/data/${name}.jsonl`, import.meta.url);
		if (existsSync(file)) {
			for (const line of readFileSync(file, 'utf8').split('\n').slice(0, 2000)) {
				if (line.trim() !== '') {
					texts.push((JSON.parse(line) as {prompt: string}).prompt);
				}
			}
		}
	}

	return texts;
}

const texts = pool();
// Seeded, so that every run routes the same prompts.
const random = seeded(2026);
function nextPrompt(): string {
	const length = Math.round(Math.exp(Math.log(2) + (random() * (Math.log(10_240) - Math.log(2)))));
	const parts: string[] = [];
	let total = 0;
	while (total < length) {
		const part = texts[Math.floor(random() * texts.length)] ?? '';
		parts.push(part);
		total += part.length + 2;
	}

	const cut = parts.join('\n\n').slice(0, length);
	return /\S/u.test(cut) ? cut : nextPrompt();
}

type Sample = {micros: number; bytes: number};

function summarize(samples: readonly Sample[]): string {
	const describe = (subset: readonly Sample[]) => {
		const sorted = subset.map(sample => sample.micros).sort((a, b) => a - b);
		const total = sorted.reduce((sum, value) => sum + value, 0);
		const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
		return `median ${at(0.5).toFixed(1).padStart(6)} µs  p99 ${at(0.99).toFixed(1).padStart(6)} µs  ${Math.round(subset.length / (total / 1e6)).toLocaleString('en-US').padStart(8)} routes/s  (${subset.length})`;
	};

	return [
		`  all prompts      ${describe(samples)}`,
		`  up to 2 KB       ${describe(samples.filter(sample => sample.bytes <= 2048))}`,
		`  2 KB to 10 KB    ${describe(samples.filter(sample => sample.bytes > 2048))}`,
	].join('\n');
}

const learned = Number(process.argv[2] ?? 0);
const searchBudget = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
const router = await AdaptiveRouter.open(searchBudget === undefined ? {} : {memorySearchBudget: searchBudget});
if (learned > 0) {
	const models = DEFAULT_CATALOGUE.models.map(model => model.name);
	const started = performance.now();
	for (let done = 0; done < learned; done += batch) {
		await router.learn(Array.from({length: Math.min(batch, learned - done)}, () => ({prompt: nextPrompt(), model: models[Math.floor(random() * models.length)] ?? 'x', quality: random()})));
	}

	console.log(`learned ${learned.toLocaleString('en-US')} outcomes${searchBudget === undefined ? '' : ` (search budget ${searchBudget} postings)`} in ${((performance.now() - started) / 1000).toFixed(1)} s (${Math.round(learned / ((performance.now() - started) / 1000)).toLocaleString('en-US')} a second); ${router.stats().observations.toLocaleString('en-US')} observations`);
}

for (let index = 0; index < warmUp; index++) {
	router.route(nextPrompt());
}

const heapBefore = process.memoryUsage().heapUsed;
const samples: Sample[] = [];
while (samples.length < routes) {
	const prompts = Array.from({length: batch}, () => nextPrompt());
	for (const prompt of prompts) {
		const started = process.hrtime.bigint();
		router.route(prompt);
		const micros = Number(process.hrtime.bigint() - started) / 1000;
		samples.push({micros, bytes: Buffer.byteLength(prompt)});
	}
}

globalThis.gc?.();
const heapAfter = process.memoryUsage().heapUsed;

/*
The cost of the code itself, apart from this shared machine's noise: per prompt size, the best of ten rounds
over the same 500 prompts. Timing single routes (above) is what a caller sees; this is what route() costs.
*/
const steadyState: string[] = [];
for (const size of [64, 256, 1024, 2048, 8192]) {
	const sized: string[] = [];
	while (sized.length < 500) {
		const prompt = nextPrompt();
		if (prompt.length >= size) {
			sized.push(prompt.slice(0, size));
		}
	}

	const best = bestMicrosPerItem(sized, 10, prompt => router.route(prompt));
	steadyState.push(`${String(size).padStart(6)} B  ${best.toFixed(1).padStart(7)} µs`);
}

/*
The same apart from the noise, prompt by prompt: 5,000 more prompts of the bench's lengths up to 2 KB, each timed
in five passes over them all and kept at its best. What a burst of the machine's load adds to a few routes of one
pass, another pass takes away; what a prompt itself costs stays.
*/
const upTo2Kb: string[] = [];
while (upTo2Kb.length < 5000) {
	const prompt = nextPrompt();
	if (Buffer.byteLength(prompt) <= 2048) {
		upTo2Kb.push(prompt);
	}
}

const ownCosts = bestMicrosOfEach(upTo2Kb, 5, prompt => router.route(prompt)).sort((a, b) => a - b);
const ownCostAt = (share: number) => (ownCosts[Math.min(ownCosts.length - 1, Math.floor(share * ownCosts.length))] ?? 0).toFixed(1);

console.log(`route() on ${routes.toLocaleString('en-US')} prompts of 2 B to 10 KB (log-uniform lengths, real text), default catalogue of 16 models, after ${warmUp} warm-up routes; node ${process.version}`);
console.log(`first ${block.toLocaleString('en-US')}:\n${summarize(samples.slice(0, block))}`);
console.log(`last ${block.toLocaleString('en-US')}:\n${summarize(samples.slice(-block))}`);
console.log(`all ${routes.toLocaleString('en-US')}:\n${summarize(samples)}`);
console.log(`steady-state cost by prompt size (best of 10 rounds over 500 prompts):\n${steadyState.join('\n')}`);
console.log(`each prompt's best of 5 passes, 5,000 prompts up to 2 KB: median ${ownCostAt(0.5)} µs, p99 ${ownCostAt(0.99)} µs`);
console.log(`heap: ${(heapBefore / 2 ** 20).toFixed(0)} MB before, ${(heapAfter / 2 ** 20).toFixed(0)} MB after ${routes.toLocaleString('en-US')} decisions kept in memory${globalThis.gc === undefined ? ' (run with --expose-gc for a settled figure)' : ''}`);
await router.close();
