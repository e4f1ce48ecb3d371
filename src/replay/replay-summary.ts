import {averageImprovedQuality, callPerformanceThreshold, costToReach, hullQualityAt, nonDecreasingHull, type CurvePoint} from './curve-metrics.js';
import type {DataBaselines, PolicyTotals, RouterPass} from './replay-engine.js';

/** A policy's totals with its cost as a share of the best single model's. */
export type PolicyPoint = PolicyTotals & {readonly costShare: number};

/** One router setting: its cost weight (null: the default rule), its pass, and for two-model data its share of strong-model calls. */
export type RouterPoint = PolicyPoint & {
	readonly costWeight: number | null;
	readonly modelMix: Readonly<Record<string, number>>;
	readonly tasks: RouterPass['tasks'];
	readonly strongShare: number | null;
};

/** The RouteLLM measures, for data with exactly two models. */
export type TwoModelMetrics = {
	readonly strong: string;
	readonly weak: string;
	/** Share of strong-model calls needed to recover 50% and 80% of the quality gap; null when never reached. */
	readonly cpt50: number | null;
	readonly cpt80: number | null;
	/** Average performance gap recovered over strong-call shares from 0 to 1. */
	readonly apgr: number;
};

/** What a replay found. */
export type ReplaySummary = {
	readonly prompts: number;
	readonly best: string;
	readonly cheapest: string;
	readonly models: ReadonlyArray<PolicyPoint & {readonly model: string}>;
	readonly random: PolicyPoint;
	readonly oracle: PolicyPoint;
	/** AIQ of the mixed single models (RouterBench's zero router): what mixing models at random, blind to the prompt, reaches. */
	readonly zeroRouterAiq: number;
	readonly router: {
		readonly points: readonly RouterPoint[];
		/** AIQ of the router's curve: the mean quality of its non-decreasing convex hull from the cheapest to the dearest single model's cost. */
		readonly aiq: number;
		/** Hull quality at 10%, 25% and 50% of the best single model's cost. */
		readonly qualityAt: {readonly '10': number; readonly '25': number; readonly '50': number};
		/** The least cost share at which the hull reaches the best single model's quality; null when it never does. */
		readonly costShareToMatchBest: number | null;
		readonly twoModel: TwoModelMetrics | null;
	};
};

/** The best single model: the highest mean quality, the cheaper of equals. */
export function bestSingleModel(baselines: DataBaselines): DataBaselines['models'][number] | undefined {
	return [...baselines.models].sort((a, b) => b.quality - a.quality || a.costUsd - b.costUsd)[0];
}

/** Puts a replay's baselines and router passes together into its measures. */
export function summarizeReplay(baselines: DataBaselines, passes: ReadonlyArray<{readonly costWeight: number | null; readonly pass: RouterPass}>): ReplaySummary {
	const best = bestSingleModel(baselines);
	const cheapest = [...baselines.models].sort((a, b) => a.costUsd - b.costUsd || b.quality - a.quality)[0];
	const dearest = [...baselines.models].sort((a, b) => b.costUsd - a.costUsd)[0];
	if (best === undefined || cheapest === undefined || dearest === undefined) {
		throw new RangeError('Expected at least one model to replay');
	}

	const share = (costUsd: number) => (best.costUsd > 0 ? costUsd / best.costUsd : 0);
	const point = (totals: PolicyTotals): PolicyPoint => ({...totals, costShare: share(totals.costUsd)});
	const weak = baselines.models.length === 2 ? baselines.models.find(model => model !== best) : undefined;
	const points: RouterPoint[] = passes.map(({costWeight, pass}) => ({
		...point(pass),
		costWeight,
		modelMix: pass.modelMix,
		tasks: pass.tasks,
		strongShare: weak === undefined ? null : (pass.modelMix[best.model] ?? 0) / Math.max(1, pass.prompts),
	}));
	const hull = nonDecreasingHull(points.map(({costUsd, quality}): CurvePoint => ({cost: costUsd, quality})));
	const singleHull = nonDecreasingHull(baselines.models.map(({costUsd, quality}) => ({cost: costUsd, quality})));
	const toMatch = costToReach(hull, best.quality);
	return {
		prompts: baselines.prompts,
		best: best.model,
		cheapest: cheapest.model,
		models: baselines.models.map(model => ({...model, costShare: share(model.costUsd)})),
		random: point(baselines.random),
		oracle: point(baselines.oracle),
		zeroRouterAiq: averageImprovedQuality(singleHull, cheapest.costUsd, dearest.costUsd),
		router: {
			points,
			aiq: averageImprovedQuality(hull, cheapest.costUsd, dearest.costUsd),
			qualityAt: {
				'10': hullQualityAt(hull, 0.1 * best.costUsd),
				'25': hullQualityAt(hull, 0.25 * best.costUsd),
				'50': hullQualityAt(hull, 0.5 * best.costUsd),
			},
			costShareToMatchBest: toMatch === undefined ? null : share(toMatch),
			twoModel: weak === undefined ? null : twoModelMetrics(points, best, weak),
		},
	};
}

function twoModelMetrics(points: readonly RouterPoint[], strong: PolicyTotals & {readonly model: string}, weak: PolicyTotals & {readonly model: string}): TwoModelMetrics {
	// The curve runs from always-weak to always-strong, as RouteLLM's threshold sweeps do.
	const curve = [{strongShare: 0, quality: weak.quality}, ...points.map(({strongShare, quality}) => ({strongShare: strongShare ?? 0, quality})), {strongShare: 1, quality: strong.quality}];
	const gap = strong.quality - weak.quality;
	const hull = nonDecreasingHull(curve.map(({strongShare, quality}) => ({cost: strongShare, quality})));
	return {
		strong: strong.model,
		weak: weak.model,
		cpt50: callPerformanceThreshold(curve, weak.quality, strong.quality, 0.5) ?? null,
		cpt80: callPerformanceThreshold(curve, weak.quality, strong.quality, 0.8) ?? null,
		apgr: gap === 0 ? 0 : (averageImprovedQuality(hull, 0, 1) - weak.quality) / gap,
	};
}
