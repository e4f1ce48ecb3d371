import {stemmer} from 'stemmer';
import {NUMBER_TERM} from './number-term.js';
import {STOPWORDS} from './stopwords.js';

const maxTermLength = 40;
const plainNumber = /^\d+(?:[.,]\d+)*$/u;
/*
128K slots, cleared at 64K words: enough for the vocabulary of a large workload (routellm-mmlu has 45,000
distinct words), which a smaller table kept forgetting, stemming its words again after each clearing. Inside a
replay nothing stays in the processor's caches between prompts anyway, so a table that would (32K slots, whose
hashes fit in 128 KB) saved nothing there: bench:replay-phases gave the analysis 94–120 µs a prompt with 32K
slots, 74–87 with 64K and 70–91 with 128K, alternating.
*/
const slotBits = 17;
const slotCount = 1 << slotBits;
const slotMask = slotCount - 1;
// Cleared when half full, so that probe runs stay short.
const maxCachedWords = slotCount / 2;

/** FNV-1a, 32 bits: the starting value and the step, applied to each UTF-16 code unit of a word. */
export const WORD_HASH_SEED = 0x81_1C_9D_C5;
export function nextWordHash(hash: number, code: number): number {
	return Math.imul(hash ^ code, 0x01_00_01_93);
}

/**
 * A term as scans hand it out: one object per distinct term text, so that whoever counts terms keeps its count
 * on the term (`tally`) rather than looking its text up in a map for every word: inside a replay, where the
 * similar-prompt memory evicts everything from the processor's caches between prompts, each map lookup was a few
 * more cache misses a word.
 */
export type InternedTerm = {
	readonly text: string;
	/** Left to the one consumer that counts terms, the prompt analysis; undefined until it sets it. */
	tally: unknown;
};

const interned = new Map<string, InternedTerm>();
// Past this many terms the table starts afresh, at the start of the next scan (never during one, so that a
// scan meets one object per term).
const maxInternedTerms = 1 << 16;

/** The one object for a term's text. */
export function internTerm(text: string): InternedTerm {
	let term = interned.get(text);
	if (term === undefined) {
		term = {text, tally: undefined};
		interned.set(text, term);
	}

	return term;
}

/** Called before each scan: lets the tables start afresh when they are full, between scans only. */
export function beginScan(): void {
	if (interned.size >= maxInternedTerms) {
		interned.clear();
		clearWordCache();
		clearBigramCache();
	}
}

/*
The character bigrams of scripts written without spaces, by their two code points: a slot a bigram, holding both
and its term, so that a bigram met before costs no string. A Chinese prompt is one bigram a character, and making
each one's string to look it up among the interned terms took a quarter of its route. Cleared when half full.
*/
const bigramSlotBits = 16;
const bigramSlotMask = (1 << bigramSlotBits) - 1;
const maxCachedBigrams = 1 << (bigramSlotBits - 1);
// Two code points a slot, 0 for an empty one: no code point of a bigram is 0.
const bigramKeys = new Int32Array(2 << bigramSlotBits);
const bigramTerms: Array<InternedTerm | null> = new Array<InternedTerm | null>(1 << bigramSlotBits).fill(null);
let cachedBigrams = 0;

function clearBigramCache(): void {
	bigramKeys.fill(0);
	bigramTerms.fill(null);
	cachedBigrams = 0;
}

/** The term of the two characters `first` and `second` (code points), interned. */
export function bigramTerm(first: number, second: number): InternedTerm {
	let slot = (Math.imul(first, 0x9E_37_79_B1) ^ second) & bigramSlotMask;
	for (let stored = bigramKeys[2 * slot]; stored !== 0; stored = bigramKeys[2 * slot]) {
		if (stored === first && bigramKeys[(2 * slot) + 1] === second) {
			return bigramTerms[slot] ?? internTerm(String.fromCodePoint(first, second));
		}

		slot = (slot + 1) & bigramSlotMask;
	}

	const term = internTerm(String.fromCodePoint(first, second));
	if (cachedBigrams >= maxCachedBigrams) {
		clearBigramCache();
		slot = (Math.imul(first, 0x9E_37_79_B1) ^ second) & bigramSlotMask;
	}

	cachedBigrams++;
	bigramKeys[2 * slot] = first;
	bigramKeys[(2 * slot) + 1] = second;
	bigramTerms[slot] = term;
	return term;
}

/*
The cache proper: a slot a word, holding its hash and the index of its entry; entries in the order words were
first met, each with where its characters are in one pool of code units and the term it became. A lookup reads
one slot, then the entry and its characters, which for the common words of a workload sit side by side near the
start of the arrays: slots holding the hash, the word's string and its term side by side in three tables as large
as the slot count cost a cache miss in each for every word.
*/
const slots = new Int32Array(2 * slotCount);
const entryStart = new Int32Array(maxCachedWords);
const entryLength = new Int32Array(maxCachedWords);
const entryTerm: Array<InternedTerm | null> = new Array<InternedTerm | null>(maxCachedWords).fill(null);
// Code units of the cached words, ASCII lower-cased; past the end, the cache is cleared. Longer words are rare
// enough to be worked out each time.
const poolSize = 1 << 20;
const maxCachedWordLength = 64;
const pool = new Uint16Array(poolSize);
let poolUsed = 0;
let cachedWords = 0;

function clearWordCache(): void {
	slots.fill(0);
	entryTerm.fill(null);
	cachedWords = 0;
	poolUsed = 0;
}

/**
 * The term a word becomes, interned: `null` for a stopword, the Porter stem of a plain ASCII word of letters, the word
 * itself otherwise (English rules would mangle other languages), all lower-case. The word is `text` from `start`
 * to `end`; ASCII capitals in it count as lower-case, and `hash` is its {@link nextWordHash} from
 * {@link WORD_HASH_SEED} over the lower-cased code units.
 *
 * Memoised in an open-addressing table matched character by character, so that a word seen before costs no
 * string: slicing each word and hashing it for a Map took a quarter of route() on long prompts.
 */
export function wordTerm(text: string, start: number, end: number, hash: number, isPlainAscii: boolean): InternedTerm | null {
	const key = hash | 1;
	let slot = (hash >>> 1) & slotMask;
	for (let stored = slots[2 * slot]; stored !== 0; stored = slots[2 * slot]) {
		if (stored === key) {
			const entry = slots[(2 * slot) + 1] ?? 0;
			if (matches(entryStart[entry] ?? 0, entryLength[entry] ?? 0, text, start, end)) {
				return entryTerm[entry] ?? null;
			}
		}

		slot = (slot + 1) & slotMask;
	}

	const word = text.slice(start, end);
	const termText = termOf(normalizeWord(word, isPlainAscii), isPlainAscii);
	const term = termText === null ? null : internTerm(termText);
	if (word.length > maxCachedWordLength) {
		return term;
	}

	if (cachedWords >= maxCachedWords || poolUsed + word.length > poolSize) {
		clearWordCache();
		slot = (hash >>> 1) & slotMask;
	}

	const entry = cachedWords++;
	slots[2 * slot] = key;
	slots[(2 * slot) + 1] = entry;
	entryStart[entry] = poolUsed;
	entryLength[entry] = word.length;
	entryTerm[entry] = term;
	for (let index = start; index < end; index++) {
		const code = text.charCodeAt(index);
		pool[poolUsed++] = code >= 65 && code <= 90 ? code | 32 : code;
	}

	return term;
}

/** Whether the cached word at `wordStart` in the pool is the text from `start` to `end`, ASCII capitals matching their lower case. */
function matches(wordStart: number, wordLength: number, text: string, start: number, end: number): boolean {
	if (wordLength !== end - start) {
		return false;
	}

	for (let index = 0; index < wordLength; index++) {
		const code = text.charCodeAt(start + index);
		const stored = pool[wordStart + index];
		if (stored !== code && stored !== (code >= 65 && code <= 90 ? code | 32 : code)) {
			return false;
		}
	}

	return true;
}

/**
 * A word as its term is made from it: lower-cased, and outside ASCII also NFKC-normalised with `’` as `'` and
 * without the spaces NFKC can bring (the ligature `ﱞ` decomposes to a space and two marks).
 */
function normalizeWord(word: string, isPlainAscii: boolean): string {
	const lower = word.toLowerCase();
	return isPlainAscii ? lower : lower.normalize('NFKC').replaceAll('\u2019', "'").replaceAll(/\s+/gu, '');
}

function termOf(word: string, isPlainAscii: boolean): string | null {
	if (word.length === 0 || STOPWORDS.has(word)) {
		return null;
	}

	// Digits of other forms (①, ²) are plain digits after NFKC, and numbers are one term whatever their form.
	if (!isPlainAscii && plainNumber.test(word)) {
		return NUMBER_TERM;
	}

	if (word.length > maxTermLength) {
		return word.slice(0, maxTermLength);
	}

	return isPlainAscii ? stemmer(word) : word;
}
