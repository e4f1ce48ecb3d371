import type {ModelConfig} from '../models/model-config.js';
import {AdaptiveRouter} from '../router.js';
import type {CliIo} from './cli-io.js';
import {readModelsFile} from './models-file.js';

/**
 * A router with the models of `--models FILE`, or the default catalogue when no file is given. It does not
 * explore: without a workspace nothing would learn from the outcome, so the best-ranked model is always shown.
 */
export async function openRouter(modelsPath: string | undefined, io: CliIo): Promise<AdaptiveRouter> {
	const models = modelsPath === undefined ? [] : await readModelsFile(modelsPath, io);
	return AdaptiveRouter.open({models: models as ModelConfig[], abTestRate: 0});
}
