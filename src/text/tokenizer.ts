import {ASCII_CLASSES, characterClass, UNSPACED, WORD} from './character-class.js';
import {nextWordHash, WORD_HASH_SEED, wordTerm} from './word-terms.js';

/** The term every plain number becomes: the value of a number says nothing about difficulty, its presence may. */
export const NUMBER_TERM = '#num';

const apostrophe = 39;
const comma = 44;
const period = 46;
const underscore = 95;
const plus = 43;
const hash = 35;
const nine = 57;

/** Repairs lone surrogates, lower-cases and applies NFKC, so that equal-looking text gives equal terms. */
export function normalizeText(text: string): string {
	const lower = text.toWellFormed().toLowerCase();
	// eslint-disable-next-line no-control-regex -- any character outside ASCII
	return /[^\u0000-\u007F]/.test(lower) ? lower.normalize('NFKC').replaceAll('\u2019', "'") : lower;
}

/**
 * Calls `onTerm` for each term of `text`, in order. Words of any script are lower-cased; stopwords are
 * dropped; plain ASCII words are stemmed; plain numbers become {@link NUMBER_TERM}; runs of scripts written
 * without spaces (Chinese, Japanese, Thai, …) become overlapping character bigrams. Inside a word `.`, `'`
 * and `_` join parts (`v2.5`, `node.js`, `max_retries`), `,` joins digits (`1,000`), and a trailing `++` or
 * `#` is kept (`c++`, `c#`); hyphens split (`über-fast` gives `über` and `fast`). Never throws, whatever the
 * string.
 *
 * A hand-written scanner rather than a regular expression: route() runs it on every prompt, and it is
 * several times faster.
 */
export function forEachTerm(text: string, onTerm: (term: string) => void): void {
	const normalized = normalizeText(text);
	const length = normalized.length;
	let index = 0;
	while (index < length) {
		const code = normalized.charCodeAt(index);
		if (code < 128) {
			index = ASCII_CLASSES[code] === WORD ? scanWord(normalized, index, onTerm) : index + 1;
			continue;
		}

		const codePoint = normalized.codePointAt(index) ?? code;
		const kind = characterClass(codePoint);
		if (kind === WORD) {
			index = scanWord(normalized, index, onTerm);
		} else if (kind === UNSPACED) {
			index = scanUnspacedRun(normalized, index, onTerm);
		} else {
			index += codePoint > 0xFF_FF ? 2 : 1;
		}
	}
}

/** The terms of `text` as an array; see {@link forEachTerm}. */
export function tokenize(text: string): string[] {
	const terms: string[] = [];
	forEachTerm(text, term => terms.push(term));
	return terms;
}

function scanWord(text: string, start: number, onTerm: (term: string) => void): number {
	const length = text.length;
	let index = start;
	let onlyLetters = true;
	let onlyDigits = true;
	let plainAscii = true;
	let wordHash = WORD_HASH_SEED;
	while (index < length) {
		const code = text.charCodeAt(index);
		if (code < 128) {
			if (ASCII_CLASSES[code] === WORD) {
				if (code <= nine) {
					onlyLetters = false;
				} else {
					onlyDigits = false;
				}

				wordHash = nextWordHash(wordHash, code);
				index++;
				continue;
			}

			if (joinsWordParts(text, index, code, onlyDigits)) {
				onlyLetters = false;
				if (code !== period && code !== comma) {
					onlyDigits = false;
				}

				wordHash = nextWordHash(wordHash, code);
				index++;
				continue;
			}

			break;
		}

		const codePoint = text.codePointAt(index) ?? code;
		if (characterClass(codePoint) !== WORD) {
			break;
		}

		plainAscii = false;
		onlyDigits = false;
		wordHash = nextWordHash(wordHash, code);
		if (codePoint > 0xFF_FF) {
			wordHash = nextWordHash(wordHash, text.charCodeAt(index + 1));
			index += 2;
		} else {
			index++;
		}
	}

	let end = index;
	if (text.charCodeAt(end) === plus && text.charCodeAt(end + 1) === plus) {
		wordHash = nextWordHash(nextWordHash(wordHash, plus), plus);
		end += 2;
		onlyLetters = false;
	} else if (text.charCodeAt(end) === hash) {
		wordHash = nextWordHash(wordHash, hash);
		end += 1;
		onlyLetters = false;
	}

	if (onlyDigits) {
		onTerm(NUMBER_TERM);
	} else {
		const term = wordTerm(text, start, end, wordHash, onlyLetters && plainAscii);
		if (term !== null) {
			onTerm(term);
		}
	}

	return end;
}

/** A `.`, `'`, `_` between two ASCII word characters, or a `,` between digits, keeps a word whole. */
function joinsWordParts(text: string, index: number, code: number, onlyDigitsSoFar: boolean): boolean {
	if (code !== period && code !== apostrophe && code !== underscore && code !== comma) {
		return false;
	}

	const next = text.charCodeAt(index + 1);
	if (!(next < 128 && ASCII_CLASSES[next] === WORD)) {
		return false;
	}

	return code !== comma || (onlyDigitsSoFar && next <= nine);
}

function scanUnspacedRun(text: string, start: number, onTerm: (term: string) => void): number {
	let index = start;
	let previous = '';
	let count = 0;
	while (index < text.length) {
		const codePoint = text.codePointAt(index) ?? 0;
		if (characterClass(codePoint) !== UNSPACED) {
			break;
		}

		const character = String.fromCodePoint(codePoint);
		if (count > 0) {
			onTerm(previous + character);
		}

		previous = character;
		count++;
		index += character.length;
	}

	if (count === 1) {
		onTerm(previous);
	}

	return index;
}
