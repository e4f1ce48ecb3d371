import {TierwiseError} from '../errors/tierwise-error.js';
import {describeZodIssues} from '../errors/zod-issues.js';
import {replayLineSchema, type ReplayLine} from './replay-line.js';

/** A line of a replay file as read: its record and line number, or a bad line skipped. */
export type ReadReplayLine =
	| {readonly line: ReplayLine; readonly number: number}
	| {readonly skipped: number};

/**
 * The replay lines of a file's text lines, in order, with their line numbers; blank lines are passed over. A bad
 * line throws `invalid_input` naming `source` and the line, or, with `skipBad`, is yielded as skipped.
 */
export async function * readReplay(lines: AsyncIterable<string> | Iterable<string>, source: string, skipBad: boolean): AsyncIterable<ReadReplayLine> {
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
			if (skipBad) {
				yield {skipped: number};
				continue;
			}

			throw new TierwiseError('invalid_input', `${source} line ${number} is not valid JSON (${(error as Error).message}). Fix the line, or pass --skip-bad to skip such lines.`, {details: {file: source, line: number}});
		}

		const parsed = replayLineSchema.safeParse(json, {reportInput: true});
		if (parsed.success) {
			yield {line: parsed.data, number};
		} else if (skipBad) {
			yield {skipped: number};
		} else {
			throw new TierwiseError('invalid_input', `${describeZodIssues(parsed.error, `${source} line ${number}`)}. Fix the line, or pass --skip-bad to skip such lines.`, {details: {file: source, line: number}});
		}
	}
}
