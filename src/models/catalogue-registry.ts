import {DEFAULT_CATALOGUE} from './default-catalogue.js';
import {ModelRegistry} from './model-registry.js';

let shared: ModelRegistry | undefined;

/** The default catalogue as a registry, built once per process. Callers must not change it. */
export function catalogueRegistry(): ModelRegistry {
	if (shared === undefined) {
		shared = new ModelRegistry();
		for (const model of DEFAULT_CATALOGUE.models) {
			shared.register(model);
		}
	}

	return shared;
}
