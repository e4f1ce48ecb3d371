import type {ModelConfig} from '../models/model-config.js';
import {UsageError} from './usage-error.js';
import type {CliIo} from './cli-io.js';

/**
 * Reads the models of `--models FILE`: a JSON array of model configs, or an object with a `models` array (the
 * shape of the default catalogue and of the replay data's models files). Validation happens on registering.
 */
export async function readModelsFile(path: string, io: CliIo): Promise<unknown[]> {
	let text: string;
	try {
		text = await io.readFile(path);
	} catch (error) {
		throw new UsageError(`cannot read --models file ${path}: ${(error as Error).message}`);
	}

	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		throw new UsageError(`--models file ${path} is not valid JSON: ${(error as Error).message}`);
	}

	const models = Array.isArray(parsed) ? parsed : (parsed as {models?: unknown} | null)?.models;
	if (!Array.isArray(models) || models.length === 0) {
		throw new UsageError(`--models file ${path} must hold a non-empty JSON array of models, or an object with a "models" array`);
	}

	return models as ModelConfig[];
}
