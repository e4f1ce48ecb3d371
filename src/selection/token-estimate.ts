import type {Tier} from '../tiers.js';

/*
Output tokens to expect per tier before any usage is reported: a one-line answer for a trivial prompt, a long
structured answer for an expert one. Deliberately round numbers; reported usage should replace them.
*/
export const EXPECTED_OUTPUT_TOKENS: Readonly<Record<Tier, number>> = {
	trivial: 60,
	simple: 250,
	moderate: 600,
	complex: 1200,
	expert: 2000,
};

export type TokenEstimate = {
	readonly input: number;
	readonly output: number;
};

/** Price of a request in USD, from per-1K-token prices. */
export function estimateCostUsd(prices: {readonly costPer1kInput: number; readonly costPer1kOutput: number}, tokens: TokenEstimate): number {
	return ((tokens.input * prices.costPer1kInput) + (tokens.output * prices.costPer1kOutput)) / 1000;
}
