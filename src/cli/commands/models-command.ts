import {parseArgs} from 'node:util';
import {DEFAULT_CATALOGUE} from '../../models/default-catalogue.js';
import type {ModelConfig} from '../../models/model-config.js';
import {TIERS} from '../../tiers.js';
import type {CliIo} from '../cli-io.js';
import {openRouter} from '../open-router.js';
import {renderTable} from '../table.js';

const MODELS_HELP = `Usage: tierwise models [options]

Lists the models routing chooses from: those of --models FILE, or the built-in catalogue
with the date its prices were read.

Options:
  --models FILE   a JSON array of model configs, or an object with a "models" array
  --json          print the models as JSON
  -h, --help      show this help`;

export async function modelsCommand(args: readonly string[], io: CliIo): Promise<number> {
	const {values} = parseArgs({
		args: [...args],
		options: {
			models: {type: 'string'},
			json: {type: 'boolean'},
			help: {type: 'boolean', short: 'h'},
		},
	});
	if (values.help === true) {
		io.stdout(`${MODELS_HELP}\n`);
		return 0;
	}

	const router = await openRouter(values.models, io);
	const registered = router.models();
	await router.close();
	const models: readonly ModelConfig[] = registered.length > 0 ? registered : DEFAULT_CATALOGUE.models;
	if (values.json === true) {
		io.stdout(`${JSON.stringify(models, undefined, 2)}\n`);
		return 0;
	}

	const rows = models.map(model => [
		model.name,
		model.provider,
		`$${model.costPer1kInput}`,
		`$${model.costPer1kOutput}`,
		model.tierRange === undefined ? `${TIERS[0]}–${TIERS[4]}` : `${model.tierRange[0]}–${model.tierRange[1]}`,
		model.contextWindow === undefined ? '' : String(model.contextWindow),
		(model.capabilities ?? []).join(', '),
	]);
	io.stdout(`${renderTable(['model', 'provider', 'in /1K', 'out /1K', 'tiers', 'context', 'capabilities'], rows, new Set([2, 3, 5]))}\n`);
	if (registered.length === 0) {
		io.stdout(`\nThe default catalogue: list prices in ${DEFAULT_CATALOGUE.currency} ${DEFAULT_CATALOGUE.unit}, read ${DEFAULT_CATALOGUE.pricesReadOn}.\n${DEFAULT_CATALOGUE.note}\n`);
	}

	return 0;
}
