import {parseArgs} from 'node:util';
import {formatUsd} from '../../decision/format.js';
import {DEFAULT_CATALOGUE} from '../../models/default-catalogue.js';
import {resolveModel, type RegisteredModel} from '../../models/registered-model.js';
import {AdaptiveRouter} from '../../router.js';
import {estimateCostUsd} from '../../selection/token-estimate.js';
import type {CliIo} from '../cli-io.js';
import {DEMO_PROMPTS} from '../demo-prompts.js';
import {renderTable} from '../table.js';

const DEMO_HELP = `Usage: tierwise demo

Routes a varied set of sample prompts with the built-in catalogue and prints, for each,
the tier, the model chosen and its estimated cost, against always using the most capable
model. Costs are estimates from list prices and token estimates; no model is called.`;

/** The most capable model of a list: the hardest tier served, then the highest expected quality, then the highest price. */
function mostCapable(models: readonly RegisteredModel[]): RegisteredModel | undefined {
	return [...models].sort((a, b) => b.maxTier - a.maxTier
		|| b.qualityPrior - a.qualityPrior
		|| (b.costPer1kInput + b.costPer1kOutput) - (a.costPer1kInput + a.costPer1kOutput))[0];
}

export async function demoCommand(args: readonly string[], io: CliIo): Promise<number> {
	const {values} = parseArgs({args: [...args], options: {help: {type: 'boolean', short: 'h'}}});
	if (values.help === true) {
		io.stdout(`${DEMO_HELP}\n`);
		return 0;
	}

	const reference = mostCapable(DEFAULT_CATALOGUE.models.map(model => resolveModel(model)));
	if (reference === undefined) {
		throw new Error('The default catalogue is empty');
	}

	// No exploration: the demo shows what the ranking picks, the same on every run.
	const router = await AdaptiveRouter.open({abTestRate: 0});
	let routedTotal = 0;
	let referenceTotal = 0;
	const rows: string[][] = [];
	for (const prompt of DEMO_PROMPTS) {
		const decision = router.route(prompt);
		const referenceCost = estimateCostUsd(reference, decision.estimatedTokens);
		routedTotal += decision.estimatedCostUsd;
		referenceTotal += referenceCost;
		rows.push([
			prompt.length > 48 ? `${prompt.slice(0, 47)}…` : prompt,
			decision.tier,
			decision.model,
			formatUsd(decision.estimatedCostUsd),
			formatUsd(referenceCost),
		]);
	}

	await router.close();
	io.stdout(`${renderTable(['prompt', 'tier', 'model', 'est. cost', `on ${reference.name}`], rows, new Set([3, 4]))}\n\n`);
	const saved = referenceTotal > 0 ? 1 - (routedTotal / referenceTotal) : 0;
	io.stdout(`${DEMO_PROMPTS.length} prompts: ${formatUsd(routedTotal)} routed, against ${formatUsd(referenceTotal)} always on ${reference.name} (${(saved * 100).toFixed(0)}% less).\n`);
	io.stdout(`Estimated from list prices read ${DEFAULT_CATALOGUE.pricesReadOn} and token estimates; answer quality is not measured here.\n`);
	return 0;
}
