import {readJsonLines} from '../util/json-lines.js';
import {quickReplayLine, replayLineSchema, type ReplayLine} from './replay-line.js';

/** A line of a replay file as read: its record and line number, or a bad line skipped. */
export type ReadReplayLine =
	| {readonly line: ReplayLine; readonly number: number}
	| {readonly skipped: number};

/**
 * The replay lines of a file's text lines, in order, with their line numbers; blank lines are passed over. A bad
 * line throws `invalid_input` naming `source` and the line, or, with `skipBad`, is yielded as skipped.
 */
export async function * readReplay(lines: AsyncIterable<string> | Iterable<string>, source: string, skipBad: boolean): AsyncIterable<ReadReplayLine> {
	for await (const read of readJsonLines(lines, source, replayLineSchema, {skipBad, advice: 'Fix the line, or pass --skip-bad to skip such lines.', quick: quickReplayLine})) {
		yield 'skipped' in read ? read : {line: read.value, number: read.number};
	}
}
