import {crc32} from 'node:zlib';
import {crc32Range} from '../../util/crc32.js';
import type {DecisionIndex, DecisionRow} from '../decision-index.js';

/** Bytes of one row of `decisions.bin`; the layout is in docs/workspace-format.md. */
export const DECISION_ROW_BYTES = 40;
const checkedBytes = 36;

/** A `decisions.bin` and what it holds. */
export type EncodedTable = {
	readonly table: Buffer;
	readonly rows: number;
	readonly outcomes: number;
};

/**
 * The index's decisions, oldest first, as `decisions.bin`: fixed-size little-endian rows, each with a CRC-32 of
 * its other bytes. `keep` leaves rows out; `archiveOf` gives a row's archive number in the new snapshot.
 */
export function encodeDecisionTable(index: DecisionIndex, keep: (row: Readonly<DecisionRow>) => boolean, archiveOf: (archive: number) => number): EncodedTable {
	const buffer = Buffer.alloc(index.size * DECISION_ROW_BYTES);
	const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
	let rows = 0;
	let outcomes = 0;
	index.forEachRow(row => {
		if (!keep(row)) {
			return;
		}

		const base = rows * DECISION_ROW_BYTES;
		view.setInt32(base, row.id0, true);
		view.setInt32(base + 4, row.id1, true);
		view.setInt32(base + 8, row.id2, true);
		view.setInt32(base + 12, row.id3, true);
		view.setFloat64(base + 16, row.routedAtMs, true);
		view.setUint16(base + 24, row.model, true);
		view.setUint8(base + 26, row.tier);
		view.setUint8(base + 27, row.hasOutcome ? 1 : 0);
		view.setUint16(base + 28, archiveOf(row.archive), true);
		// The offset as a 48-bit integer: its low 32 bits, then its high 16.
		view.setUint32(base + 30, row.archiveOffset % 2 ** 32, true);
		view.setUint16(base + 34, Math.floor(row.archiveOffset / 2 ** 32), true);
		view.setUint32(base + checkedBytes, crc32Range(buffer, base, base + checkedBytes), true);
		rows++;
		outcomes += row.hasOutcome ? 1 : 0;
	});
	return {table: buffer.subarray(0, rows * DECISION_ROW_BYTES), rows, outcomes};
}

/*
The whole table's checksum, in `decisions.crc` beside it: when it matches, every row is as written, and the
rows' own checksums (about a quarter of loading a million rows) need not be worked out one by one; when it does
not, or the file is missing or unreadable, they are, and say which rows are damaged. Only a shortcut: a damaged
`decisions.crc` costs the rows' checks, never a row.
*/
const tableChecksumVersion = 1;

/** The text of a table's `decisions.crc`. */
export function encodeTableChecksum(table: Uint8Array): string {
	return `${JSON.stringify({schemaVersion: tableChecksumVersion, bytes: table.length, crc32: crc32(table)})}\n`;
}

/** The checksum a `decisions.crc` gives for a table of `bytes` bytes; undefined when the text is not one, or for another length. */
export function readTableChecksum(text: string, bytes: number): number | undefined {
	try {
		const json = JSON.parse(text) as {schemaVersion?: unknown; bytes?: unknown; crc32?: unknown};
		return json.schemaVersion === tableChecksumVersion && json.bytes === bytes && Number.isSafeInteger(json.crc32) ? json.crc32 as number : undefined;
	} catch {
		return undefined;
	}
}

/** Whether `table` is the one its `decisions.crc` checksum was taken of. */
export function tableMatches(table: Uint8Array, checksum: number | undefined): boolean {
	return checksum !== undefined && crc32(table) === checksum;
}

/**
 * Adds the rows of a `decisions.bin` to `index` (whose model names must already be those the rows refer to),
 * skipping rows whose checksum fails; returns their numbers, from 1. A table whose length is not a whole number
 * of rows counts its last, partial row as damaged. With the checksum of the whole table (from `decisions.crc`)
 * and a table that matches it, the rows' own checksums are not worked out.
 */
export function loadDecisionTable(buffer: Buffer, index: DecisionIndex, tableChecksum?: number): number[] {
	const damaged: number[] = [];
	const rowCount = Math.floor(buffer.length / DECISION_ROW_BYTES);
	const checkRows = !tableMatches(buffer, tableChecksum);
	// A DataView reads a field in a few nanoseconds, Buffer's readInt32LE and kin in about a hundred.
	const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
	index.loadRows(rowCount, (row, number) => {
		const base = number * DECISION_ROW_BYTES;
		if (checkRows && crc32Range(buffer, base, base + checkedBytes) !== view.getUint32(base + checkedBytes, true)) {
			damaged.push(number + 1);
			return false;
		}

		row.id0 = view.getInt32(base, true);
		row.id1 = view.getInt32(base + 4, true);
		row.id2 = view.getInt32(base + 8, true);
		row.id3 = view.getInt32(base + 12, true);
		row.routedAtMs = view.getFloat64(base + 16, true);
		row.model = view.getUint16(base + 24, true);
		row.tier = Math.min(4, view.getUint8(base + 26));
		row.hasOutcome = view.getUint8(base + 27) === 1;
		row.archive = view.getUint16(base + 28, true);
		row.archiveOffset = view.getUint32(base + 30, true) + (view.getUint16(base + 34, true) * 2 ** 32);
		return true;
	});

	if (buffer.length % DECISION_ROW_BYTES !== 0) {
		damaged.push(rowCount + 1);
	}

	return damaged;
}
