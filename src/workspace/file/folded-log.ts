import {TierwiseError} from '../../errors/tierwise-error.js';
import type {FileSystem} from './file-system.js';
import {encodeBody} from './journal-line.js';
import {scanSegment, startOfSegment, wholeFileDamage, type ScannedEntry} from './segment-scan.js';
import type {WorkspaceLayout} from './workspace-layout.js';
import {foldedHeaderSchema, type FoldedHeader} from './workspace-schemas.js';

/**
 * A generation's `folded.jsonl` as read back: the header (its base, journal watermarks, the archives written
 * since the base, the lifetime counters) and the observations and ops events it folded in since the base.
 */
export type FoldedLog = {
	readonly header: FoldedHeader;
	readonly entries: readonly ScannedEntry[];
};

/** The file's bytes: the header line, then each record's text as the journal had it, numbered and checksummed. */
export function encodeFoldedLog(header: FoldedHeader, bodies: readonly string[]): Buffer {
	const lines = [`${JSON.stringify(header)}\n`];
	for (const [position, body] of bodies.entries()) {
		lines.push(encodeBody(position + 1, body));
	}

	return Buffer.from(lines.join(''), 'utf8');
}

/**
 * Reads generation `generation`'s folded log; undefined when it has none (written before folded logs existed).
 * Throws `workspace_corrupt` naming the file and line when it is damaged or cut short: it was synced before its
 * generation went live, so either is damage.
 */
export async function readFoldedLog(fileSystem: FileSystem, layout: WorkspaceLayout, generation: number): Promise<FoldedLog | undefined> {
	const file = layout.foldedFile(generation);
	const scan = await scanSegment(fileSystem, file, startOfSegment(), foldedHeaderSchema).catch((error: unknown) => {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return undefined;
		}

		throw error;
	});
	if (scan === undefined) {
		return undefined;
	}

	const problem = wholeFileDamage(scan);
	if (problem !== undefined || scan.position.header === undefined) {
		const line = problem?.line ?? 1;
		throw new TierwiseError('workspace_corrupt', `${layout.relative(file)} line ${line}: ${problem?.reason ?? 'the file is empty'}.`, {details: {file: layout.relative(file), line}});
	}

	return {header: scan.position.header as FoldedHeader, entries: scan.entries};
}
