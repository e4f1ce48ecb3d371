import {endianness} from 'node:os';
import {crc32} from 'node:zlib';

/**
 * The similar-prompt memory as a snapshot keeps it: its models and terms once each, and its entries as columns of
 * numbers in one block of little-endian bytes (base64), with the block's CRC-32. Parsing an array of strings and
 * numbers per entry took longer than anything else in opening a workspace, and writing it again took most of a
 * compaction: 50,000 entries of eight terms each parsed in 164–202 ms and were stored again in 215–266 ms.
 */
export type PackedMemoryJson = {
	readonly models: readonly string[];
	readonly terms: readonly string[];
	/** Entries, their terms, and their results. */
	readonly sizes: readonly [entries: number, postings: number, results: number];
	readonly packed: string;
	readonly crc: string;
};

/** The memory's entries, oldest first, as columns. */
export type MemoryColumns = {
	readonly models: readonly string[];
	readonly terms: readonly string[];
	/** Per entry: how many terms, and how many results. */
	readonly termCounts: Uint32Array;
	readonly resultCounts: Uint32Array;
	/** Per term of each entry, in entry order: its index in `terms`, its count in the prompt, and its TF-IDF weight when stored. */
	readonly termIndices: Uint32Array;
	readonly counts: Uint16Array;
	readonly weights: Float32Array;
	/** Per result of each entry, in entry order: its index in `models`, and its score. */
	readonly resultModels: Uint32Array;
	readonly scores: Float64Array;
};

/** Bytes of the block: scores, the five 32-bit columns (term and result counts, term indices, result models, weights), then counts. */
function blockBytes(entries: number, postings: number, results: number): number {
	return (8 * results) + (4 * ((2 * entries) + (2 * postings) + results)) + (2 * postings);
}

/** The block's CRC-32 as 8 hex digits. */
function blockChecksum(bytes: Uint8Array): string {
	return crc32(bytes).toString(16).padStart(8, '0');
}

export function packMemory(columns: MemoryColumns): PackedMemoryJson {
	const entries = columns.termCounts.length;
	const postings = columns.termIndices.length;
	const results = columns.resultModels.length;
	const bytes = Buffer.concat([
		littleEndian(columns.scores, 8),
		littleEndian(columns.termCounts, 4),
		littleEndian(columns.resultCounts, 4),
		littleEndian(columns.termIndices, 4),
		littleEndian(columns.resultModels, 4),
		littleEndian(columns.weights, 4),
		littleEndian(columns.counts, 2),
	]);
	return {models: columns.models, terms: columns.terms, sizes: [entries, postings, results], packed: bytes.toString('base64'), crc: blockChecksum(bytes)};
}

const decoded = new WeakMap<PackedMemoryJson, MemoryColumns | string>();

/**
 * The columns `packMemory` packed, or what is wrong with them. Remembered for each parsed memory, so that the
 * check when a snapshot is read and the load after it decode the block once.
 */
export function unpackMemory(json: PackedMemoryJson): MemoryColumns | string {
	let columns = decoded.get(json);
	if (columns === undefined) {
		columns = decode(json);
		decoded.set(json, columns);
	}

	return columns;
}

function decode(json: PackedMemoryJson): MemoryColumns | string {
	const [entries, postings, results] = json.sizes;
	const bytes = Buffer.from(json.packed, 'base64');
	if (bytes.length !== blockBytes(entries, postings, results)) {
		return `its block holds ${bytes.length} bytes, not the ${blockBytes(entries, postings, results)} its sizes give`;
	}

	if (blockChecksum(bytes) !== json.crc) {
		return 'its block does not match its checksum';
	}

	let offset = 0;
	const next = (length: number, size: 2 | 4 | 8): ArrayBuffer => {
		const buffer = nativeOrder(bytes.subarray(offset, offset + (length * size)), size);
		offset += length * size;
		return buffer;
	};

	const columns: MemoryColumns = {
		models: json.models,
		terms: json.terms,
		scores: new Float64Array(next(results, 8)),
		termCounts: new Uint32Array(next(entries, 4)),
		resultCounts: new Uint32Array(next(entries, 4)),
		termIndices: new Uint32Array(next(postings, 4)),
		resultModels: new Uint32Array(next(results, 4)),
		weights: new Float32Array(next(postings, 4)),
		counts: new Uint16Array(next(postings, 2)),
	};
	return columnsProblem(columns) ?? columns;
}

const bigEndian = endianness() === 'BE';

/** A typed array's bytes, little-endian. */
function littleEndian(values: Uint16Array | Uint32Array | Float32Array | Float64Array, size: 2 | 4 | 8): Buffer {
	const bytes = Buffer.from(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
	return bigEndian ? swapped(bytes, size) : bytes;
}

/** Little-endian bytes copied into a buffer of their own, in this machine's order, for a typed array to view. */
function nativeOrder(bytes: Uint8Array, size: 2 | 4 | 8): ArrayBuffer {
	const copy = new Uint8Array(bytes.length);
	copy.set(bytes);
	if (bigEndian) {
		swapped(Buffer.from(copy.buffer), size);
	}

	return copy.buffer;
}

function swapped(bytes: Buffer, size: 2 | 4 | 8): Buffer {
	return size === 2 ? bytes.swap16() : (size === 4 ? bytes.swap32() : bytes.swap64());
}

/** What is inconsistent in columns read back: totals, indices out of range, counts, weights or scores out of bounds. */
function columnsProblem(columns: MemoryColumns): string | undefined {
	let postings = 0;
	let results = 0;
	for (let entry = 0; entry < columns.termCounts.length; entry++) {
		postings += columns.termCounts[entry] ?? 0;
		results += columns.resultCounts[entry] ?? 0;
	}

	if (postings !== columns.termIndices.length || results !== columns.resultModels.length) {
		return 'its entries do not add up to its terms and results';
	}

	for (let index = 0; index < postings; index++) {
		if ((columns.termIndices[index] ?? 0) >= columns.terms.length || (columns.counts[index] ?? 0) === 0 || !Number.isFinite(columns.weights[index])) {
			return `term ${index} of its entries has an unknown term, a count of 0 or a weight that is not a number`;
		}
	}

	for (let index = 0; index < results; index++) {
		const score = columns.scores[index] ?? Number.NaN;
		if ((columns.resultModels[index] ?? 0) >= columns.models.length || !(score >= 0 && score <= 1)) {
			return `result ${index} of its entries has an unknown model or a score outside 0 to 1`;
		}
	}

	return undefined;
}
