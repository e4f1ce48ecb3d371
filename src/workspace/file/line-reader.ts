import type {FileHandle, FileSystem} from './file-system.js';

type OpenFile = {
	readonly handle: Promise<FileHandle | undefined>;
	/** Reads under way: an evicted file is closed once the last of them ends. */
	users: number;
	evicted: boolean;
};

/** The first read of a line takes at least this many bytes, and at most {@link maxFirstRead}. */
const minFirstRead = 4096;
const maxFirstRead = 65_536;

/**
 * Reads single lines of archive and journal files at known byte offsets, keeping the last few files read open:
 * an outcome for a decision that is no longer in memory reads that decision's line, and opening and closing the
 * file for each of a thousand concurrent outcomes cost more than the reads. Safe because no file tierwise names
 * is ever written again under the same name once readers know of it: segments only grow, archives never change,
 * and a deleted file's open handle still reads what it held.
 */
export class LineReader {
	readonly #fileSystem: FileSystem;
	readonly #limit: number;
	/** Least recently used first. */
	readonly #open = new Map<string, OpenFile>();
	/**
	 * Bytes the first read of a line takes: enough for the last line that needed more than one, so that lines of
	 * its length, as a file's decisions mostly are, take one read.
	 */
	#readSize = minFirstRead;

	constructor(fileSystem: FileSystem, limit = 8) {
		this.#fileSystem = fileSystem;
		this.#limit = limit;
	}

	/** The line of `file` that starts at byte `offset`, without its newline; undefined when the file cannot be opened. */
	async lineAt(file: string, offset: number): Promise<string | undefined> {
		const entry = this.#acquire(file);
		try {
			const handle = await entry.handle;
			if (handle === undefined) {
				return undefined;
			}

			const chunks: Buffer[] = [];
			let position = offset;
			let size = this.#readSize;
			for (;;) {
				const chunk = Buffer.allocUnsafe(size);
				const {bytesRead} = await handle.read(chunk, 0, size, position);
				const end = chunk.subarray(0, bytesRead).indexOf(10);
				if (end !== -1 && chunks.length === 0) {
					return chunk.toString('utf8', 0, end);
				}

				chunks.push(chunk.subarray(0, end === -1 ? bytesRead : end));
				if (end !== -1 || bytesRead === 0) {
					const line = Buffer.concat(chunks);
					this.#readSize = Math.min(maxFirstRead, 2 ** Math.ceil(Math.log2(line.length + 1)));
					return line.toString('utf8');
				}

				position += bytesRead;
				size = Math.min(4 * size, 1 << 20);
			}
		} finally {
			this.#release(file, entry);
		}
	}

	/** Closes every file no read is using, and the others as their reads end. */
	async close(): Promise<void> {
		const entries = [...this.#open.entries()];
		this.#open.clear();
		await Promise.all(entries.map(async ([, entry]) => {
			entry.evicted = true;
			if (entry.users === 0) {
				await closeHandle(entry);
			}
		}));
	}

	#acquire(file: string): OpenFile {
		let entry = this.#open.get(file);
		if (entry === undefined) {
			entry = {handle: this.#fileSystem.open(file, 'r').catch(() => undefined), users: 0, evicted: false};
			this.#open.set(file, entry);
			this.#evictBeyondLimit();
		} else {
			this.#open.delete(file);
			this.#open.set(file, entry);
		}

		entry.users++;
		return entry;
	}

	#release(file: string, entry: OpenFile): void {
		entry.users--;
		// A file that could not be opened is tried again next time: it may not have existed yet.
		void entry.handle.then(handle => {
			if (handle === undefined && this.#open.get(file) === entry) {
				this.#open.delete(file);
			}
		});
		if (entry.evicted && entry.users === 0) {
			void closeHandle(entry);
		}
	}

	#evictBeyondLimit(): void {
		for (const [file, entry] of this.#open) {
			if (this.#open.size <= this.#limit) {
				return;
			}

			this.#open.delete(file);
			entry.evicted = true;
			if (entry.users === 0) {
				void closeHandle(entry);
			}
		}
	}
}

async function closeHandle(entry: OpenFile): Promise<void> {
	await (await entry.handle)?.close().catch(() => undefined);
}
