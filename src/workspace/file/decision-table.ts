import {crc32} from 'node:zlib';
import type {DecisionIndex, DecisionRow} from '../decision-index.js';

/** Bytes of one row of `decisions.bin`; the layout is in docs/workspace-format.md. */
export const DECISION_ROW_BYTES = 40;
const checkedBytes = 36;

/** The rows as `decisions.bin`: fixed-size little-endian rows, each with a CRC-32 of its other bytes. */
export function encodeDecisionTable(rows: readonly DecisionRow[]): Buffer {
	const buffer = Buffer.alloc(rows.length * DECISION_ROW_BYTES);
	for (const [number, row] of rows.entries()) {
		const base = number * DECISION_ROW_BYTES;
		for (let word = 0; word < 4; word++) {
			buffer.writeInt32LE(row.id[word] ?? 0, base + (word * 4));
		}

		buffer.writeDoubleLE(row.routedAtMs, base + 16);
		buffer.writeUInt16LE(row.model, base + 24);
		buffer.writeUInt8(row.tier, base + 26);
		buffer.writeUInt8(row.hasOutcome ? 1 : 0, base + 27);
		buffer.writeUInt16LE(row.archive, base + 28);
		buffer.writeUIntLE(row.archiveOffset, base + 30, 6);
		buffer.writeUInt32LE(crc32(buffer.subarray(base, base + checkedBytes)), base + checkedBytes);
	}

	return buffer;
}

/**
 * Adds the rows of a `decisions.bin` to `index` (whose model names must already be those the rows refer to),
 * skipping rows whose checksum fails; returns their numbers, from 1. A table whose length is not a whole number
 * of rows counts its last, partial row as damaged.
 */
export function loadDecisionTable(buffer: Buffer, index: DecisionIndex): number[] {
	const damaged: number[] = [];
	const rowCount = Math.floor(buffer.length / DECISION_ROW_BYTES);
	const id = new Int32Array(4);
	for (let number = 0; number < rowCount; number++) {
		const base = number * DECISION_ROW_BYTES;
		if (crc32(buffer.subarray(base, base + checkedBytes)) !== buffer.readUInt32LE(base + checkedBytes)) {
			damaged.push(number + 1);
			continue;
		}

		for (let word = 0; word < 4; word++) {
			id[word] = buffer.readInt32LE(base + (word * 4));
		}

		index.addRow({
			id,
			routedAtMs: buffer.readDoubleLE(base + 16),
			model: buffer.readUInt16LE(base + 24),
			tier: Math.min(4, buffer.readUInt8(base + 26)),
			hasOutcome: buffer.readUInt8(base + 27) === 1,
			archive: buffer.readUInt16LE(base + 28),
			archiveOffset: buffer.readUIntLE(base + 30, 6),
		});
	}

	if (buffer.length % DECISION_ROW_BYTES !== 0) {
		damaged.push(rowCount + 1);
	}

	return damaged;
}
