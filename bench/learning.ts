/*
The learning loop on real routing outcomes (../shared/data), beside a k-nearest-neighbour TF-IDF baseline
(k = 20, cosine) that sees the same data and chooses by the same rule:
- dcrouter: learn dcrouter-train, then route dcrouter-test, learning from each chosen model's outcome;
- routellm-gsm8k and routellm-mmlu: online from nothing, in a seeded random order, learning only from the
  chosen model's outcome.
Each policy runs at every point of a cost-weight sweep; each point is a fresh router. Side by side, in one run: the
best single model (always-best), the cheapest, a uniformly random pick, the oracle, tierwise and the baseline.
Prints, per data set and policy, AIQ (mean quality of the non-decreasing convex hull from the cheapest to the dearest single model's
cost), quality at 25% and 50% of the best single model's cost, the cost share needed to match the best single
model, and for two-model data CPT(50%) (the share of strong-model calls that recovers half the quality gap).

	npm run bench:learning              (all three data sets)
	npm run bench:learning -- gsm8k     (data sets whose name contains the word)
	npm run bench:learning -- mmlu --router-only   (without the baseline, whose exact search takes minutes on MMLU)
	npm run bench:learning -- routellm --router-only --orders 5   (the online sets in 5 seeded orders, and the means)
*/
import {AdaptiveRouter} from '../dist/index.js';
import {averageImprovedQuality, callPerformanceThreshold, costToReach, hullQualityAt, nonDecreasingHull, type CurvePoint} from '../dist/replay/curve-metrics.js';
import {ReplayClock} from '../dist/replay/replay-clock.js';
import {KnnBaseline} from './lib/knn-baseline.js';
import {hasSharedData, readModels, readReplay, seeded, shuffled, type ReplayLine} from './lib/replay-data.js';

const seed = 2026;
const costWeights = [0, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.12, 0.14, 0.17, 0.2, 0.25, 0.3, 0.4, 0.6, 1];
const explorationRate = 0.05;

type Run = {quality: number; cost: number; strongShare: number};
type Policy = (costWeight: number | undefined) => Promise<Run>;

type DataSet = {name: string; test: ReplayLine[]; train: ReplayLine[]; models: string[]; modelFile: string};

function mean(values: readonly number[]): number {
	return values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
}

function singleModels(data: readonly ReplayLine[], models: readonly string[]): Array<{model: string; quality: number; cost: number}> {
	return models.map(model => ({
		model,
		quality: mean(data.map(line => line.outcomes[model]?.quality ?? 0)),
		cost: mean(data.map(line => line.outcomes[model]?.costUsd ?? 0)),
	}));
}

function outcomeOf(line: ReplayLine, model: string): {quality: number; costUsd: number} {
	const outcome = line.outcomes[model];
	if (outcome === undefined) {
		throw new Error(`${line.id} has no outcome for ${model}, which was chosen`);
	}

	return outcome;
}

function routerPolicy(set: DataSet, strong: string | undefined): Policy {
	return async costWeight => {
		// On a replay's clock, as `tierwise replay` runs: the same decisions however fast the machine.
		const clock = new ReplayClock();
		const router = await AdaptiveRouter.open({models: readModels(set.modelFile), seed: String(seed), abTestRate: explorationRate, clock: clock.now});
		if (set.train.length > 0) {
			await router.learn(set.train);
		}

		const qualities: number[] = [];
		const costs: number[] = [];
		let strongCalls = 0;
		for (const line of set.test) {
			clock.advance();
			const decision = router.route(line.prompt, costWeight === undefined ? {} : {costWeight});
			const outcome = outcomeOf(line, decision.model);
			await router.reportOutcome(decision.hash, outcome.quality, {costUsd: outcome.costUsd});
			qualities.push(outcome.quality);
			costs.push(outcome.costUsd);
			strongCalls += decision.model === strong ? 1 : 0;
		}

		await router.close();
		return {quality: mean(qualities), cost: mean(costs), strongShare: strongCalls / set.test.length};
	};
}

function knnPolicy(set: DataSet, strong: string | undefined): Policy {
	return costWeight => {
		const knn = new KnnBaseline(20);
		const random = seeded(seed);
		const observedCost = new Map<string, {sum: number; count: number}>();
		const learnCost = (model: string, costUsd: number) => {
			const total = observedCost.get(model) ?? {sum: 0, count: 0};
			total.sum += costUsd;
			total.count++;
			observedCost.set(model, total);
		};

		for (const line of set.train) {
			knn.add(line.prompt, Object.entries(line.outcomes).map(([model, outcome]) => ({model, score: outcome.quality})));
			for (const [model, outcome] of Object.entries(line.outcomes)) {
				learnCost(model, outcome.costUsd);
			}
		}

		const prices = new Map(readModels(set.modelFile).map(model => [model.name, model.costPer1kInput + model.costPer1kOutput]));
		const qualities: number[] = [];
		const costs: number[] = [];
		let strongCalls = 0;
		for (const line of set.test) {
			const predicted = knn.predict(line.prompt, set.models);
			const expectedCost = (model: string) => {
				const total = observedCost.get(model);
				return total === undefined ? (prices.get(model) ?? 0) : total.sum / total.count;
			};

			const dearest = Math.max(...set.models.map(model => expectedCost(model))) || 1;
			const weight = costWeight ?? 0.05;
			const ranked = [...set.models].sort((a, b) => ((predicted.get(b) ?? 0) - (weight * expectedCost(b) / dearest)) - ((predicted.get(a) ?? 0) - (weight * expectedCost(a) / dearest)) || expectedCost(a) - expectedCost(b));
			let model = ranked[0] ?? '';
			if (ranked.length > 1 && random() < explorationRate) {
				model = ranked[1 + Math.floor(random() * (ranked.length - 1))] ?? model;
			}

			const outcome = outcomeOf(line, model);
			knn.add(line.prompt, [{model, score: outcome.quality}]);
			learnCost(model, outcome.costUsd);
			qualities.push(outcome.quality);
			costs.push(outcome.costUsd);
			strongCalls += model === strong ? 1 : 0;
		}

		return Promise.resolve({quality: mean(qualities), cost: mean(costs), strongShare: strongCalls / set.test.length});
	};
}

function percent(value: number | undefined): string {
	return value === undefined ? 'never' : `${(value * 100).toFixed(1)}%`;
}

type Measures = {aiq: number; cpt: number | undefined};

async function evaluate(set: DataSet): Promise<Map<string, Measures>> {
	const measures = new Map<string, Measures>();
	const singles = singleModels(set.test, set.models);
	const best = singles.reduce((a, b) => (b.quality > a.quality ? b : a));
	const cheapest = singles.reduce((a, b) => (b.cost < a.cost ? b : a));
	const twoModels = set.models.length === 2;
	const strong = twoModels ? best.model : undefined;
	const weak = singles.find(single => single.model !== best.model);
	const oracleLines = set.test.map(line => {
		const entries = Object.entries(line.outcomes);
		const top = Math.max(...entries.map(([, outcome]) => outcome.quality));
		return Math.min(...entries.filter(([, outcome]) => outcome.quality === top).map(([, outcome]) => outcome.costUsd));
	});
	const oracleQuality = mean(set.test.map(line => Math.max(...Object.values(line.outcomes).map(outcome => outcome.quality))));
	console.log(`\n${set.name}: ${set.test.length} prompts routed${set.train.length > 0 ? ` after learning ${set.train.length}` : ' online'}, ${set.models.length} models`);
	console.log(`  best single  ${best.model}: quality ${best.quality.toFixed(3)}, cost $${best.cost.toExponential(2)}; cheapest ${cheapest.model}: quality ${cheapest.quality.toFixed(3)} at ${percent(cheapest.cost / best.cost)}`);
	console.log(`  oracle       quality ${oracleQuality.toFixed(3)} at ${percent(mean(oracleLines) / best.cost)} of the best single model's cost`);
	console.log(`  random       quality ${mean(singles.map(single => single.quality)).toFixed(3)} at ${percent(mean(singles.map(single => single.cost)) / best.cost)} (the expectation of a uniformly random model for each prompt)`);

	const policies: Array<[string, Policy]> = [['tierwise', routerPolicy(set, strong)]];
	if (!routerOnly) {
		policies.push(['kNN (k=20)', knnPolicy(set, strong)]);
	}

	for (const [label, policy] of policies) {
		const started = performance.now();
		const runs: Run[] = [];
		for (const costWeight of costWeights) {
			runs.push(await policy(costWeight));
		}

		const points: CurvePoint[] = runs.map(run => ({cost: run.cost / best.cost, quality: run.quality}));
		const hull = nonDecreasingHull(points);
		const aiq = averageImprovedQuality(hull, cheapest.cost / best.cost, Math.max(...singles.map(single => single.cost)) / best.cost);
		const cells = [
			`AIQ ${aiq.toFixed(3)}`,
			`q@25% ${hullQualityAt(hull, 0.25).toFixed(3)}`,
			`q@50% ${hullQualityAt(hull, 0.5).toFixed(3)}`,
			`cost to match best ${percent(costToReach(hull, best.quality))}`,
		];
		let cpt: number | undefined;
		if (twoModels && weak !== undefined) {
			const sharePoints = [{strongShare: 0, quality: weak.quality}, {strongShare: 1, quality: best.quality}, ...runs];
			cpt = callPerformanceThreshold(sharePoints, weak.quality, best.quality, 0.5);
			cells.push(`CPT(50%) ${percent(cpt)}`);
		}

		measures.set(label, {aiq, cpt});

		console.log(`  ${label.padEnd(11)}  ${cells.join('  ')}  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
		console.log(`               points (cost share, quality${twoModels ? ', strong share' : ''}): ${runs.map(run => `(${percent(run.cost / best.cost)}, ${run.quality.toFixed(3)}${twoModels ? `, ${percent(run.strongShare)}` : ''})`).join(' ')}`);
	}

	const defaults = await routerPolicy(set, strong)(undefined);
	console.log(`  tierwise with its default rule (no costWeight): quality ${defaults.quality.toFixed(3)} at ${percent(defaults.cost / best.cost)} of the best single model's cost`);
	return measures;
}

function orderCount(): number {
	const index = process.argv.indexOf('--orders');
	const count = index === -1 ? 1 : Number(process.argv[index + 1]);
	if (!Number.isInteger(count) || count < 1) {
		throw new Error('--orders takes a whole number of orders, at least 1');
	}

	return count;
}

const routerOnly = process.argv.includes('--router-only');
const orders = orderCount();
const filter = process.argv.slice(2).find((argument, index, all) => !argument.startsWith('--') && all[index - 1] !== '--orders');
const sets: DataSet[] = [];
if (hasSharedData('dcrouter-test')) {
	const models = readModels('dcrouter-test').map(model => model.name);
	sets.push({name: 'dcrouter (train → test)', test: readReplay('dcrouter-test'), train: readReplay('dcrouter-train'), models, modelFile: 'dcrouter-test'});
}

for (const name of ['routellm-gsm8k', 'routellm-mmlu']) {
	if (hasSharedData(name)) {
		for (let order = 0; order < orders; order++) {
			// The first order is the one this bench has always used.
			sets.push({name: orders === 1 ? name : `${name}, order ${order + 1}`, test: shuffled(readReplay(name), seed + order), train: [], models: readModels(name).map(model => model.name), modelFile: name});
		}
	}
}

if (sets.length === 0) {
	console.log('No data: this bench needs ../shared/data beside the repository.');
}

console.log(`seed ${seed}, exploration ${explorationRate}, cost weights ${costWeights.join(', ')}; node ${process.version}`);
// Per data set and policy, each order's measures, for the means over orders.
const byOrder = new Map<string, Measures[]>();
for (const set of sets.filter(candidate => filter === undefined || candidate.name.includes(filter))) {
	for (const [label, measures] of await evaluate(set)) {
		const key = `${set.name.replace(/, order \d+$/u, '')}, ${label}`;
		byOrder.set(key, [...(byOrder.get(key) ?? []), measures]);
	}
}

if (orders > 1) {
	console.log(`\nmeans over ${orders} orders (shuffle seeds ${seed} to ${seed + orders - 1}):`);
	for (const [key, runs] of byOrder) {
		if (runs.length > 1) {
			const cpts = runs.map(run => run.cpt);
			const reached = cpts.filter(cpt => cpt !== undefined);
			const cptMean = reached.length === cpts.length ? percent(mean(reached)) : 'not reached in every order';
			console.log(`  ${key.padEnd(30)} AIQ ${mean(runs.map(run => run.aiq)).toFixed(3)}  CPT(50%) ${cptMean} (${cpts.map(cpt => percent(cpt)).join(', ')})`);
		}
	}
}
