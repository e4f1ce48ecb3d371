import type {ModelConfig} from '../models/model-config.js';

/**
 * Where models come from besides `registerModel` (the coreason design's model source): a provider's list of
 * fine-tuned models, a config service. The router registers what it lists on open and on `syncModels()`, and
 * updates the prices of models it already has. The default is the workspace's own `models.json`.
 */
export type ModelSource = {
	models(): readonly ModelConfig[] | Promise<readonly ModelConfig[]>;
};
