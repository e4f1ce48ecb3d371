import path from 'node:path';
import {randomId} from '../../util/random-id.js';
import type {FileSystem} from './file-system.js';

/** The suffix of every temporary file the store writes; opening removes strays under the workspace lock. */
export const TEMPORARY_MARKER = '.tmp-';

/**
 * Replaces `target` with `data` so that a crash leaves either the old file or the new one, never a part: a
 * uniquely named temporary file, fsync, rename over the target, fsync of the directory. On failure the temporary
 * file is removed and the target is untouched.
 */
export async function writeFileAtomically(fileSystem: FileSystem, target: string, data: Uint8Array): Promise<void> {
	const temporary = `${target}${TEMPORARY_MARKER}${randomId()}`;
	try {
		const handle = await fileSystem.open(temporary, 'wx');
		try {
			await writeAll(handle, data);
			await handle.sync();
		} finally {
			await handle.close();
		}

		await fileSystem.rename(temporary, target);
	} catch (error) {
		await fileSystem.unlink(temporary).catch(() => undefined);
		throw error;
	}

	await fileSystem.syncDirectory(path.dirname(target));
}

/** Writes all of `data` at the handle's position, looping over short writes. */
export async function writeAll(handle: {write(data: Uint8Array, offset: number, length: number, position?: number | null): Promise<{bytesWritten: number}>}, data: Uint8Array, position?: number): Promise<void> {
	let written = 0;
	while (written < data.length) {
		const {bytesWritten} = await handle.write(data, written, data.length - written, position === undefined ? null : position + written);
		if (bytesWritten <= 0) {
			throw new Error('A write made no progress');
		}

		written += bytesWritten;
	}
}
