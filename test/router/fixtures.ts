import type {ModelConfig} from '../../src/index.js';

/** Three models on every tier, priced apart: routing with them should always pick `cheap`. */
export const pricedApart: readonly ModelConfig[] = [
	{name: 'mid', provider: 'beta', costPer1kInput: 0.001, costPer1kOutput: 0.002},
	{name: 'cheap', provider: 'alpha', costPer1kInput: 0.0001, costPer1kOutput: 0.0002},
	{name: 'premium', provider: 'gamma', costPer1kInput: 0.01, costPer1kOutput: 0.03},
];

/** A ladder of models by tier, as a team would register them. */
export const ladder: readonly ModelConfig[] = [
	{name: 'small', provider: 'alpha', costPer1kInput: 0.0001, costPer1kOutput: 0.0004, tierRange: ['trivial', 'simple'], contextWindow: 8000, avgLatencyMs: 300},
	{name: 'medium', provider: 'beta', costPer1kInput: 0.0005, costPer1kOutput: 0.002, tierRange: ['simple', 'complex'], capabilities: ['code'], contextWindow: 128_000, avgLatencyMs: 900},
	{name: 'large', provider: 'alpha', costPer1kInput: 0.003, costPer1kOutput: 0.015, tierRange: ['moderate', 'expert'], capabilities: ['code', 'vision'], contextWindow: 200_000, avgLatencyMs: 2500},
	{name: 'quick-large', provider: 'gamma', costPer1kInput: 0.005, costPer1kOutput: 0.02, tierRange: ['moderate', 'expert'], capabilities: ['code'], contextWindow: 200_000, avgLatencyMs: 400},
];

/** Router options that turn exploration off, for tests of which model the ranking itself picks. */
export const noExploration = {abTestRate: 0} as const;

/** A clock that moves only when told to. */
export function fakeClock(startMs = Date.UTC(2026, 10, 23, 12)): {now: () => number; advance: (ms: number) => void} {
	let current = startMs;
	return {
		now: () => current,
		advance(ms) {
			current += ms;
		},
	};
}
