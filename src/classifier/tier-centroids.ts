import {TIERS} from '../tiers.js';
import type {SparseVector} from './sparse-vector.js';

/** Centroids as {@link TierCentroids.toJSON} writes them: per tier, the term ids with a weight, the weights, and the squared norm. */
export type TierCentroidsJson = {
	readonly capacity: number;
	readonly ids: ReadonlyArray<readonly number[]>;
	readonly sums: ReadonlyArray<readonly number[]>;
	/** Kept as they were summed, not worked out again: the sums of squares differ in the last bits. */
	readonly squaredNorms: readonly number[];
};

/**
 * One centroid per tier: the sum of the unit TF-IDF vectors of the prompts labelled with that tier. Cosine
 * similarity does not care about scale, so a sum serves as well as a mean and updates in place.
 */
export class TierCentroids {
	#sums: Float64Array[];
	readonly #squaredNorms: number[];

	constructor(capacity = 1024) {
		this.#sums = TIERS.map(() => new Float64Array(capacity));
		this.#squaredNorms = TIERS.map(() => 0);
	}

	/** The same centroids again, to the last bit. */
	static fromJSON(json: TierCentroidsJson): TierCentroids {
		const centroids = new TierCentroids(json.capacity);
		for (const [tier, sum] of centroids.#sums.entries()) {
			const ids = json.ids[tier] ?? [];
			const values = json.sums[tier] ?? [];
			for (const [index, id] of ids.entries()) {
				sum[id] = values[index] ?? 0;
			}

			centroids.#squaredNorms[tier] = json.squaredNorms[tier] ?? 0;
		}

		return centroids;
	}

	toJSON(): TierCentroidsJson {
		const ids: number[][] = [];
		const sums: number[][] = [];
		for (const sum of this.#sums) {
			const tierIds: number[] = [];
			const tierSums: number[] = [];
			for (const [id, value] of sum.entries()) {
				if (value !== 0) {
					tierIds.push(id);
					tierSums.push(value);
				}
			}

			ids.push(tierIds);
			sums.push(tierSums);
		}

		return {capacity: this.#sums[0]?.length ?? 0, ids, sums, squaredNorms: [...this.#squaredNorms]};
	}

	/** Adds a unit vector to a tier's centroid. Work is proportional to the vector's terms. */
	add(tierIndex: number, vector: SparseVector): void {
		this.#ensureCapacity(vector);
		const sum = this.#sums[tierIndex];
		if (sum === undefined) {
			throw new RangeError(`Expected a tier index from 0 to ${TIERS.length - 1}, got \`${tierIndex}\``);
		}

		let squaredNorm = this.#squaredNorms[tierIndex] ?? 0;
		for (let index = 0; index < vector.ids.length; index++) {
			const id = vector.ids[index] ?? 0;
			const before = sum[id] ?? 0;
			const after = before + (vector.weights[index] ?? 0);
			sum[id] = after;
			squaredNorm += (after * after) - (before * before);
		}

		this.#squaredNorms[tierIndex] = Math.max(0, squaredNorm);
	}

	/**
	 * Cosine similarity of a unit vector to each tier's centroid, written into `out`. With `leaveOut`, the
	 * vector is taken out of that tier's centroid first: the similarity a training prompt would have if it had
	 * not been part of its own centroid.
	 */
	similarities(vector: SparseVector, out: Float64Array, leaveOut = -1): void {
		for (let tier = 0; tier < TIERS.length; tier++) {
			const sum = this.#sums[tier] ?? new Float64Array(0);
			let dot = 0;
			for (let index = 0; index < vector.ids.length; index++) {
				dot += (vector.weights[index] ?? 0) * (sum[vector.ids[index] ?? 0] ?? 0);
			}

			let squaredNorm = this.#squaredNorms[tier] ?? 0;
			if (tier === leaveOut) {
				squaredNorm = squaredNorm - (2 * dot) + 1;
				dot -= 1;
			}

			out[tier] = squaredNorm > 1e-12 ? dot / Math.sqrt(squaredNorm) : 0;
		}
	}

	/** A tier's centroid weight for a term id. */
	weight(tierIndex: number, id: number): number {
		return this.#sums[tierIndex]?.[id] ?? 0;
	}

	/** A tier's centroid length. */
	norm(tierIndex: number): number {
		return Math.sqrt(this.#squaredNorms[tierIndex] ?? 0);
	}

	/** How much one term of a unit vector adds to its similarity with a tier's centroid. */
	termContribution(tierIndex: number, id: number, weight: number): number {
		const squaredNorm = this.#squaredNorms[tierIndex] ?? 0;
		const value = this.#sums[tierIndex]?.[id] ?? 0;
		return squaredNorm > 0 ? (weight * value) / Math.sqrt(squaredNorm) : 0;
	}

	#ensureCapacity(vector: SparseVector): void {
		let highest = -1;
		for (const id of vector.ids) {
			highest = Math.max(highest, id);
		}

		const capacity = this.#sums[0]?.length ?? 0;
		if (highest < capacity) {
			return;
		}

		const grown = Math.max(highest + 1, capacity * 2);
		this.#sums = this.#sums.map(sum => {
			const bigger = new Float64Array(grown);
			bigger.set(sum);
			return bigger;
		});
	}
}
