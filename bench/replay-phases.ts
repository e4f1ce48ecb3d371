/*
Where a replay's time goes, prompt after prompt: for each line, the classifier's analysis of the prompt alone,
then route() (which analyses it again and searches the similar-prompt memory), then reportOutcome() (which
stores it there), each timed on its own, in blocks of 2,000 prompts; then the same analyses again in a loop of
analyses only. The two analysis figures differ by what the rest of the replay evicts from the processor's
caches between one prompt's analysis and the next.

	npm run bench:replay-phases                 (routellm-mmlu from ../shared/data, else the bundled dcrouter data)
*/
import {readFileSync} from 'node:fs';
import {AdaptiveRouter, type ModelConfig} from '../dist/index.js';
import {defaultClassifier} from '../dist/classifier/default-classifier.js';
import {bestMicrosPerItem} from './lib/best-of-rounds.js';
import {hasSharedData, readModels, readReplay, shuffled, type ReplayLine} from './lib/replay-data.js';

const block = 2000;

function bundled(): {name: string; lines: ReplayLine[]; models: ModelConfig[]} {
	const read = (file: string) => readFileSync(new URL(`../data/dcrouter/${file}`, import.meta.url), 'utf8').split('\n').filter(line => line.trim() !== '').map(line => JSON.parse(line) as ReplayLine);
	return {name: 'dcrouter (bundled), train then test', lines: [...read('train.jsonl'), ...read('test.jsonl')], models: JSON.parse(readFileSync(new URL('../data/dcrouter/models.json', import.meta.url), 'utf8')) as ModelConfig[]};
}

const data = hasSharedData('routellm-mmlu') ? {name: 'routellm-mmlu, seeded order', lines: shuffled(readReplay('routellm-mmlu'), 2026), models: readModels('routellm-mmlu')} : bundled();
const classifier = defaultClassifier();
const router = await AdaptiveRouter.open({models: data.models, seed: '2026'});
const totals = {analysis: 0, route: 0, report: 0};
console.log(`${data.name}: ${data.lines.length.toLocaleString('en-US')} prompts; mean µs per prompt by block of ${block.toLocaleString('en-US')}; node ${process.version}`);
console.log('  prompts   analysis alone   route()   reportOutcome()');
for (const [index, line] of data.lines.entries()) {
	const started = performance.now();
	classifier.analyze(line.prompt);
	const analysed = performance.now();
	const decision = router.route(line.prompt);
	const routed = performance.now();
	const outcome = Object.hasOwn(line.outcomes, decision.model) ? line.outcomes[decision.model] : undefined;
	await router.reportOutcome(decision.hash, outcome?.quality ?? 0, {costUsd: outcome?.costUsd ?? 0});
	totals.analysis += analysed - started;
	totals.route += routed - analysed;
	totals.report += performance.now() - routed;
	if ((index + 1) % block === 0) {
		const mean = (ms: number) => ((ms * 1000) / block).toFixed(1).padStart(8);
		console.log(`  ${String(index + 1).padStart(7)}   ${mean(totals.analysis)}         ${mean(totals.route)}  ${mean(totals.report)}`);
		totals.analysis = 0;
		totals.route = 0;
		totals.report = 0;
	}
}

const prompts = data.lines.slice(-block).map(line => line.prompt);
const best = bestMicrosPerItem(prompts, 5, prompt => classifier.analyze(prompt));

console.log(`the last block's analyses again, in a loop of analyses only: ${best.toFixed(1)} µs a prompt (best of 5)`);
await router.close();
