import {createReadStream} from 'node:fs';
import {createInterface} from 'node:readline';

/** The lines of a UTF-8 file, read as a stream: a file of any size needs memory for one line at a time. */
export async function * fileLines(path: string): AsyncIterable<string> {
	const lines = createInterface({input: createReadStream(path, {encoding: 'utf8'}), crlfDelay: Number.POSITIVE_INFINITY});
	try {
		yield * lines;
	} finally {
		lines.close();
	}
}
