/** A unit-length TF-IDF vector over the terms of a {@link Vocabulary}: parallel arrays of term ids and weights. */
export type SparseVector = {
	readonly ids: readonly number[];
	readonly weights: readonly number[];
};
