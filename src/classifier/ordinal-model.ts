/**
 * A proportional-odds (ordinal logistic) model: one score `z = w·x` per prompt and increasing thresholds
 * `θ₀ < θ₁ < …`, with `P(tier ≤ k) = σ(θₖ − z)`. It respects the order of the tiers, so a prompt that scores
 * higher never has its probability mass pushed to easier tiers, and with one score it needs far fewer
 * parameters than a softmax over five classes: a few hundred seed prompts fit it without memorising them.
 */
export type OrdinalModel = {
	readonly means: Float64Array;
	readonly scales: Float64Array;
	readonly weights: Float64Array;
	readonly thresholds: Float64Array;
};

export type OrdinalFitOptions = {
	/**
	 * Strength of the L2 penalty on the weights; higher gives softer, better calibrated probabilities.
	 * @default 0.003
	 */
	l2?: number;
	/** Adam steps; the seed corpus converges well within them. @default 600 */
	iterations?: number;
	/** Adam's step size. @default 0.05 */
	learningRate?: number;
};

function sigmoid(value: number): number {
	return 1 / (1 + Math.exp(-value));
}

/** The model's score for a feature vector: higher means harder. */
export function ordinalScore(model: OrdinalModel, features: ArrayLike<number>): number {
	let score = 0;
	for (let index = 0; index < model.weights.length; index++) {
		const standardized = ((features[index] ?? 0) - (model.means[index] ?? 0)) / (model.scales[index] ?? 1);
		score += (model.weights[index] ?? 0) * standardized;
	}

	return score;
}

/** Writes the probability of each class into `out` (length: thresholds + 1); they sum to 1. */
export function ordinalProbabilities(model: OrdinalModel, features: ArrayLike<number>, out: Float64Array): void {
	const score = ordinalScore(model, features);
	let below = 0;
	for (let index = 0; index < model.thresholds.length; index++) {
		const cumulative = sigmoid((model.thresholds[index] ?? 0) - score);
		out[index] = Math.max(0, cumulative - below);
		below = Math.max(below, cumulative);
	}

	out[model.thresholds.length] = 1 - below;
}

/**
 * Fits the model by maximum likelihood with an L2 penalty, using full-batch Adam from a fixed start: the
 * same data always gives the same model.
 */
export function fitOrdinalModel(
	features: readonly Float64Array[],
	labels: readonly number[],
	classCount: number,
	options: OrdinalFitOptions = {},
): OrdinalModel {
	const {l2 = 0.003, iterations = 600, learningRate = 0.05} = options;
	const sampleCount = features.length;
	const dimension = features[0]?.length ?? 0;
	if (sampleCount === 0 || sampleCount !== labels.length) {
		throw new RangeError(`Expected as many labels as feature vectors (at least one), got ${labels.length} and ${sampleCount}`);
	}

	const {means, scales} = standardization(features, dimension);
	const standardized = new Float64Array(sampleCount * dimension);
	for (let sample = 0; sample < sampleCount; sample++) {
		const row = features[sample] ?? new Float64Array(dimension);
		for (let index = 0; index < dimension; index++) {
			standardized[(sample * dimension) + index] = ((row[index] ?? 0) - (means[index] ?? 0)) / (scales[index] ?? 1);
		}
	}

	// Parameters: weights, then the first threshold, then the logs of the gaps between thresholds.
	const gapCount = classCount - 2;
	const parameters = new Float64Array(dimension + 1 + gapCount);
	initialThresholds(labels, classCount, parameters, dimension);

	const gradient = new Float64Array(parameters.length);
	const firstMoment = new Float64Array(parameters.length);
	const secondMoment = new Float64Array(parameters.length);
	const thresholds = new Float64Array(classCount - 1);
	const thresholdGradient = new Float64Array(classCount - 1);

	for (let step = 1; step <= iterations; step++) {
		thresholdsFrom(parameters, dimension, thresholds);
		gradient.fill(0);
		thresholdGradient.fill(0);
		for (let sample = 0; sample < sampleCount; sample++) {
			accumulateSampleGradient(standardized, sample, dimension, labels[sample] ?? 0, parameters, thresholds, gradient, thresholdGradient);
		}

		for (let index = 0; index < dimension; index++) {
			gradient[index] = ((gradient[index] ?? 0) / sampleCount) + (l2 * (parameters[index] ?? 0));
		}

		// Chain rule from the thresholds to the first threshold and the log-gaps.
		let tail = 0;
		for (let index = classCount - 2; index >= 0; index--) {
			tail += (thresholdGradient[index] ?? 0) / sampleCount;
			if (index === 0) {
				gradient[dimension] = tail;
			} else {
				gradient[dimension + index] = tail * Math.exp(parameters[dimension + index] ?? 0);
			}
		}

		adamStep(parameters, gradient, firstMoment, secondMoment, step, learningRate);
	}

	thresholdsFrom(parameters, dimension, thresholds);
	return {means, scales, weights: parameters.slice(0, dimension), thresholds: thresholds.slice()};
}

function standardization(features: readonly Float64Array[], dimension: number): {means: Float64Array; scales: Float64Array} {
	const means = new Float64Array(dimension);
	const scales = new Float64Array(dimension);
	for (const row of features) {
		for (let index = 0; index < dimension; index++) {
			means[index] = (means[index] ?? 0) + ((row[index] ?? 0) / features.length);
		}
	}

	for (const row of features) {
		for (let index = 0; index < dimension; index++) {
			const deviation = (row[index] ?? 0) - (means[index] ?? 0);
			scales[index] = (scales[index] ?? 0) + ((deviation * deviation) / features.length);
		}
	}

	for (let index = 0; index < dimension; index++) {
		const deviation = Math.sqrt(scales[index] ?? 0);
		scales[index] = deviation > 1e-9 ? deviation : 1;
	}

	return {means, scales};
}

/** Starts the thresholds at the logits of the cumulative class shares, the optimum when every weight is 0. */
function initialThresholds(labels: readonly number[], classCount: number, parameters: Float64Array, dimension: number): void {
	const counts = new Array<number>(classCount).fill(0);
	for (const label of labels) {
		counts[label] = (counts[label] ?? 0) + 1;
	}

	let cumulative = 0;
	let previous = 0;
	for (let index = 0; index < classCount - 1; index++) {
		cumulative += counts[index] ?? 0;
		const share = Math.min(0.99, Math.max(0.01, cumulative / labels.length));
		const threshold = Math.log(share / (1 - share));
		if (index === 0) {
			parameters[dimension] = threshold;
		} else {
			parameters[dimension + index] = Math.log(Math.max(0.05, threshold - previous));
		}

		previous = index === 0 ? threshold : previous + Math.exp(parameters[dimension + index] ?? 0);
	}
}

function thresholdsFrom(parameters: Float64Array, dimension: number, thresholds: Float64Array): void {
	let threshold = parameters[dimension] ?? 0;
	thresholds[0] = threshold;
	for (let index = 1; index < thresholds.length; index++) {
		threshold += Math.exp(parameters[dimension + index] ?? 0);
		thresholds[index] = threshold;
	}
}

function accumulateSampleGradient(
	standardized: Float64Array,
	sample: number,
	dimension: number,
	label: number,
	parameters: Float64Array,
	thresholds: Float64Array,
	gradient: Float64Array,
	thresholdGradient: Float64Array,
): void {
	const offset = sample * dimension;
	let score = 0;
	for (let index = 0; index < dimension; index++) {
		score += (parameters[index] ?? 0) * (standardized[offset + index] ?? 0);
	}

	const last = thresholds.length;
	const upper = label < last ? sigmoid((thresholds[label] ?? 0) - score) : 1;
	const lower = label > 0 ? sigmoid((thresholds[label - 1] ?? 0) - score) : 0;
	const probability = Math.max(upper - lower, 1e-12);
	const upperSlope = label < last ? upper * (1 - upper) : 0;
	const lowerSlope = label > 0 ? lower * (1 - lower) : 0;

	// d(−log p)/dz = (upperSlope − lowerSlope) / p, since dp/dz = −upperSlope + lowerSlope.
	const scoreGradient = (upperSlope - lowerSlope) / probability;
	for (let index = 0; index < dimension; index++) {
		gradient[index] = (gradient[index] ?? 0) + (scoreGradient * (standardized[offset + index] ?? 0));
	}

	if (label < last) {
		thresholdGradient[label] = (thresholdGradient[label] ?? 0) - (upperSlope / probability);
	}

	if (label > 0) {
		thresholdGradient[label - 1] = (thresholdGradient[label - 1] ?? 0) + (lowerSlope / probability);
	}
}

function adamStep(
	parameters: Float64Array,
	gradient: Float64Array,
	firstMoment: Float64Array,
	secondMoment: Float64Array,
	step: number,
	learningRate: number,
): void {
	const beta1 = 0.9;
	const beta2 = 0.999;
	const correction1 = 1 - (beta1 ** step);
	const correction2 = 1 - (beta2 ** step);
	for (let index = 0; index < parameters.length; index++) {
		const grad = gradient[index] ?? 0;
		const first = (beta1 * (firstMoment[index] ?? 0)) + ((1 - beta1) * grad);
		const second = (beta2 * (secondMoment[index] ?? 0)) + ((1 - beta2) * grad * grad);
		firstMoment[index] = first;
		secondMoment[index] = second;
		parameters[index] = (parameters[index] ?? 0) - ((learningRate * (first / correction1)) / (Math.sqrt(second / correction2) + 1e-8));
	}
}
