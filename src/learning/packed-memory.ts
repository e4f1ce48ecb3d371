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

/** Bytes of the block: scores, the four 32-bit columns, then counts. */
function blockBytes(entries: number, postings: number, results: number): number {
	return (8 * results) + (4 * ((2 * entries) + (2 * postings) + results)) + (2 * postings);
}

export function packMemory(columns: MemoryColumns): PackedMemoryJson {
	const entries = columns.termCounts.length;
	const postings = columns.termIndices.length;
	const results = columns.resultModels.length;
	const bytes = Buffer.alloc(blockBytes(entries, postings, results));
	let offset = 0;
	for (const score of columns.scores) {
		offset = bytes.writeDoubleLE(score, offset);
	}

	for (const column of [columns.termCounts, columns.resultCounts, columns.termIndices, columns.resultModels]) {
		for (const value of column) {
			offset = bytes.writeUInt32LE(value, offset);
		}
	}

	for (const weight of columns.weights) {
		offset = bytes.writeFloatLE(weight, offset);
	}

	for (const count of columns.counts) {
		offset = bytes.writeUInt16LE(count, offset);
	}

	return {models: columns.models, terms: columns.terms, sizes: [entries, postings, results], packed: bytes.toString('base64'), crc: crc32(bytes).toString(16).padStart(8, '0')};
}

/** The columns `packMemory` packed, or what is wrong with them. */
export function unpackMemory(json: PackedMemoryJson): MemoryColumns | string {
	const [entries, postings, results] = json.sizes;
	const bytes = Buffer.from(json.packed, 'base64');
	if (bytes.length !== blockBytes(entries, postings, results)) {
		return `its block holds ${bytes.length} bytes, not the ${blockBytes(entries, postings, results)} its sizes give`;
	}

	if (crc32(bytes).toString(16).padStart(8, '0') !== json.crc) {
		return 'its block does not match its checksum';
	}

	let offset = 0;
	const read32 = (length: number) => {
		const column = new Uint32Array(length);
		for (let index = 0; index < length; index++, offset += 4) {
			column[index] = bytes.readUInt32LE(offset);
		}

		return column;
	};

	const scores = new Float64Array(results);
	for (let index = 0; index < results; index++, offset += 8) {
		scores[index] = bytes.readDoubleLE(offset);
	}

	const columns: MemoryColumns = {
		models: json.models,
		terms: json.terms,
		scores,
		termCounts: read32(entries),
		resultCounts: read32(entries),
		termIndices: read32(postings),
		resultModels: read32(results),
		weights: new Float32Array(postings),
		counts: new Uint16Array(postings),
	};
	for (let index = 0; index < postings; index++, offset += 4) {
		columns.weights[index] = bytes.readFloatLE(offset);
	}

	for (let index = 0; index < postings; index++, offset += 2) {
		columns.counts[index] = bytes.readUInt16LE(offset);
	}

	return columnsProblem(columns) ?? columns;
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
