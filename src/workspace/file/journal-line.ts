import {crc32} from 'node:zlib';
import {z} from 'zod';
import type {WorkspaceRecord} from '../workspace-record.js';

/** What a journal or archive line holds: a workspace record, or the seal a writer puts at the end of a segment. */
export type JournalEntry = WorkspaceRecord | {readonly type: 'seal'};

const linePattern = /^\{"seq":(\d+),"crc":"([\da-f]{8})","record":(.*)\}$/su;

/** The CRC-32 of a string's UTF-8 bytes, as 8 hex digits. */
export function checksum(text: string): string {
	return crc32(text).toString(16).padStart(8, '0');
}

/** One line, newline included: `{"seq":…,"crc":…,"record":…}` with the CRC over the record's exact bytes. */
export function encodeEntry(seq: number, entry: JournalEntry): string {
	const body = JSON.stringify(entry);
	return `{"seq":${seq},"crc":"${checksum(body)}","record":${body}}\n`;
}

/*
The envelope of each record, checked on every read; the bulk of a decision is checked where it is used
(`parseDecision` for explanations), since a CRC already guards the bytes.
*/
const entrySchema = z.discriminatedUnion('type', [
	z.object({type: z.literal('model'), model: z.object({name: z.string()}).loose()}),
	z.object({type: z.literal('model_removed'), name: z.string()}),
	z.object({
		type: z.literal('decision'),
		decision: z.object({
			hash: z.string(),
			routedAt: z.iso.datetime(),
			model: z.string(),
			tier: z.enum(['trivial', 'simple', 'moderate', 'complex', 'expert']),
		}).loose(),
	}),
	z.object({type: z.literal('outcome'), outcome: z.object({hash: z.string(), score: z.number().min(0).max(1), reportedAt: z.iso.datetime()}).loose()}),
	z.object({type: z.literal('seal')}),
]);

export type DecodedLine =
	| {readonly ok: true; readonly seq: number; readonly entry: JournalEntry}
	| {readonly ok: false; readonly reason: string};

/** Decodes one line (without its newline): checks the envelope, the checksum, and the record's schema. */
export function decodeEntry(line: string): DecodedLine {
	const match = linePattern.exec(line);
	if (match === null) {
		return {ok: false, reason: 'not a journal line'};
	}

	const [, seqText = '', expected = '', body = ''] = match;
	if (checksum(body) !== expected) {
		return {ok: false, reason: 'checksum mismatch'};
	}

	let json: unknown;
	try {
		json = JSON.parse(body);
	} catch {
		return {ok: false, reason: 'record is not valid JSON'};
	}

	const result = entrySchema.safeParse(json);
	if (!result.success) {
		return {ok: false, reason: `record does not match its schema (${result.error.issues[0]?.message ?? 'unknown'})`};
	}

	return {ok: true, seq: Number(seqText), entry: json as JournalEntry};
}
