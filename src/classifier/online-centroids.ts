import {TIERS} from '../tiers.js';

/** A sparse unit vector over terms: what a lesson adds and what a prompt is compared by. */
export type TermVector = ReadonlyArray<readonly [term: string, weight: number]>;

/** What the online part needs of the seed centroids it is added to. */
export type SeedCentroids = {
	/** The seed centroid's weight for a term of a tier (0 for a term it lacks). */
	readonly weight: (tierIndex: number, term: string) => number;
	/** The seed centroid's length for a tier. */
	readonly norm: (tierIndex: number) => number;
};

/** Per tier: the lessons' total weight and their weighted sum, term by term. */
export type OnlineCentroidsJson = Array<[tierIndex: number, mass: number, sum: Array<[string, number]>]>;

/**
 * How far the taught part may pull a centroid: its length never exceeds this share of the seed centroid's, so
 * that a centroid turns at most asin(0.5) = 30° from its seed direction, however many lessons arrive.
 */
export const MAX_DRIFT_SHARE = 0.5;

/**
 * Terms a tier's taught part keeps at most. Past it, the lightest are dropped until a quarter fewer remain, so
 * that lessons over years of new vocabulary keep a bounded state; a dropped term weighs least in every cosine.
 */
export const MAX_TAUGHT_TERMS = 20_000;

/**
 * What lessons (`teach`, and poorly scored outcomes) add to the tier centroids, on top of the seed centroids,
 * which stay as fitted. A tier's centroid is `seed + γ · taught`, where `taught` is the weighted sum of the
 * lessons' unit vectors and `γ` caps its length at {@link MAX_DRIFT_SHARE} of the seed centroid's. Adding a
 * lesson costs work proportional to its terms: the dot product with the seed centroid and the taught part's
 * length are kept up to date, so the cosine with any prompt needs only the prompt's own terms.
 */
export class OnlineCentroids {
	readonly #seed: SeedCentroids;
	readonly #sums = TIERS.map(() => new Map<string, number>());
	readonly #mass = TIERS.map(() => 0);
	readonly #squaredNorms = TIERS.map(() => 0);
	readonly #seedDots = TIERS.map(() => 0);

	constructor(seed: SeedCentroids, json: OnlineCentroidsJson = []) {
		this.#seed = seed;
		for (const [tierIndex, mass, sum] of json) {
			for (const [term, weight] of sum) {
				this.#addTerm(tierIndex, term, weight);
			}

			this.#mass[tierIndex] = mass;
		}
	}

	/** Lessons' total weight per tier, `trivial` first. */
	get mass(): readonly number[] {
		return this.#mass;
	}

	/** Adds a lesson: a prompt's unit vector, labelled with a tier, at a weight (1 for `teach`). */
	add(tierIndex: number, vector: TermVector, weight: number): void {
		if (tierIndex < 0 || tierIndex >= TIERS.length || !(weight > 0)) {
			return;
		}

		for (const [term, termWeight] of vector) {
			this.#addTerm(tierIndex, term, weight * termWeight);
		}

		this.#mass[tierIndex] = (this.#mass[tierIndex] ?? 0) + weight;
		if ((this.#sums[tierIndex]?.size ?? 0) > MAX_TAUGHT_TERMS) {
			this.#prune(tierIndex);
		}
	}

	/**
	 * Turns cosine similarities with the seed centroids into similarities with the centroids lessons have moved:
	 * `similarities[t]` is the prompt's cosine with seed centroid t on entry and with the moved centroid on return.
	 * `terms` are the prompt's terms and `weights` their weights in its unit vector.
	 */
	adjust(similarities: Float64Array, terms: ReadonlyArray<readonly [string, number]>, weights: readonly number[]): void {
		for (let tier = 0; tier < TIERS.length; tier++) {
			const scale = this.#scale(tier);
			if (scale === 0) {
				continue;
			}

			const sum = this.#sums[tier];
			let taughtDot = 0;
			for (const [index, [term]] of terms.entries()) {
				taughtDot += (weights[index] ?? 0) * (sum?.get(term) ?? 0);
			}

			const seedNorm = this.#seed.norm(tier);
			const seedDot = (similarities[tier] ?? 0) * seedNorm;
			const squaredNorm = (seedNorm * seedNorm) + (2 * scale * (this.#seedDots[tier] ?? 0)) + (scale * scale * (this.#squaredNorms[tier] ?? 0));
			similarities[tier] = squaredNorm > 1e-12 ? (seedDot + (scale * taughtDot)) / Math.sqrt(squaredNorm) : 0;
		}
	}

	/** The cosine between a tier's moved centroid and its seed centroid: how far lessons have turned it. */
	alignment(tierIndex: number): number {
		const seedNorm = this.#seed.norm(tierIndex);
		const scale = this.#scale(tierIndex);
		const dot = (seedNorm * seedNorm) + (scale * (this.#seedDots[tierIndex] ?? 0));
		const squaredNorm = (seedNorm * seedNorm) + (2 * scale * (this.#seedDots[tierIndex] ?? 0)) + (scale * scale * (this.#squaredNorms[tierIndex] ?? 0));
		return seedNorm === 0 || squaredNorm <= 0 ? 1 : dot / (seedNorm * Math.sqrt(squaredNorm));
	}

	toJSON(): OnlineCentroidsJson {
		const json: OnlineCentroidsJson = [];
		for (const [tierIndex, sum] of this.#sums.entries()) {
			if (sum.size > 0) {
				json.push([tierIndex, this.#mass[tierIndex] ?? 0, [...sum]]);
			}
		}

		return json;
	}

	/** γ: the factor on the taught sum that caps its length at the drift share of the seed centroid's. */
	#scale(tierIndex: number): number {
		const squaredNorm = this.#squaredNorms[tierIndex] ?? 0;
		if (squaredNorm <= 0) {
			return 0;
		}

		const cap = MAX_DRIFT_SHARE * this.#seed.norm(tierIndex);
		// A few lessons count in full, like seed prompts; past the cap, they share it.
		return Math.min(1, cap / Math.sqrt(squaredNorm));
	}

	/** Drops a tier's lightest taught terms down to three quarters of the cap. */
	#prune(tierIndex: number): void {
		const sum = this.#sums[tierIndex];
		if (sum === undefined) {
			return;
		}

		const lightest = [...sum].sort((a, b) => Math.abs(a[1]) - Math.abs(b[1]) || (a[0] < b[0] ? -1 : 1));
		for (const [term, weight] of lightest.slice(0, sum.size - Math.floor(MAX_TAUGHT_TERMS * 0.75))) {
			this.#addTerm(tierIndex, term, -weight);
			sum.delete(term);
		}
	}

	#addTerm(tierIndex: number, term: string, delta: number): void {
		const sum = this.#sums[tierIndex];
		if (sum === undefined) {
			return;
		}

		const before = sum.get(term) ?? 0;
		const after = before + delta;
		sum.set(term, after);
		this.#squaredNorms[tierIndex] = (this.#squaredNorms[tierIndex] ?? 0) + (after * after) - (before * before);
		this.#seedDots[tierIndex] = (this.#seedDots[tierIndex] ?? 0) + (delta * this.#seed.weight(tierIndex, term));
	}
}
