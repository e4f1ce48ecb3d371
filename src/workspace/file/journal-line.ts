import {crc32} from 'node:zlib';
import {z} from 'zod';
import {isCheckedRecord} from './journal-record-checks.js';
import {opsEventProblem} from './ops-record-check.js';
import {TIERS, type Tier} from '../../tiers.js';
import {QUALITY_FEATURE_COUNT} from '../../learning/quality-features.js';
import type {OpsEvent} from '../../ops/ops-event.js';
import {summarizeRecord, type RecordSummary} from '../record-summary.js';
import type {WorkspaceRecord} from '../workspace-record.js';

/** What a journal or archive line holds: a workspace record, or the seal a writer puts at the end of a segment. */
export type JournalEntry = WorkspaceRecord | {readonly type: 'seal'};

/** What reading a line needs of its record. */
export type EntrySummary = RecordSummary | {readonly type: 'seal'};

const linePattern = /^\{"seq":(\d+),"crc":"([\da-f]{8})","record":(.*)\}$/su;

/** The CRC-32 of a string's UTF-8 bytes, as 8 hex digits. */
export function checksum(text: string): string {
	return crc32(text).toString(16).padStart(8, '0');
}

/** One line, newline included: `{"seq":…,"crc":…,"record":…}` with the CRC over the record's exact bytes. */
export function encodeEntry(seq: number, entry: JournalEntry): string {
	return encodeBody(seq, JSON.stringify(entry));
}

/** One line for a record already in its JSON form: an archive copies journal records byte for byte. */
export function encodeBody(seq: number, body: string): string {
	return `{"seq":${seq},"crc":"${checksum(body)}","record":${body}}\n`;
}

/*
The envelope of each record, checked on every read; the bulk of a decision is checked where it is used
(`parseDecision` for explanations), since a CRC already guards the bytes.
*/
export const journalEntrySchema = z.discriminatedUnion('type', [
	z.object({type: z.literal('model'), model: z.object({name: z.string()}).loose()}),
	z.object({type: z.literal('model_removed'), name: z.string()}),
	z.object({
		type: z.literal('decision'),
		decision: z.object({
			hash: z.string(),
			routedAt: z.iso.datetime(),
			model: z.string(),
			tier: z.enum(TIERS),
		}).loose(),
	}),
	z.object({type: z.literal('outcome'), outcome: z.object({hash: z.string(), score: z.number().min(0).max(1), reportedAt: z.iso.datetime()}).loose()}),
	z.object({
		type: z.literal('observation'),
		observation: z.object({
			tier: z.enum(TIERS),
			terms: z.array(z.tuple([z.string(), z.number().int().positive()])),
			inputTokens: z.number().nonnegative(),
			features: z.array(z.number()).length(QUALITY_FEATURE_COUNT).optional(),
			observedAt: z.iso.datetime(),
			results: z.array(z.object({
				model: z.string(),
				score: z.number().min(0).max(1),
				success: z.boolean(),
				outputTokens: z.number().nonnegative().optional(),
				costUsd: z.number().nonnegative().optional(),
			}).loose()),
			experiment: z.object({name: z.string().min(1), arm: z.enum(['A', 'B']), costUsd: z.number().nonnegative()}).loose().optional(),
			lesson: z.object({tier: z.enum(TIERS), weight: z.number().positive()}).loose().optional(),
			chosen: z.boolean().optional(),
		}).loose(),
	}),
	z.object({type: z.literal('seal')}),
]);

/*
A decision as route() writes it starts with these fields in this order. Reading them straight from the text
spares parsing the few kilobytes that follow, which made opening a large workspace five times slower. A record
in any other form (written by hand, or by a later version) takes the full parse; the CRC guarantees the rest
of the text is the JSON that was written.
*/
const decisionHead = /^\{"type":"decision","decision":\{"schemaVersion":\d+,"hash":"([\da-f]{32})","promptHash":"[\da-f]*","routedAt":"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)","model":("(?:[^"\\]|\\.)*"),"provider":"(?:[^"\\]|\\.)*","tier":"([a-z]+)"/u;
const tierNames: ReadonlySet<string> = new Set(TIERS);

export type ReadLine =
	| {readonly ok: true; readonly seq: number; readonly body: string; readonly summary: EntrySummary}
	| {readonly ok: false; readonly reason: string};

/** Reads one line (without its newline): checks the envelope, the checksum and the record's schema, and summarizes the record. */
export function readLine(line: string): ReadLine {
	const match = linePattern.exec(line);
	if (match === null) {
		return {ok: false, reason: 'not a journal line'};
	}

	const [, seqText = '', expected = '', body = ''] = match;
	if (checksum(body) !== expected) {
		return {ok: false, reason: 'checksum mismatch'};
	}

	const summary = summarizeDecisionHead(body) ?? summarizeParsed(body);
	return typeof summary === 'string' ? {ok: false, reason: summary} : {ok: true, seq: Number(seqText), body, summary};
}

export type DecodedLine =
	| {readonly ok: true; readonly seq: number; readonly entry: JournalEntry}
	| {readonly ok: false; readonly reason: string};

/** Reads one line in full, for the few places that need a whole record: explanations and salvage. */
export function decodeEntry(line: string): DecodedLine {
	const read = readLine(line);
	return read.ok ? {ok: true, seq: read.seq, entry: JSON.parse(read.body) as JournalEntry} : read;
}

/** The summary of a decision read from the head of its text; undefined when the text is not in route()'s form. */
export function summarizeDecisionHead(body: string): EntrySummary | undefined {
	const match = decisionHead.exec(body);
	if (match === null) {
		return undefined;
	}

	const [, hash = '', routedAt = '', modelJson = '""', tier = ''] = match;
	const routedAtMs = Date.parse(routedAt);
	if (!tierNames.has(tier) || Number.isNaN(routedAtMs)) {
		return undefined;
	}

	return {type: 'decision', hash, routedAtMs, model: JSON.parse(modelJson) as string, tier: tier as Tier};
}

/** The summary of a record read in full, or why it is not a record. */
function summarizeParsed(body: string): EntrySummary | string {
	let json: unknown;
	try {
		json = JSON.parse(body);
	} catch {
		return 'record is not valid JSON';
	}

	if ((json as {type?: unknown} | null)?.type === 'ops') {
		const problem = opsEventProblem((json as {event?: unknown}).event);
		return problem === undefined ? {type: 'ops', event: (json as {event: OpsEvent}).event} : `record does not match its schema (${problem})`;
	}

	if (!isCheckedRecord(json)) {
		const result = journalEntrySchema.safeParse(json);
		if (!result.success) {
			return `record does not match its schema (${result.error.issues[0]?.message ?? 'unknown'})`;
		}
	}

	const entry = json as JournalEntry;
	return entry.type === 'seal' ? entry : summarizeRecord(entry);
}
