import {parseArgs} from 'node:util';
import {DEFAULT_CATALOGUE} from '../../models/default-catalogue.js';
import type {ModelConfig} from '../../models/model-config.js';
import {AdaptiveRouter} from '../../router.js';
import type {CliIo} from '../cli-io.js';
import {readModelsFile} from '../models-file.js';
import {UsageError} from '../usage-error.js';

const help = `Usage: tierwise init DIR [options]

Creates a workspace in DIR (made if missing) that several processes can share, with the
models of the default catalogue, or those of --models FILE.

Options:
  --models FILE          the models to register (default: the built-in catalogue)
  --retention-days DAYS  how long decisions accept outcomes and are kept (default 30)
  -h, --help             show this help`;

export async function initCommand(args: readonly string[], io: CliIo): Promise<number> {
	const {values, positionals} = parseArgs({
		args: [...args],
		allowPositionals: true,
		options: {
			models: {type: 'string'},
			'retention-days': {type: 'string'},
			help: {type: 'boolean', short: 'h'},
		},
	});
	if (values.help === true) {
		io.stdout(`${help}\n`);
		return 0;
	}

	const directory = positionals[0];
	if (directory === undefined || positionals.length > 1) {
		throw new UsageError('init takes one directory');
	}

	if (await io.exists(`${directory}/workspace.json`)) {
		throw new UsageError(`${directory} is already a workspace; its models and records are left as they are`);
	}

	let retentionMs: number | undefined;
	if (values['retention-days'] !== undefined) {
		const days = Number(values['retention-days']);
		if (!Number.isFinite(days) || days <= 0) {
			throw new UsageError(`--retention-days takes a number of days above 0, got "${values['retention-days']}"`);
		}

		retentionMs = Math.round(days * 24 * 60 * 60 * 1000);
	}

	const models = values.models === undefined ? DEFAULT_CATALOGUE.models : (await readModelsFile(values.models, io)) as ModelConfig[];
	const router = await AdaptiveRouter.open({workspace: directory, models, refreshIntervalMs: 0, ...(retentionMs === undefined ? {} : {decisionRetentionMs: retentionMs})});
	await router.close();
	const source = values.models === undefined ? `the default catalogue (prices read ${DEFAULT_CATALOGUE.pricesReadOn})` : values.models;
	io.stdout(`Created a workspace in ${directory} with ${models.length} models from ${source}.\n`);
	return 0;
}
