import type {FileSystem} from './file-system.js';
import {readLine, type EntrySummary} from './journal-line.js';
import type {z} from 'zod';
import {journalHeaderSchema} from './workspace-schemas.js';

/** Where a reader stands in one segment. */
export type SegmentPosition = {
	/** Bytes read up to the end of the last good complete line. */
	offset: number;
	/** Lines read so far, the header included: line numbers in messages are `lines + 1`. */
	lines: number;
	/** The last sequence number read (0 before the first record). */
	seq: number;
	/** The header line, once read: a journal's or an archive's. */
	header: unknown;
	sealed: boolean;
};

/** One record read from a segment: what the state needs of it, its exact text, and where its line starts. */
export type ScannedEntry = {
	readonly seq: number;
	readonly summary: Exclude<EntrySummary, {type: 'seal'}>;
	readonly body: string;
	readonly offset: number;
};

/** What one read of a segment found beyond the position it started from. */
export type SegmentScan = {
	readonly entries: readonly ScannedEntry[];
	readonly position: SegmentPosition;
	/** A last line cut short: its byte offset, where the file could be truncated. */
	readonly tornAt: number | undefined;
	/** A bad line followed by good ones: damage, not a tear. */
	readonly damage: {readonly line: number; readonly reason: string} | undefined;
};

export function startOfSegment(): SegmentPosition {
	return {offset: 0, lines: 0, seq: 0, header: undefined, sealed: false};
}

/**
 * Reads a segment from `position` to the last complete line. Only whole, valid lines move the position; the
 * first bad line stops the scan, as a torn tail when nothing valid follows it, as damage when something does.
 */
export async function scanSegment(fileSystem: FileSystem, file: string, position: SegmentPosition, headerSchema: z.ZodType = journalHeaderSchema): Promise<SegmentScan> {
	const bytes = await readFrom(fileSystem, file, position.offset);
	const entries: ScannedEntry[] = [];
	const next = {...position};
	let cursor = 0;
	while (cursor < bytes.length) {
		const end = bytes.indexOf(10, cursor);
		if (end === -1) {
			// No newline: a write still in flight, or one a crash cut off.
			return {entries, position: next, tornAt: next.offset, damage: undefined};
		}

		const line = bytes.subarray(cursor, end).toString('utf8');
		const lineOffset = position.offset + cursor;
		const problem = next.header === undefined ? readHeader(line, next, headerSchema) : readRecord(line, next, entries, lineOffset);
		if (problem !== undefined) {
			const anythingValidAfter = hasValidLineAfter(bytes, end + 1);
			return anythingValidAfter
				? {entries, position: next, tornAt: undefined, damage: {line: next.lines + 1, reason: problem}}
				: {entries, position: next, tornAt: next.offset, damage: undefined};
		}

		cursor = end + 1;
		next.offset = position.offset + cursor;
		next.lines++;
	}

	return {entries, position: next, tornAt: undefined, damage: undefined};
}

function readHeader(line: string, position: SegmentPosition, headerSchema: z.ZodType): string | undefined {
	let json: unknown;
	try {
		json = JSON.parse(line);
	} catch {
		return 'the header is not valid JSON';
	}

	const result = headerSchema.safeParse(json);
	if (!result.success) {
		return `the header does not match its schema (${result.error.issues[0]?.message ?? 'unknown'})`;
	}

	position.header = result.data;
	return undefined;
}

function readRecord(line: string, position: SegmentPosition, entries: ScannedEntry[], offset: number): string | undefined {
	if (position.sealed) {
		return 'a line after the seal';
	}

	const read = readLine(line);
	if (!read.ok) {
		return read.reason;
	}

	if (position.seq !== 0 && read.seq !== position.seq + 1) {
		return `sequence number ${read.seq} follows ${position.seq}: a record is missing`;
	}

	position.seq = read.seq;
	if (read.summary.type === 'seal') {
		position.sealed = true;
	} else {
		entries.push({seq: read.seq, summary: read.summary, body: read.body, offset});
	}

	return undefined;
}

/**
 * What is wrong with a file written whole and synced before anyone reads it (an archive, a folded log): damage,
 * or a last line cut short, which for such a file is damage too. Undefined when it read to its end.
 */
export function wholeFileDamage(scan: SegmentScan): {readonly line: number; readonly reason: string} | undefined {
	return scan.damage ?? (scan.tornAt === undefined ? undefined : {line: scan.position.lines + 1, reason: 'the last line is cut short'});
}

/* Whether any complete line after `from` decodes: a flipped bit mid-file is followed by good lines, a tear is not. */
function hasValidLineAfter(bytes: Buffer, from: number): boolean {
	let cursor = from;
	while (cursor < bytes.length) {
		const end = bytes.indexOf(10, cursor);
		if (end === -1) {
			return false;
		}

		if (readLine(bytes.subarray(cursor, end).toString('utf8')).ok) {
			return true;
		}

		cursor = end + 1;
	}

	return false;
}

async function readFrom(fileSystem: FileSystem, file: string, offset: number): Promise<Buffer> {
	const handle = await fileSystem.open(file, 'r');
	try {
		const {size} = await handle.stat();
		const length = Math.max(0, size - offset);
		const buffer = Buffer.alloc(length);
		let read = 0;
		while (read < length) {
			const {bytesRead} = await handle.read(buffer, read, length - read, offset + read);
			if (bytesRead === 0) {
				break;
			}

			read += bytesRead;
		}

		return buffer.subarray(0, read);
	} finally {
		await handle.close();
	}
}
