import {TIERS, tierIndex, type Tier} from '../tiers.js';
import type {ModelConfig} from './model-config.js';

/** A validated model with its settings resolved, as selection uses it. */
export type RegisteredModel = {
	readonly config: Readonly<ModelConfig>;
	readonly name: string;
	readonly provider: string;
	readonly costPer1kInput: number;
	readonly costPer1kOutput: number;
	readonly minTier: number;
	readonly maxTier: number;
	readonly capabilities: ReadonlySet<string>;
	readonly domains: ReadonlySet<string>;
	readonly qualityPrior: number;
	readonly qualityPriorIsDerived: boolean;
};

/*
Quality to expect from a model that says nothing of its own, by the hardest tier it claims to serve. A stand-in
until outcomes are reported: the learning loop replaces it with measured quality.
*/
const derivedQualityPrior: Readonly<Record<Tier, number>> = {
	trivial: 0.55,
	simple: 0.65,
	moderate: 0.75,
	complex: 0.85,
	expert: 0.92,
};

export function resolveModel(config: Readonly<ModelConfig>): RegisteredModel {
	const [lowest, highest] = config.tierRange ?? [TIERS[0], TIERS[TIERS.length - 1] ?? 'expert'];
	return {
		config,
		name: config.name,
		provider: config.provider,
		costPer1kInput: config.costPer1kInput,
		costPer1kOutput: config.costPer1kOutput,
		minTier: tierIndex(lowest),
		maxTier: tierIndex(highest),
		capabilities: new Set(config.capabilities ?? []),
		domains: new Set(config.domains ?? []),
		qualityPrior: config.qualityPrior ?? derivedQualityPrior[highest],
		qualityPriorIsDerived: config.qualityPrior === undefined,
	};
}
