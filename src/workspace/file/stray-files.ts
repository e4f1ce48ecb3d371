import path from 'node:path';
import {TEMPORARY_MARKER} from './atomic-write.js';
import type {FileSystem} from './file-system.js';
import type {WorkspaceLayout} from './workspace-layout.js';

/**
 * Removes temporary files left by processes that died mid-write. Only under the workspace lock: every
 * temporary file is written under it, so while it is held none is in use.
 */
export async function removeStrayFiles(fileSystem: FileSystem, layout: WorkspaceLayout): Promise<void> {
	for (const directory of [layout.directory, layout.journalDirectory, layout.snapshotDirectory, layout.archiveDirectory]) {
		const names = await fileSystem.readDirectory(directory).catch(() => [] as string[]);
		for (const name of names) {
			if (name.includes(TEMPORARY_MARKER)) {
				await fileSystem.unlink(path.join(directory, name)).catch(() => undefined);
			}
		}
	}
}
