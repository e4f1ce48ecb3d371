import fc from 'fast-check';
import {expect, test} from 'vitest';
import {MAX_DRIFT_SHARE, MAX_TAUGHT_TERMS, OnlineCentroids, type SeedCentroids} from '../../src/classifier/online-centroids.js';

const vocabulary = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'];

/** Seed centroids over the first five terms, one tier each leaning on a different term. */
const seedWeights = [0, 1, 2, 3, 4].map(tier => new Map(vocabulary.slice(0, 5).map((term, index) => [term, index === tier ? 3 : 0.5])));
const seed: SeedCentroids = {
	weight: (tier, term) => seedWeights[tier]?.get(term) ?? 0,
	norm: tier => Math.sqrt([...(seedWeights[tier]?.values() ?? [])].reduce((total, weight) => total + (weight * weight), 0)),
};

function unit(weights: ReadonlyArray<readonly [string, number]>): Array<readonly [string, number]> {
	const norm = Math.sqrt(weights.reduce((total, [, weight]) => total + (weight * weight), 0)) || 1;
	return weights.map(([term, weight]) => [term, weight / norm] as const);
}

const lesson = fc.record({
	tier: fc.integer({min: 0, max: 4}),
	weight: fc.double({min: 0.05, max: 5, noNaN: true}),
	vector: fc.uniqueArray(fc.tuple(fc.constantFrom(...vocabulary), fc.double({min: 0.01, max: 1, noNaN: true})), {minLength: 1, maxLength: 5, selector: ([term]) => term}).map(unit),
});

/** The cosine of a prompt with each moved centroid, computed from scratch: seed + γ · taught. */
function bruteForce(lessons: ReadonlyArray<{tier: number; weight: number; vector: ReadonlyArray<readonly [string, number]>}>, prompt: ReadonlyArray<readonly [string, number]>): number[] {
	return [0, 1, 2, 3, 4].map(tier => {
		const taught = new Map<string, number>();
		for (const {tier: lessonTier, weight, vector} of lessons) {
			if (lessonTier === tier) {
				for (const [term, termWeight] of vector) {
					taught.set(term, (taught.get(term) ?? 0) + (weight * termWeight));
				}
			}
		}

		const taughtNorm = Math.sqrt([...taught.values()].reduce((total, value) => total + (value * value), 0));
		const scale = taughtNorm === 0 ? 0 : Math.min(1, MAX_DRIFT_SHARE * seed.norm(tier) / taughtNorm);
		const centroid = new Map(vocabulary.map(term => [term, seed.weight(tier, term) + (scale * (taught.get(term) ?? 0))]));
		const norm = Math.sqrt([...centroid.values()].reduce((total, value) => total + (value * value), 0));
		return prompt.reduce((total, [term, weight]) => total + (weight * (centroid.get(term) ?? 0)), 0) / norm;
	});
}

function adjusted(centroids: OnlineCentroids, prompt: ReadonlyArray<readonly [string, number]>): number[] {
	const similarities = Float64Array.from([0, 1, 2, 3, 4], tier => prompt.reduce((total, [term, weight]) => total + (weight * seed.weight(tier, term)), 0) / seed.norm(tier));
	centroids.adjust(similarities, prompt, prompt.map(([, weight]) => weight));
	return [...similarities];
}

test('moves each centroid as adding every lesson to it from scratch would', () => {
	fc.assert(fc.property(fc.array(lesson, {maxLength: 30}), lesson.map(({vector}) => vector), (lessons, prompt) => {
		const centroids = new OnlineCentroids(seed);
		for (const {tier, weight, vector} of lessons) {
			centroids.add(tier, vector, weight);
		}

		const expected = bruteForce(lessons, prompt);
		for (const [tier, similarity] of adjusted(centroids, prompt).entries()) {
			expect(similarity).toBeCloseTo(expected[tier] ?? 0, 9);
		}
	}));
});

test('gives the same centroids whatever order the lessons come in, and after a round trip through JSON', () => {
	fc.assert(fc.property(fc.array(lesson, {minLength: 1, maxLength: 30}), fc.integer(), lesson.map(({vector}) => vector), (lessons, seedValue, prompt) => {
		const inOrder = new OnlineCentroids(seed);
		const shuffled = new OnlineCentroids(seed);
		for (const {tier, weight, vector} of lessons) {
			inOrder.add(tier, vector, weight);
		}

		const order = lessons.map((item, index) => ({item, key: Math.sin(seedValue + index)})).sort((a, b) => a.key - b.key).map(({item}) => item);
		for (const {tier, weight, vector} of order) {
			shuffled.add(tier, vector, weight);
		}

		const restored = new OnlineCentroids(seed, JSON.parse(JSON.stringify(inOrder.toJSON())) as ReturnType<OnlineCentroids['toJSON']>);
		const expected = adjusted(inOrder, prompt);
		for (const other of [shuffled, restored]) {
			for (const [tier, similarity] of adjusted(other, prompt).entries()) {
				expect(similarity).toBeCloseTo(expected[tier] ?? 0, 9);
			}
		}

		expect(restored.mass).toEqual(inOrder.mass);
	}));
});

test('never turns a centroid more than 30° from its seed, however many lessons pull it', () => {
	fc.assert(fc.property(fc.array(lesson, {minLength: 1, maxLength: 200}), lessons => {
		const centroids = new OnlineCentroids(seed);
		for (const {tier, weight, vector} of lessons) {
			centroids.add(tier, vector, weight * 100);
		}

		for (let tier = 0; tier < 5; tier++) {
			expect(centroids.alignment(tier)).toBeGreaterThanOrEqual(Math.cos(Math.PI / 6) - 1e-9);
		}
	}));
});

test('keeps a bounded number of taught terms, dropping the lightest, with the sums behind the cosines kept exact', () => {
	const centroids = new OnlineCentroids(seed);
	for (let index = 0; index <= MAX_TAUGHT_TERMS; index++) {
		centroids.add(2, [[`term-${index}`, 1]], index === 0 ? 0.001 : 1);
	}

	const [[, , sum] = [0, 0, []]] = centroids.toJSON();
	expect(sum.length).toBe(Math.floor(MAX_TAUGHT_TERMS * 0.75));
	expect(sum.some(([term]) => term === 'term-0')).toBe(false);
	const restored = new OnlineCentroids(seed, centroids.toJSON());
	const prompt = [['term-5', 0.6], ['gamma', 0.8]] as const;
	expect(adjusted(centroids, prompt)[2]).toBeCloseTo(adjusted(restored, prompt)[2] ?? 0, 9);
	expect(centroids.alignment(2)).toBeCloseTo(restored.alignment(2), 9);
});

test('terms pruned from every tier leave the table, and what is kept still adds up', () => {
	const centroids = new OnlineCentroids(seed);
	// Four times the cap of new terms, most in one tier: prunings leave rows no tier holds, which then go.
	for (let index = 0; index < 4 * MAX_TAUGHT_TERMS; index++) {
		centroids.add(index % 10 === 0 ? 3 : 1, [[`word-${index}`, 0.6], ['gamma', 0.8]], 1 + (index / MAX_TAUGHT_TERMS));
	}

	const json = centroids.toJSON();
	for (const [, , sum] of json) {
		expect(sum.length).toBeLessThanOrEqual(MAX_TAUGHT_TERMS);
	}

	const restored = new OnlineCentroids(seed, json);
	for (const prompt of [[['word-79999', 0.6], ['gamma', 0.8]], [['word-10', 1]], [['word-79998', 0.5], ['word-60001', 0.5], ['alpha', 0.7]], [['word-79990', 1]]] as const) {
		const live = adjusted(centroids, prompt);
		for (const [tier, similarity] of adjusted(restored, prompt).entries()) {
			expect(live[tier]).toBeCloseTo(similarity, 9);
		}
	}
});
