import {defaultClassifier} from '../classifier/default-classifier.js';
import {OnlineCentroids, type OnlineCentroidsJson} from '../classifier/online-centroids.js';
import type {TierClassifier} from '../classifier/tier-classifier.js';
import type {ExperimentArm} from '../experiments/experiment-config.js';
import {ExperimentTracker, type ArmSums, type ExperimentTrackerJson} from '../experiments/experiment-tracker.js';
import type {RegisteredModel} from '../models/registered-model.js';
import {tierIndex, type Tier} from '../tiers.js';
import {parseIsoTime} from '../util/iso-time.js';
import type {Observation, PromptTerms} from './observation.js';
import {PromptMemory, type StoredMemoryJson} from './prompt-memory.js';
import {predictQuality, priorQuality, type QualityPrediction} from './quality-prediction.js';
import {QualityTracker, type ModelPerformance, type QualityTrackerJson} from './quality-tracker.js';
import {TierFloors, type TierFloor} from './tier-floors.js';
import type {DecayedStatsJson} from './decayed-stats.js';
import {UsageTracker, type UsageTrackerJson} from './usage-tracker.js';
import {FeatureSlopes, type FeatureSlopesJson} from './feature-slopes.js';

export type LearningOptions = {
	/** An outcome this much older than the newest weighs half as much. @default 14 days */
	readonly halfLifeMs?: number;
	/** Past prompts kept for similarity. @default 50_000 */
	readonly memoryCapacity?: number;
	/** Postings a similar-prompt search reads at most. @default 1024 */
	readonly memorySearchBudget?: number;
};

/** Everything learned, as a snapshot keeps it. */
export type LearningJson = {
	readonly observations: number;
	readonly quality: QualityTrackerJson;
	readonly usage: UsageTrackerJson;
	readonly memory: StoredMemoryJson;
	/** Absent in snapshots written before experiments existed. */
	readonly experiments?: ExperimentTrackerJson | undefined;
	/** Absent in snapshots written before lessons existed. */
	readonly centroids?: OnlineCentroidsJson | undefined;
	/** Absent in snapshots written before tier floors existed. */
	readonly floors?: DecayedStatsJson[] | undefined;
	/** Absent in snapshots written before feature slopes existed. */
	readonly slopes?: FeatureSlopesJson | undefined;
};

export const DEFAULT_HALF_LIFE_MS = 14 * 24 * 60 * 60 * 1000;

/**
 * What the router has learned from outcomes: each model's decayed quality per tier and how it moves with a
 * prompt's features, the output tokens it gives, and a memory of past prompts with their scores. Changed only by
 * {@link apply}; the same observations give the same state in every process.
 */
export class LearningState {
	readonly #quality: QualityTracker;
	readonly #usage: UsageTracker;
	readonly #memory: PromptMemory;
	readonly #experiments: ExperimentTracker;
	readonly #classifier: TierClassifier;
	readonly #centroids: OnlineCentroids;
	readonly #floors: TierFloors;
	readonly #slopes: FeatureSlopes;
	#observations = 0;

	/** `classifier` weighs lessons and holds the seed centroids they move; the one fitted on the seed corpus by default. */
	constructor(options: LearningOptions = {}, json?: LearningJson, classifier: TierClassifier = defaultClassifier()) {
		const halfLifeMs = options.halfLifeMs ?? DEFAULT_HALF_LIFE_MS;
		this.#classifier = classifier;
		this.#centroids = new OnlineCentroids(classifier.seedCentroids(), json?.centroids ?? []);
		this.#floors = new TierFloors(halfLifeMs, json?.floors);
		this.#slopes = new FeatureSlopes(halfLifeMs, json?.slopes);
		this.#memory = new PromptMemory({capacity: options.memoryCapacity ?? 50_000, ...(options.memorySearchBudget === undefined ? {} : {postingsPerQuery: options.memorySearchBudget})});
		if (json === undefined) {
			this.#quality = new QualityTracker(halfLifeMs);
			this.#usage = new UsageTracker(halfLifeMs);
			this.#experiments = new ExperimentTracker();
		} else {
			this.#quality = QualityTracker.fromJSON(json.quality, halfLifeMs);
			this.#usage = UsageTracker.fromJSON(json.usage, halfLifeMs);
			this.#memory.addJson(json.memory);
			this.#experiments = ExperimentTracker.fromJSON(json.experiments ?? []);
			this.#observations = json.observations;
		}
	}

	/** Observations applied, this state's lifetime (snapshots included). */
	get observations(): number {
		return this.#observations;
	}

	apply(observation: Observation): void {
		const atMs = parseIsoTime(observation.observedAt);
		const {features} = observation;
		const tier = tierIndex(observation.tier);
		for (const result of observation.results) {
			this.#quality.record(result.model, observation.tier, result.score, result.success, atMs);
			if (features !== undefined) {
				this.#slopes.record(result.model, tier, features, result.score, atMs);
			}

			if (result.outputTokens !== undefined) {
				this.#usage.record(result.model, observation.tier, result.outputTokens, atMs);
			}
		}

		this.#memory.add(observation.terms, observation.results);
		const {experiment, lesson} = observation;
		if (lesson !== undefined) {
			this.#centroids.add(tierIndex(lesson.tier), this.#classifier.termVector(observation.terms), lesson.weight);
		}

		const result = observation.results[0];
		if (observation.chosen === true && result !== undefined) {
			this.#floors.record(observation.tier, result.success, atMs);
		}

		if (experiment !== undefined && result !== undefined) {
			this.#experiments.record(experiment, result.score);
		}

		this.#observations++;
	}

	/** The quality floor of a tier: how much of its tolerance the default choice uses now. */
	tierFloor(tier: Tier): TierFloor {
		return this.#floors.floor(tier);
	}

	/** What lessons have added to the tier centroids, for the classifier. */
	get centroids(): OnlineCentroids {
		return this.#centroids;
	}

	/** A prompt's predictor: the similar-prompt query runs once, then each model is predicted from it. `features` are the prompt's `qualityFeatures`. */
	predictorFor(terms: PromptTerms, tier: Tier, models: readonly RegisteredModel[], features: readonly number[]): (model: RegisteredModel) => QualityPrediction {
		const neighbours = this.#memory.neighbourEvidence(terms);
		const index = tierIndex(tier);
		const priceRank = priceRanks(models);
		return model => {
			return predictQuality(priorQuality(model, index, priceRank.get(model.name) ?? 0), this.#quality.tierStats(model.name, index), neighbours.get(model.name), this.#slopes.adjustment(model.name, index, features));
		};
	}

	expectedOutputTokens(model: string, tier: Tier): number | undefined {
		return this.#usage.expectedOutputTokens(model, tier);
	}

	performance(model: string): ModelPerformance | undefined {
		return this.#quality.performance(model);
	}

	/** The outcomes of an experiment's arm, as sums. */
	experimentArm(experiment: string, arm: ExperimentArm): ArmSums {
		return this.#experiments.arm(experiment, arm);
	}

	toJSON(): LearningJson {
		return {observations: this.#observations, quality: this.#quality.toJSON(), usage: this.#usage.toJSON(), memory: this.#memory.toJSON(), experiments: this.#experiments.toJSON(), centroids: this.#centroids.toJSON(), floors: this.#floors.toJSON(), slopes: this.#slopes.toJSON()};
	}
}

const priceRankCache = new WeakMap<readonly RegisteredModel[], Map<string, number>>();

/**
 * Each model's place by price (input plus output per 1K tokens), 0 for the cheapest to 1 for the dearest. Kept
 * per list: a registry hands out the same list until its models change.
 */
function priceRanks(models: readonly RegisteredModel[]): Map<string, number> {
	let ranks = priceRankCache.get(models);
	if (ranks === undefined) {
		ranks = rankByPrice(models);
		priceRankCache.set(models, ranks);
	}

	return ranks;
}

function rankByPrice(models: readonly RegisteredModel[]): Map<string, number> {
	const sorted = [...models].sort((a, b) => (a.costPer1kInput + a.costPer1kOutput) - (b.costPer1kInput + b.costPer1kOutput));
	const last = Math.max(1, sorted.length - 1);
	return new Map(sorted.map((model, position) => [model.name, position / last]));
}
