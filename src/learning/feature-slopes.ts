import {TIERS} from '../tiers.js';
import {decayedArrival} from './decayed-stats.js';
import {QUALITY_FEATURE_COUNT} from './quality-features.js';

/** One model's sums on one tier: weight, Σ score, newest time in ms, Σ x, Σ xxᵀ (upper triangle, row by row), Σ x·score. */
export type TierSumsJson = [weight: number, scoreSum: number, newestMs: number, featureSums: number[], productSums: number[], featureScoreSums: number[]];

export type FeatureSlopesJson = Array<[model: string, tiers: TierSumsJson[]]>;

/** Entries of the upper triangle of a symmetric matrix of the features. */
export const PRODUCT_COUNT = (QUALITY_FEATURE_COUNT * (QUALITY_FEATURE_COUNT + 1)) / 2;

/*
How many outcomes' worth of doubt each slope starts with (a ridge on the normal equations): until several
outcomes differ along a feature, its slope stays near zero, and a feature that never varies gets none.
*/
const slopeRidge = 4;

/**
 * How each model's quality moves with a prompt's quality features within a tier: a least-squares line through
 * its decayed outcomes, one slope per feature shared by all tiers, each tier keeping its own mean. A long prompt
 * on a tier whose mean comes from short ones is then predicted below that mean when the model's longer prompts
 * have scored lower. Decayed as `DecayedStats` are: the sums are kept as seen from the newest outcome, so
 * the order outcomes arrive in does not matter.
 */
export class FeatureSlopes {
	readonly #models = new Map<string, ModelSums>();
	readonly #halfLifeMs: number;

	constructor(halfLifeMs: number, json: FeatureSlopesJson = []) {
		this.#halfLifeMs = halfLifeMs;
		for (const [model, tiers] of json) {
			this.#models.set(model, {tiers: TIERS.map((_, index) => TierSums.fromJSON(tiers[index])), fit: undefined});
		}
	}

	record(model: string, tier: number, features: readonly number[], score: number, atMs: number): void {
		let sums = this.#models.get(model);
		if (sums === undefined) {
			sums = {tiers: TIERS.map(() => new TierSums()), fit: undefined};
			this.#models.set(model, sums);
		}

		sums.tiers[tier]?.add(features, score, atMs, this.#halfLifeMs);
		sums.fit = undefined;
	}

	/** How far above (or below) its tier's mean the model's quality is expected on a prompt with `features`; 0 without outcomes on the tier. */
	adjustment(model: string, tier: number, features: readonly number[]): number {
		const sums = this.#models.get(model);
		const tierSums = sums?.tiers[tier];
		if (sums === undefined || tierSums === undefined || tierSums.weight <= 0) {
			return 0;
		}

		sums.fit ??= fitOf(sums.tiers);
		const {slopes, means, reaches} = sums.fit;
		const start = tier * QUALITY_FEATURE_COUNT;
		let adjustment = 0;
		for (let index = 0; index < QUALITY_FEATURE_COUNT; index++) {
			const reach = reaches[start + index] ?? 0;
			const offset = (features[index] ?? 0) - (means[start + index] ?? 0);
			adjustment += (slopes[index] ?? 0) * Math.min(reach, Math.max(-reach, offset));
		}

		return adjustment;
	}

	toJSON(): FeatureSlopesJson {
		return [...this.#models].map(([model, sums]) => [model, sums.tiers.map(tierSums => tierSums.toJSON())]);
	}
}

type ModelSums = {
	readonly tiers: TierSums[];
	/** Worked out on the first prediction after an outcome. */
	fit: Fit | undefined;
};

type Fit = {
	readonly slopes: Float64Array;
	/** Each tier's mean of each feature, tier by tier. */
	readonly means: Float64Array;
	/** How far from its tier's mean a feature counts, tier by tier: two spreads, so that a prompt far past what the tier has seen is not extrapolated to. */
	readonly reaches: Float64Array;
};

class TierSums {
	weight = 0;
	scoreSum = 0;
	newestMs = Number.NEGATIVE_INFINITY;
	readonly featureSums = new Float64Array(QUALITY_FEATURE_COUNT);
	readonly productSums = new Float64Array(PRODUCT_COUNT);
	readonly featureScoreSums = new Float64Array(QUALITY_FEATURE_COUNT);

	static fromJSON(json: TierSumsJson | undefined): TierSums {
		const sums = new TierSums();
		if (json !== undefined) {
			[sums.weight, sums.scoreSum, sums.newestMs] = json;
			sums.featureSums.set(json[3]);
			sums.productSums.set(json[4]);
			sums.featureScoreSums.set(json[5]);
		}

		return sums;
	}

	featureMean(index: number): number {
		return (this.featureSums[index] ?? 0) / this.weight;
	}

	/** The weighted standard deviation of a feature. */
	featureSpread(index: number): number {
		const mean = this.featureMean(index);
		const square = (this.productSums[diagonalOffset(index)] ?? 0) / this.weight;
		return Math.sqrt(Math.max(0, square - (mean * mean)));
	}

	add(features: readonly number[], score: number, atMs: number, halfLifeMs: number): void {
		const {rescale, weight} = decayedArrival(this.newestMs, atMs, halfLifeMs);
		if (rescale !== 1) {
			this.#scale(rescale);
		}

		this.newestMs = Math.max(this.newestMs, atMs);
		this.weight += weight;
		this.scoreSum += weight * score;
		let product = 0;
		for (let row = 0; row < QUALITY_FEATURE_COUNT; row++) {
			const value = weight * (features[row] ?? 0);
			this.featureSums[row] = (this.featureSums[row] ?? 0) + value;
			this.featureScoreSums[row] = (this.featureScoreSums[row] ?? 0) + (value * score);
			for (let column = row; column < QUALITY_FEATURE_COUNT; column++) {
				this.productSums[product] = (this.productSums[product] ?? 0) + (value * (features[column] ?? 0));
				product++;
			}
		}
	}

	toJSON(): TierSumsJson {
		return [this.weight, this.scoreSum, Number.isFinite(this.newestMs) ? this.newestMs : 0, [...this.featureSums], [...this.productSums], [...this.featureScoreSums]];
	}

	#scale(factor: number): void {
		this.weight *= factor;
		this.scoreSum *= factor;
		for (const sums of [this.featureSums, this.productSums, this.featureScoreSums]) {
			for (let index = 0; index < sums.length; index++) {
				sums[index] = (sums[index] ?? 0) * factor;
			}
		}
	}
}

function fitOf(tiers: readonly TierSums[]): Fit {
	const means = new Float64Array(TIERS.length * QUALITY_FEATURE_COUNT);
	const reaches = new Float64Array(TIERS.length * QUALITY_FEATURE_COUNT);
	for (const [tier, sums] of tiers.entries()) {
		if (sums.weight > 0) {
			for (let index = 0; index < QUALITY_FEATURE_COUNT; index++) {
				means[(tier * QUALITY_FEATURE_COUNT) + index] = sums.featureMean(index);
				reaches[(tier * QUALITY_FEATURE_COUNT) + index] = 2 * sums.featureSpread(index);
			}
		}
	}

	return {slopes: pooledSlopes(tiers), means, reaches};
}

/** Where a feature's square sits in the upper triangle kept row by row. */
function diagonalOffset(index: number): number {
	return (index * QUALITY_FEATURE_COUNT) - ((index * (index - 1)) / 2);
}

/**
 * The ridge solution of the normal equations pooled over tiers, each tier centred on its own means: the slopes
 * say how quality moves with the features inside a tier, not how tiers differ.
 */
function pooledSlopes(tiers: readonly TierSums[]): Float64Array {
	const size = QUALITY_FEATURE_COUNT;
	const matrix = new Float64Array(size * size);
	const vector = new Float64Array(size);
	for (const sums of tiers) {
		if (sums.weight <= 0) {
			continue;
		}

		let product = 0;
		for (let row = 0; row < size; row++) {
			const rowSum = sums.featureSums[row] ?? 0;
			vector[row] = (vector[row] ?? 0) + (sums.featureScoreSums[row] ?? 0) - (rowSum * sums.scoreSum / sums.weight);
			for (let column = row; column < size; column++) {
				const centred = (sums.productSums[product++] ?? 0) - (rowSum * (sums.featureSums[column] ?? 0) / sums.weight);
				matrix[(row * size) + column] = (matrix[(row * size) + column] ?? 0) + centred;
				if (column !== row) {
					matrix[(column * size) + row] = (matrix[(column * size) + row] ?? 0) + centred;
				}
			}
		}
	}

	for (let index = 0; index < size; index++) {
		matrix[(index * size) + index] = (matrix[(index * size) + index] ?? 0) + slopeRidge;
	}

	return solveSymmetricPositive(matrix, vector, size);
}

/** Solves `matrix · x = vector` by Cholesky decomposition (in place); zeros if the matrix is not positive definite. */
function solveSymmetricPositive(matrix: Float64Array, vector: Float64Array, size: number): Float64Array {
	for (let column = 0; column < size; column++) {
		let pivot = matrix[(column * size) + column] ?? 0;
		for (let k = 0; k < column; k++) {
			pivot -= (matrix[(column * size) + k] ?? 0) ** 2;
		}

		if (!(pivot > 0)) {
			return new Float64Array(size);
		}

		const root = Math.sqrt(pivot);
		matrix[(column * size) + column] = root;
		for (let row = column + 1; row < size; row++) {
			let value = matrix[(row * size) + column] ?? 0;
			for (let k = 0; k < column; k++) {
				value -= (matrix[(row * size) + k] ?? 0) * (matrix[(column * size) + k] ?? 0);
			}

			matrix[(row * size) + column] = value / root;
		}
	}

	const solution = new Float64Array(size);
	for (let row = 0; row < size; row++) {
		let value = vector[row] ?? 0;
		for (let k = 0; k < row; k++) {
			value -= (matrix[(row * size) + k] ?? 0) * (solution[k] ?? 0);
		}

		solution[row] = value / (matrix[(row * size) + row] ?? 1);
	}

	for (let row = size - 1; row >= 0; row--) {
		let value = solution[row] ?? 0;
		for (let k = row + 1; k < size; k++) {
			value -= (matrix[(k * size) + row] ?? 0) * (solution[k] ?? 0);
		}

		solution[row] = value / (matrix[(row * size) + row] ?? 1);
	}

	return solution;
}
