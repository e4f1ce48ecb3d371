/*
Classifier accuracy: fitted on 80% of the seed corpus, measured on the other 20% and on prompts written
separately that the seeds never saw (bench/data/unseen-prompts.json). Prints exact accuracy, the share off by
more than one tier, a confusion matrix and the expected calibration error of the confidence.

	npm run bench:classifier   (builds first: the bench measures the built package)
*/
import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {SEED_CORPUS, type LabelledPrompt} from '../dist/classifier/seed-corpus.js';
import {TierClassifier} from '../dist/classifier/tier-classifier.js';
import {TIERS, tierIndex} from '../dist/tiers.js';

const unseen = JSON.parse(readFileSync(new URL('data/unseen-prompts.json', import.meta.url), 'utf8')) as LabelledPrompt[];

/** A stable fifth of the corpus, chosen by a hash of the text so that adding prompts moves no others. */
function isHeldOut(prompt: LabelledPrompt): boolean {
	return (createHash('sha256').update(prompt.text).digest()[0] ?? 0) % 5 === 0;
}

type Evaluation = {exact: number; offByMoreThanOne: number; ece: number; meanConfidence: number; confusion: number[][]};

function evaluate(classifier: TierClassifier, prompts: readonly LabelledPrompt[]): Evaluation {
	const confusion = TIERS.map(() => TIERS.map(() => 0));
	const bins = Array.from({length: 10}, () => ({count: 0, correct: 0, confidence: 0}));
	let exact = 0;
	let far = 0;
	let confidenceSum = 0;
	for (const prompt of prompts) {
		const result = classifier.classify(prompt.text);
		const truth = tierIndex(prompt.tier);
		const guess = tierIndex(result.tier);
		const row = confusion[truth];
		if (row !== undefined) {
			row[guess] = (row[guess] ?? 0) + 1;
		}

		const correct = truth === guess;
		exact += correct ? 1 : 0;
		far += Math.abs(truth - guess) > 1 ? 1 : 0;
		confidenceSum += result.confidence;
		const bin = bins[Math.min(9, Math.floor(result.confidence * 10))];
		if (bin !== undefined) {
			bin.count++;
			bin.correct += correct ? 1 : 0;
			bin.confidence += result.confidence;
		}
	}

	const ece = bins.reduce((sum, bin) => sum + (bin.count === 0 ? 0 : Math.abs(bin.correct - bin.confidence)), 0) / prompts.length;
	return {exact: exact / prompts.length, offByMoreThanOne: far / prompts.length, ece, meanConfidence: confidenceSum / prompts.length, confusion};
}

function report(name: string, count: number, evaluation: Evaluation): void {
	const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
	console.log(`\n${name} (${count} prompts)`);
	console.log(`  exact ${percent(evaluation.exact)}   off by more than one tier ${percent(evaluation.offByMoreThanOne)}   mean confidence ${evaluation.meanConfidence.toFixed(3)}   ECE ${evaluation.ece.toFixed(3)}`);
	console.log(`  confusion (rows: true tier, columns: predicted)`);
	console.log(`  ${''.padEnd(9)}${TIERS.map(tier => tier.slice(0, 8).padStart(9)).join('')}`);
	for (const [index, row] of evaluation.confusion.entries()) {
		console.log(`  ${(TIERS[index] ?? '').padEnd(9)}${row.map(value => String(value).padStart(9)).join('')}`);
	}
}

const training = SEED_CORPUS.filter(prompt => !isHeldOut(prompt));
const heldOut = SEED_CORPUS.filter(prompt => isHeldOut(prompt));
const started = performance.now();
const classifier = TierClassifier.fromCorpus(training);
console.log(`fitted on ${training.length} seed prompts in ${(performance.now() - started).toFixed(0)} ms`);
report('held-out 20% of the seed corpus', heldOut.length, evaluate(classifier, heldOut));
report('unseen prompts (bench/data/unseen-prompts.json)', unseen.length, evaluate(classifier, unseen));

const full = TierClassifier.fromCorpus(SEED_CORPUS);
report('unseen prompts, classifier fitted on the whole seed corpus (as shipped)', unseen.length, evaluate(full, unseen));
