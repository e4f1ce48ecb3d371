import {createWriteStream} from 'node:fs';
import {once} from 'node:events';

/** Text written to a file as a stream: a file of any size needs memory for what the disk has not taken yet. */
export type FileWriter = {
	/** Writes text, waiting when the stream's buffer is full. */
	readonly write: (text: string) => Promise<void>;
	/** Flushes and closes the file. */
	readonly close: () => Promise<void>;
};

export function openFileWriter(path: string): FileWriter {
	const stream = createWriteStream(path, {encoding: 'utf8'});
	let failure: Error | undefined;
	stream.on('error', (error: Error) => {
		failure ??= error;
	});
	return {
		async write(text) {
			if (failure !== undefined) {
				throw failure;
			}

			if (!stream.write(text)) {
				await once(stream, 'drain');
			}
		},
		async close() {
			if (failure !== undefined) {
				throw failure;
			}

			// `once` rejects should the stream fail while it finishes.
			const finished = once(stream, 'finish');
			stream.end();
			await finished;
		},
	};
}
