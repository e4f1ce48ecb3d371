import type {RouteOptions} from '../selection/route-options.js';
import {tierAt, tierIndex, type Tier} from '../tiers.js';
import type {ExperimentStrategy} from './experiment-config.js';

/**
 * The route options an experiment arm's strategy makes of the caller's. The strategy wins for what it sets, but a
 * `minTier` never drops below the caller's, and the caller's other limits (cost, capability, provider) hold.
 */
export function applyStrategy(options: RouteOptions, strategy: ExperimentStrategy, classifiedTier: Tier): RouteOptions {
	switch (strategy) {
		case 'cost_optimized': {
			return options;
		}

		case 'quality_first': {
			return {...options, minTier: harder(options.minTier, tierAt(tierIndex(classifiedTier) + 1))};
		}

		case 'best_quality': {
			return {...options, costWeight: 0};
		}

		default: {
			const merged: RouteOptions = {...options, ...strategy};
			if (strategy.minTier !== undefined) {
				merged.minTier = harder(options.minTier, strategy.minTier);
			}

			return merged;
		}
	}
}

function harder(first: Tier | undefined, second: Tier): Tier {
	return first === undefined || tierIndex(second) > tierIndex(first) ? second : first;
}
