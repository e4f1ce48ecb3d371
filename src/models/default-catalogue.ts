import type {Tier} from '../tiers.js';
import catalogue from './default-catalogue.json' with {type: 'json'};
import type {ModelConfig} from './model-config.js';

/** The models tierwise routes to when none are registered, with where their prices came from and when. */
export type ModelCatalogue = {
	readonly pricesReadOn: string;
	readonly currency: string;
	readonly unit: string;
	readonly note: string;
	readonly sources: readonly string[];
	readonly models: readonly ModelConfig[];
};

/** Public list prices of common models; used, and said to be used on each decision, while no model is registered. */
export const DEFAULT_CATALOGUE: ModelCatalogue = {
	...catalogue,
	models: catalogue.models.map(model => ({...model, tierRange: model.tierRange as unknown as readonly [Tier, Tier]})),
};
