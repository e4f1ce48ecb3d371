import {describeValue} from '../errors/describe-value.js';
import {TierwiseError} from '../errors/tierwise-error.js';

/** Throws `invalid_input` unless `sinceMs` and `untilMs`, where given, are milliseconds since the epoch. */
export function checkTimeRange(given: Readonly<Record<string, unknown>>): void {
	for (const name of ['sinceMs', 'untilMs'] as const) {
		const value = given[name];
		if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
			throw new TierwiseError('invalid_input', `Expected \`${name}\` to be milliseconds since the epoch, got ${describeValue(value)}.`);
		}
	}
}
