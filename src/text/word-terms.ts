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
		terms.fill(null);
	}
}

// Parallel arrays by slot. A hash of 0 marks an empty slot: stored hashes are made odd.
const hashes = new Int32Array(slotCount);
const words: string[] = new Array<string>(slotCount).fill('');
const terms: Array<InternedTerm | null> = new Array<InternedTerm | null>(slotCount).fill(null);
let cachedWords = 0;

function clearWordCache(): void {
	hashes.fill(0);
	cachedWords = 0;
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
	for (let stored = hashes[slot]; stored !== 0; stored = hashes[slot]) {
		if (stored === key && matches(words[slot] ?? '', text, start, end)) {
			return terms[slot] ?? null;
		}

		slot = (slot + 1) & slotMask;
	}

	const word = text.slice(start, end);
	const termText = termOf(normalizeWord(word, isPlainAscii), isPlainAscii);
	const term = termText === null ? null : internTerm(termText);
	if (cachedWords >= maxCachedWords) {
		clearWordCache();
		slot = (hash >>> 1) & slotMask;
	}

	hashes[slot] = key;
	words[slot] = isPlainAscii ? word.toLowerCase() : lowerAscii(word);
	terms[slot] = term;
	cachedWords++;
	return term;
}

/** Whether the cached raw word is the text from `start` to `end`, ASCII capitals matching their lower case. */
function matches(word: string, text: string, start: number, end: number): boolean {
	if (word.length !== end - start) {
		return false;
	}

	for (let index = 0; index < word.length; index++) {
		const code = text.charCodeAt(start + index);
		const stored = word.charCodeAt(index);
		if (stored !== code && stored !== (code >= 65 && code <= 90 ? code | 32 : code)) {
			return false;
		}
	}

	return true;
}

/** The word with ASCII capitals lower-cased and nothing else changed: the key the hash was computed over. */
function lowerAscii(word: string): string {
	return word.replaceAll(/[A-Z]+/gu, capitals => capitals.toLowerCase());
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
