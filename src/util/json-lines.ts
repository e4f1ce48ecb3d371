import type {z} from 'zod';
import {TierwiseError} from '../errors/tierwise-error.js';
import {describeZodIssues} from '../errors/zod-issues.js';

/** A line of a JSON-lines file as read: its value and line number, or the number of a bad line skipped. */
export type JsonLine<T> =
	| {readonly value: T; readonly number: number}
	| {readonly skipped: number};

/**
 * The values of JSON-lines text, in order, each checked against `schema`, with their line numbers; blank lines
 * are passed over. A bad line throws `invalid_input` naming `source` and the line and ending with `advice`, or,
 * with `skipBad`, is yielded as skipped. A `quick` check that gives a value takes the place of the schema, which
 * then only words what is wrong with the lines it refuses.
 */
export async function * readJsonLines<T>(
	lines: AsyncIterable<string> | Iterable<string>,
	source: string,
	schema: z.ZodType<T>,
	options: {readonly skipBad: boolean; readonly advice: string; readonly quick?: (json: unknown) => T | undefined},
): AsyncIterable<JsonLine<T>> {
	let number = 0;
	for await (const text of lines) {
		number++;
		if (text.trim() === '') {
			continue;
		}

		let json: unknown;
		try {
			json = JSON.parse(text);
		} catch (error) {
			if (options.skipBad) {
				yield {skipped: number};
				continue;
			}

			throw new TierwiseError('invalid_input', `${source} line ${number} is not valid JSON (${(error as Error).message}). ${options.advice}`, {details: {file: source, line: number}});
		}

		const quick = options.quick?.(json);
		if (quick !== undefined) {
			yield {value: quick, number};
			continue;
		}

		const parsed = schema.safeParse(json, {reportInput: true});
		if (parsed.success) {
			yield {value: parsed.data, number};
		} else if (options.skipBad) {
			yield {skipped: number};
		} else {
			throw new TierwiseError('invalid_input', `${describeZodIssues(parsed.error, `${source} line ${number}`)}. ${options.advice}`, {details: {file: source, line: number}});
		}
	}
}
