import type {DecisionExperiment} from '../decision/routing-decision.js';
import {TierwiseError} from '../errors/tierwise-error.js';
import {assignArm} from './assign-arm.js';
import {describeStrategy, type ExperimentConfig, type ExperimentStrategy} from './experiment-config.js';

/** The arm a route takes in an experiment, and the strategy that routes it. */
export type ExperimentAssignment = {
	readonly experiment: DecisionExperiment;
	readonly strategy: ExperimentStrategy;
};

/**
 * The arm of the named experiment for a subject: undefined when the experiment has ended (the route then goes as
 * if it named none). Throws `unknown_experiment` for a name never created.
 */
export function assignExperiment(experiments: ReadonlyMap<string, ExperimentConfig>, name: string, subject: string): ExperimentAssignment | undefined {
	const config = experiments.get(name);
	if (config === undefined) {
		const known = [...experiments.keys()];
		throw new TierwiseError('unknown_experiment', `No experiment named \`${name}\`${known.length === 0 ? '' : ` (there are ${known.map(other => `\`${other}\``).join(', ')})`}. Create it with createExperiment() first.`, {details: {experiment: name}});
	}

	if (config.endedAt !== null) {
		return undefined;
	}

	const arm = assignArm(config.name, subject, config.split);
	const strategy = arm === 'A' ? config.strategyA : config.strategyB;
	return {experiment: {name: config.name, arm, strategy: describeStrategy(strategy)}, strategy};
}
