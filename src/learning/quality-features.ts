import type {Classification} from '../classifier/classification.js';

/**
 * What a prompt's predicted quality is adjusted by, within its tier (see {@link FeatureSlopes}): signals that
 * make a prompt harder or easier than its tier's average, in the order of {@link qualityFeatures}.
 */
export const QUALITY_FEATURE_NAMES = [
	'log input tokens',
	'expected tier',
	'log math symbols',
	'log code symbols',
	'log asks',
	'log long words',
	'log domain words',
	'log list items and enumeration marks',
] as const;

export const QUALITY_FEATURE_COUNT = QUALITY_FEATURE_NAMES.length;

/**
 * A prompt's quality features, to four decimals (as observations keep them, so that every process learns the
 * same numbers). `inputTokens` is the request's estimate, conversation included. The expected tier is the
 * classifier's probability-weighted tier, 0 to 4: finer than the tier itself.
 */
export function qualityFeatures(classification: Classification, inputTokens: number): number[] {
	const {signals, scores} = classification;
	const domain = signals.domainWords;
	return [
		fourDecimals(Math.log1p(inputTokens)),
		fourDecimals(scores.simple + (2 * scores.moderate) + (3 * scores.complex) + (4 * scores.expert)),
		fourDecimals(Math.log1p(signals.mathSymbols)),
		fourDecimals(Math.log1p(signals.codeSymbols)),
		fourDecimals(Math.log1p(signals.asks)),
		fourDecimals(Math.log1p(signals.longWords)),
		fourDecimals(Math.log1p((domain.medical ?? 0) + (domain.legal ?? 0) + (domain.finance ?? 0) + (domain.science ?? 0))),
		fourDecimals(Math.log1p(signals.listItems + signals.enumerationMarks)),
	];
}

function fourDecimals(value: number): number {
	return Math.round(value * 10_000) / 10_000;
}
