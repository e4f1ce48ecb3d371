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

const tierCount = TIERS.length;

/**
 * What lessons (`teach`, and poorly scored outcomes) add to the tier centroids, on top of the seed centroids,
 * which stay as fitted. A tier's centroid is `seed + γ · taught`, where `taught` is the weighted sum of the
 * lessons' unit vectors and `γ` caps its length at {@link MAX_DRIFT_SHARE} of the seed centroid's. Adding a
 * lesson costs work proportional to its terms: the dot product with the seed centroid and the taught part's
 * length are kept up to date, so the cosine with any prompt needs only the prompt's own terms.
 */
export class OnlineCentroids {
	readonly #seed: SeedCentroids;
	/*
	The taught sums, one row per term with a weight for each tier, so that a route looks each of its terms up
	once rather than once per tier (five lookups a term in maps of up to 20,000 took a tenth of a replay).
	*/
	readonly #rowOf = new Map<string, number>();
	readonly #termOf: string[] = [];
	#weights = new Float64Array(tierCount * 256);
	/** Per row, a bit per tier whose taught sum holds the term. */
	#present = new Uint8Array(256);
	readonly #termCounts = TIERS.map(() => 0);
	readonly #mass = TIERS.map(() => 0);
	readonly #squaredNorms = TIERS.map(() => 0);
	readonly #seedDots = TIERS.map(() => 0);
	readonly #taughtDots = new Float64Array(tierCount);

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
		if ((this.#termCounts[tierIndex] ?? 0) > MAX_TAUGHT_TERMS) {
			this.#prune(tierIndex);
		}
	}

	/**
	 * Turns cosine similarities with the seed centroids into similarities with the centroids lessons have moved:
	 * `similarities[t]` is the prompt's cosine with seed centroid t on entry and with the moved centroid on return.
	 * `terms` are the prompt's terms and `weights` their weights in its unit vector.
	 */
	adjust(similarities: Float64Array, terms: ReadonlyArray<readonly [string, number]>, weights: readonly number[]): void {
		if (this.#rowOf.size === 0) {
			return;
		}

		const taughtDots = this.#taughtDots.fill(0);
		const taught = this.#weights;
		for (const [index, [term]] of terms.entries()) {
			const row = this.#rowOf.get(term);
			if (row !== undefined) {
				const weight = weights[index] ?? 0;
				for (let tier = 0; tier < tierCount; tier++) {
					taughtDots[tier] = (taughtDots[tier] ?? 0) + (weight * (taught[(row * tierCount) + tier] ?? 0));
				}
			}
		}

		for (let tier = 0; tier < tierCount; tier++) {
			const scale = this.#scale(tier);
			if (scale === 0) {
				continue;
			}

			const seedNorm = this.#seed.norm(tier);
			const seedDot = (similarities[tier] ?? 0) * seedNorm;
			const squaredNorm = (seedNorm * seedNorm) + (2 * scale * (this.#seedDots[tier] ?? 0)) + (scale * scale * (this.#squaredNorms[tier] ?? 0));
			similarities[tier] = squaredNorm > 1e-12 ? (seedDot + (scale * (taughtDots[tier] ?? 0))) / Math.sqrt(squaredNorm) : 0;
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
		for (let tier = 0; tier < tierCount; tier++) {
			const sum = this.#taughtTerms(tier);
			if (sum.length > 0) {
				json.push([tier, this.#mass[tier] ?? 0, sum]);
			}
		}

		return json;
	}

	/** A tier's taught terms with their weights, in the order the terms were first taught. */
	#taughtTerms(tierIndex: number): Array<[string, number]> {
		const bit = 1 << tierIndex;
		const terms: Array<[string, number]> = [];
		for (const [row, term] of this.#termOf.entries()) {
			if (((this.#present[row] ?? 0) & bit) !== 0) {
				terms.push([term, this.#weights[(row * tierCount) + tierIndex] ?? 0]);
			}
		}

		return terms;
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
		const lightest = this.#taughtTerms(tierIndex).sort((a, b) => Math.abs(a[1]) - Math.abs(b[1]) || (a[0] < b[0] ? -1 : 1));
		for (const [term, weight] of lightest.slice(0, lightest.length - Math.floor(MAX_TAUGHT_TERMS * 0.75))) {
			this.#addTerm(tierIndex, term, -weight);
			const row = this.#rowOf.get(term) ?? 0;
			this.#weights[(row * tierCount) + tierIndex] = 0;
			this.#present[row] = (this.#present[row] ?? 0) & ~(1 << tierIndex);
			this.#termCounts[tierIndex] = (this.#termCounts[tierIndex] ?? 0) - 1;
		}

		// Rows no tier holds any more are dropped once they are half the table, so that it stays bounded too.
		const live = this.#present.subarray(0, this.#termOf.length).reduce((count, bits) => count + (bits === 0 ? 0 : 1), 0);
		if (2 * live < this.#termOf.length) {
			this.#dropEmptyRows();
		}
	}

	#dropEmptyRows(): void {
		const terms = [...this.#termOf];
		const weights = this.#weights;
		const present = this.#present;
		this.#rowOf.clear();
		this.#termOf.length = 0;
		this.#weights = new Float64Array(weights.length);
		this.#present = new Uint8Array(present.length);
		for (const [row, term] of terms.entries()) {
			if ((present[row] ?? 0) !== 0) {
				const kept = this.#newRow(term);
				this.#present[kept] = present[row] ?? 0;
				this.#weights.set(weights.subarray(row * tierCount, (row + 1) * tierCount), kept * tierCount);
			}
		}
	}

	#addTerm(tierIndex: number, term: string, delta: number): void {
		if (tierIndex < 0 || tierIndex >= tierCount) {
			return;
		}

		const row = this.#rowOf.get(term) ?? this.#newRow(term);
		const bit = 1 << tierIndex;
		if (((this.#present[row] ?? 0) & bit) === 0) {
			this.#present[row] = (this.#present[row] ?? 0) | bit;
			this.#termCounts[tierIndex] = (this.#termCounts[tierIndex] ?? 0) + 1;
		}

		const at = (row * tierCount) + tierIndex;
		const before = this.#weights[at] ?? 0;
		const after = before + delta;
		this.#weights[at] = after;
		this.#squaredNorms[tierIndex] = (this.#squaredNorms[tierIndex] ?? 0) + (after * after) - (before * before);
		this.#seedDots[tierIndex] = (this.#seedDots[tierIndex] ?? 0) + (delta * this.#seed.weight(tierIndex, term));
	}

	#newRow(term: string): number {
		const row = this.#termOf.length;
		if (row >= this.#present.length) {
			const weights = new Float64Array(this.#weights.length * 2);
			weights.set(this.#weights);
			this.#weights = weights;
			const present = new Uint8Array(this.#present.length * 2);
			present.set(this.#present);
			this.#present = present;
		}

		this.#rowOf.set(term, row);
		this.#termOf.push(term);
		return row;
	}
}
