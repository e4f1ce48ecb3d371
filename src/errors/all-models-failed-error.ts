import type {ExecutionAttempt} from '../execution/execution-attempt.js';
import {TierwiseError} from './tierwise-error.js';

/**
 * Every model execute() could try failed, or was passed over. `attempts` lists each try in order, with its
 * model, what went wrong and the error itself; `code` is `all_models_failed`.
 */
export class AllModelsFailedError extends TierwiseError {
	override name = 'AllModelsFailedError';
	readonly attempts: readonly ExecutionAttempt[];

	constructor(attempts: readonly ExecutionAttempt[], decisionHash: string) {
		const tried = attempts.map(attempt => `${attempt.model} (${attempt.outcome}${attempt.status === null ? '' : ` ${attempt.status}`})`).join(', ');
		const last = attempts.findLast(attempt => attempt.error !== undefined);
		super('all_models_failed', `Every model failed or was passed over for decision ${decisionHash}: ${tried || 'none could be tried'}. error.attempts has each try and its error; the last error is the cause.`, {
			cause: last?.error,
			details: {decision: decisionHash, attempts: attempts.map(({error, ...attempt}) => attempt)},
		});
		this.attempts = attempts;
	}
}
