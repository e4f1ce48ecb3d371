/*
Replay speed and memory. Times `tierwise replay` with one setting (routing each prompt and reporting its
outcome back; learning --train and reading the baselines aside) on the bundled dcrouter data, on the shared
RouteLLM data when present, and on synthetic replay files of growing length, and reads the peak resident memory
of each run with GNU time. The synthetic runs get a heap of 256 MB: V8 lets garbage pile up to far more when it
may, so only a run that completes under a fixed heap, at any length, shows that what is kept is bounded by what is
learned, not by the prompts routed.

	npm run bench:replay                      (synthetic files of 100,000 and 1,000,000 lines; about 10 minutes)
	npm run bench:replay -- 20000 200000      (other lengths)
*/
import {execFileSync} from 'node:child_process';
import {createWriteStream, existsSync, mkdtempSync, writeFileSync} from 'node:fs';
import {once} from 'node:events';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {seeded} from './lib/replay-data.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'dist/cli/tierwise.js');
const lengths = process.argv.slice(2).map(Number).filter(value => Number.isInteger(value) && value > 0);

/** Runs a replay under GNU time; returns its routing seconds (from the replay's own JSON), prompts and peak RSS in MB. */
function replay(data: string, models: string, extra: readonly string[] = [], nodeFlags: readonly string[] = []): {prompts: number; seconds: number; peakMb: number} {
	const stderrFile = path.join(mkdtempSync(path.join(tmpdir(), 'tierwise-bench-')), 'time.txt');
	const output = execFileSync('/usr/bin/time', ['-f', '%M', '-o', stderrFile, process.execPath, ...nodeFlags, bin, 'replay', data, '--models', models, '--json', ...extra], {encoding: 'utf8', maxBuffer: 1 << 26});
	const {prompts, routingSeconds: seconds} = JSON.parse(output) as {prompts: number; routingSeconds: number};
	const peakKb = Number(execFileSync('tail', ['-1', stderrFile], {encoding: 'utf8'}).trim());
	return {prompts, seconds, peakMb: peakKb / 1024};
}

function report(name: string, run: {prompts: number; seconds: number; peakMb: number}): void {
	console.log(`${name.padEnd(42)} ${run.prompts.toLocaleString('en-US').padStart(10)} prompts  ${(run.prompts / run.seconds).toFixed(0).padStart(7)} a second  peak ${run.peakMb.toFixed(0).padStart(5)} MB`);
}

/** A synthetic replay file: prompts of 5 to 60 words from a 5,000-word vocabulary, three models whose success depends on a hidden difficulty. */
async function synthetic(lines: number): Promise<{data: string; models: string}> {
	const directory = mkdtempSync(path.join(tmpdir(), 'tierwise-synthetic-'));
	const data = path.join(directory, 'data.jsonl');
	const models = path.join(directory, 'models.json');
	writeFileSync(models, JSON.stringify([
		{name: 'small', provider: 'a', costPer1kInput: 0.0001, costPer1kOutput: 0.0002},
		{name: 'medium', provider: 'b', costPer1kInput: 0.001, costPer1kOutput: 0.002},
		{name: 'large', provider: 'c', costPer1kInput: 0.01, costPer1kOutput: 0.03},
	]));
	const random = seeded(7);
	const words = Array.from({length: 5000}, (_, index) => `w${index.toString(36)}`);
	const out = createWriteStream(data);
	for (let index = 0; index < lines; index++) {
		const length = 5 + Math.floor(random() * 56);
		const prompt = Array.from({length}, () => words[Math.floor((random() ** 2) * words.length)] ?? 'w').join(' ');
		const difficulty = random();
		const outcome = (strength: number, price: number) => ({quality: random() < strength - (difficulty * 0.6) + 0.3 ? 1 : 0, costUsd: price * (length + 100) / 1000});
		const line = JSON.stringify({id: `s${index}`, prompt, task: 'synthetic', outcomes: {small: outcome(0.5, 0.0002), medium: outcome(0.7, 0.002), large: outcome(0.9, 0.03)}});
		if (!out.write(`${line}\n`)) {
			await once(out, 'drain');
		}
	}

	out.end();
	await once(out, 'finish');
	return {data, models};
}

if (!existsSync('/usr/bin/time')) {
	console.log('This bench reads peak memory with GNU time: install Debian\'s `time` package.');
	process.exit(0);
}

console.log(`tierwise replay, one setting (the default rule), 5% exploration; node ${process.version}`);
report('dcrouter test (learning train first)', replay(path.join(root, 'data/dcrouter/test.jsonl'), path.join(root, 'data/dcrouter/models.json'), ['--train', path.join(root, 'data/dcrouter/train.jsonl')]));
for (const name of ['routellm-gsm8k', 'routellm-mmlu']) {
	const file = path.join(root, '..', 'shared', 'data', `${name}.jsonl`);
	if (existsSync(file)) {
		report(name, replay(file, file.replace(/\.jsonl$/u, '.models.json')));
	}
}

for (const lines of lengths.length > 0 ? lengths : [100_000, 1_000_000]) {
	const {data, models} = await synthetic(lines);
	report(`synthetic, ${lines.toLocaleString('en-US')} lines, 256 MB heap`, replay(data, models, [], ['--max-old-space-size=256']));
}
