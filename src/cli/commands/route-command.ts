import {parseArgs} from 'node:util';
import type {RouteOptions} from '../../selection/route-options.js';
import {isTier} from '../../tiers.js';
import type {CliIo} from '../cli-io.js';
import {openRouter} from '../open-router.js';
import {openWorkspace} from '../open-workspace.js';
import {UsageError} from '../usage-error.js';

const ROUTE_HELP = `Usage: tierwise route "PROMPT" [options]
       echo "PROMPT" | tierwise route - [options]

Routes one prompt and prints the model chosen and why; with --json, the whole decision
(which \`tierwise explain\` reads).

Options:
  --workspace DIR      route with a workspace's models and record the decision there
                       (explain it later with \`tierwise explain HASH --workspace DIR\`)
  --models FILE        models to choose from: a JSON array of model configs, or an
                       object with a "models" array (default: the built-in catalogue)
  --json               print the decision as JSON
  --max-cost USD       most the request may cost, by the estimate
  --min-tier TIER      treat the prompt as at least this hard (trivial, simple,
                       moderate, complex, expert)
  --capability NAME    a capability the model must have (repeatable)
  --prefer PROVIDER    use this provider when it has an eligible model
  --domain NAME        subject area, e.g. medical (specialist models)
  --profile NAME       worker (default), supervisor or fast
  -h, --help           show this help`;

export async function routeCommand(args: readonly string[], io: CliIo): Promise<number> {
	const {values, positionals} = parseArgs({
		args: [...args],
		allowPositionals: true,
		options: {
			workspace: {type: 'string'},
			models: {type: 'string'},
			json: {type: 'boolean'},
			'max-cost': {type: 'string'},
			'min-tier': {type: 'string'},
			capability: {type: 'string', multiple: true},
			prefer: {type: 'string'},
			domain: {type: 'string'},
			profile: {type: 'string'},
			help: {type: 'boolean', short: 'h'},
		},
	});
	if (values.help === true) {
		io.stdout(`${ROUTE_HELP}\n`);
		return 0;
	}

	if (positionals.length !== 1) {
		throw new UsageError(`route takes one prompt (quote it), got ${positionals.length} arguments`);
	}

	const prompt = positionals[0] === '-' ? await io.readStdin() : positionals[0];
	if (prompt === undefined) {
		throw new UsageError('route - reads the prompt from standard input, but nothing was piped');
	}

	const options: RouteOptions = {};
	if (values['max-cost'] !== undefined) {
		const maxCostUsd = Number(values['max-cost']);
		if (values['max-cost'].trim() === '' || !Number.isFinite(maxCostUsd) || maxCostUsd < 0) {
			throw new UsageError(`--max-cost takes a number of US dollars from 0 up, got "${values['max-cost']}"`);
		}

		options.maxCostUsd = maxCostUsd;
	}

	if (values['min-tier'] !== undefined) {
		if (!isTier(values['min-tier'])) {
			throw new UsageError(`--min-tier takes trivial, simple, moderate, complex or expert, got "${values['min-tier']}"`);
		}

		options.minTier = values['min-tier'];
	}

	if (values.capability !== undefined) {
		options.capability = values.capability;
	}

	for (const [flag, key] of [['prefer', 'prefer'], ['domain', 'domain'], ['profile', 'profile']] as const) {
		const value = values[flag];
		if (value !== undefined) {
			options[key] = value;
		}
	}

	if (values.workspace !== undefined && values.models !== undefined) {
		throw new UsageError('route takes --workspace or --models, not both: a workspace has its own models');
	}

	const router = values.workspace === undefined ? await openRouter(values.models, io) : await openWorkspace(values.workspace, io, false);
	try {
		const decision = router.route(prompt, options);
		if (values.json === true) {
			io.stdout(`${JSON.stringify(decision, undefined, 2)}\n`);
		} else {
			io.stdout(`${decision.model} (${decision.provider}): ${decision.tier} prompt, confidence ${decision.confidence.toFixed(2)}${values.workspace === undefined ? '' : `, decision ${decision.hash}`}\n`);
			for (const line of decision.reasoning) {
				io.stdout(`  ${line}\n`);
			}
		}
	} finally {
		await router.close();
	}

	return 0;
}
