import {expect, test} from 'vitest';
import {fitOrdinalModel, ordinalProbabilities, ordinalScore} from '../../src/classifier/ordinal-model.js';

const features = Array.from({length: 90}, (_, index) => Float64Array.of(index / 10, (index * 7) % 5));
const labels = features.map(([value = 0]) => Math.min(2, Math.floor(value / 3)));

test('learns a score that increases with the feature the classes follow', () => {
	const model = fitOrdinalModel(features, labels, 3);
	expect(ordinalScore(model, [8, 2])).toBeGreaterThan(ordinalScore(model, [1, 2]));
	expect(Math.abs(model.weights[0] ?? 0)).toBeGreaterThan(Math.abs(model.weights[1] ?? 0));
});

test('gives increasing thresholds and probabilities that sum to 1', () => {
	const model = fitOrdinalModel(features, labels, 3);
	expect(model.thresholds[1]).toBeGreaterThan(model.thresholds[0] ?? Number.POSITIVE_INFINITY);
	const probabilities = new Float64Array(3);
	for (const point of [[0, 0], [4.5, 1], [8.9, 4]]) {
		ordinalProbabilities(model, point, probabilities);
		expect(probabilities.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 12);
	}

	ordinalProbabilities(model, [0.5, 0], probabilities);
	expect(probabilities[0]).toBeGreaterThan(0.8);
	ordinalProbabilities(model, [8.5, 0], probabilities);
	expect(probabilities[2]).toBeGreaterThan(0.8);
});

test('fits the same model from the same data', () => {
	expect(fitOrdinalModel(features, labels, 3)).toEqual(fitOrdinalModel(features, labels, 3));
});

test('refuses labels and features of different lengths', () => {
	expect(() => fitOrdinalModel(features, labels.slice(1), 3)).toThrow(RangeError);
});
