import {characterClass, UNSPACED, WORD} from './character-class.js';
import {NUMBER_TERM} from './number-term.js';
import {beginScan, bigramTerm, internTerm, nextWordHash, WORD_HASH_SEED, wordTerm, type InternedTerm} from './word-terms.js';

/** What a prompt's layout says about it, counted by the same pass that finds its terms. */
export type PromptStructure = {
	characters: number;
	/** Rough token count: 4 ASCII characters, 1 CJK character or 2.5 other characters a token. */
	estimatedTokens: number;
	/** Commas, semicolons and colons outside words (CJK ones too): how many items a prompt enumerates. */
	enumerationMarks: number;
	/** Words of ten characters or more, a sign of specialist vocabulary. */
	longWords: number;
	/** Whether the prompt opens with a question word (what, who, how many, qué, was, 什么, …): a lookup, usually. */
	opensWithQuestionWord: boolean;
	/** Blocks of text separated by blank lines. */
	paragraphs: number;
	questions: number;
	/** Lines that start with `-`, `*`, `•` or a number followed by `.` or `)`. */
	listItems: number;
	/** Fenced code blocks (```). */
	codeBlocks: number;
	/** Characters typical of code: `{ } [ ] ; = < > | \ $` and backticks. */
	codeSymbols: number;
	/** Arithmetic operators and mathematical signs. */
	mathSymbols: number;
};

export {NUMBER_TERM} from './number-term.js';

/* What each ASCII character is, as bit flags: one table lookup a character instead of several tests. */
const wordCharacter = 1;
const codeSymbol = 2;
const mathSymbol = 4;
const enumeration = 8;
const blank = 16;
const newline = 32;
const question = 64;
const backtick = 128;

const asciiFlags = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
	const character = String.fromCharCode(code);
	asciiFlags[code] = (/[A-Za-z\d]/u.test(character) ? wordCharacter : 0)
		| ('{}[];=<>|\\$`'.includes(character) ? codeSymbol : 0)
		| ('+*/^=%'.includes(character) ? mathSymbol : 0)
		| (',;:'.includes(character) ? enumeration : 0)
		| (' \t\r'.includes(character) ? blank : 0)
		| (character === '\n' ? newline : 0)
		| (character === '?' ? question : 0)
		| (character === '`' ? backtick : 0);
}

/* The few non-ASCII characters with a flag: CJK and full-width punctuation, mathematical signs. */
const nonAsciiFlags = new Map<number, number>([
	[0x30_01, enumeration], [0xFF_0C, enumeration], [0xFF_1B, enumeration], [0xFF_1A, enumeration],
	[0xFF_1F, question],
	...[0xB1, 0xB7, 0xD7, 0xF7, 0x3C0, 0x22_1A, 0x22_1E, 0x22_11, 0x22_2B, 0x22_48, 0x22_60, 0x22_64, 0x22_65, 0x22_02, 0x22_07]
		.map((code): [number, number] => [code, mathSymbol]),
]);

const longWordLength = 10;
const questionOpening = /^\s*(?:what|what's|who|whom|whose|when|where|which|how|is|are|was|were|do|does|did|can|qu[ée]|qui[ée]n|cu[áa]l|cu[áa]ndo|d[óo]nde|quel|quelle|qui|o[uù]|wer|wie|wann|wo|welche[rs]?|quem|qual|quando|onde|chi|cosa|che|dove)\b|^\s*(?:¿|什么|谁|哪|几|多少|何|誰|いつ|どこ)/iu;
/* Whether the word {@link scanWord} read last had a character outside ASCII: its second result. */
let lastWordHadNonAscii = false;

const apostrophe = 39;
const rightSingleQuote = 0x20_19;
const comma = 44;
const period = 46;
const underscore = 95;
const plus = 43;
const hashSign = 35;
const nine = 57;
const upperZ = 90;

/** Rough token count of text with non-ASCII characters: 4 ASCII characters, 1 CJK character or 2.5 others a token. */
function estimateMixedTokens(text: string): number {
	let asciiCharacters = 0;
	let cjkCharacters = 0;
	let otherCharacters = 0;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 128) {
			asciiCharacters++;
		} else if (isCjk(code)) {
			cjkCharacters++;
		} else if (!isLowSurrogate(code)) {
			// A low surrogate is the second half of a character already counted.
			otherCharacters++;
		}
	}

	return Math.max(1, Math.round((asciiCharacters / 4) + cjkCharacters + (otherCharacters / 2.5)));
}

/**
 * One pass over a prompt: calls `onTerm` for each term, in order (interned: one object per term text), and
 * returns the counts of its layout.
 *
 * Terms: words of any script, lower-cased; stopwords dropped; plain ASCII words stemmed; plain numbers become
 * {@link NUMBER_TERM}; runs of scripts written without spaces (Chinese, Japanese, Thai, …) become
 * overlapping character bigrams. Inside a word `.`, `'` and `_` join parts (`v2.5`, `node.js`,
 * `max_retries`), `,` joins digits (`1,000`), and a trailing `++` or `#` is kept (`c++`, `c#`); hyphens split
 * (`über-fast` gives `über` and `fast`). Never throws, whatever the string.
 *
 * A word with characters outside ASCII is lower-cased and NFKC-normalised on its own, so that equal-looking
 * words give equal terms; `’` joins words like `'`. A symbol that NFKC would turn into letters (`㎏`) stays a
 * symbol, since only words and runs are normalised.
 *
 * Hand-written rather than regular expressions, one pass rather than one for terms and one for layout, and
 * reading the prompt as it is: ASCII is lower-cased as it is read, and only a word outside ASCII is
 * normalised, once, when the word cache first meets it. route() runs this on every prompt, and one curly
 * apostrophe used to send a whole prompt through four normalising copies.
 */
export function scanPrompt(text: string, onTerm: (term: InternedTerm) => void): PromptStructure {
	beginScan();
	// Every read of the prompt reads the copy, the token estimate's loop too.
	const flat = flatCopy(text);
	const layout = scanLayout(flat, onTerm);
	return {
		characters: flat.length,
		estimatedTokens: flat.length === 0 ? 0 : (layout.nonAsciiSeen ? estimateMixedTokens(flat) : Math.max(1, Math.round(flat.length / 4))),
		enumerationMarks: layout.enumerationMarks,
		longWords: layout.longWords,
		opensWithQuestionWord: questionOpening.test(flat.slice(0, 24)),
		paragraphs: layout.paragraphs,
		questions: layout.questions,
		listItems: layout.listItems,
		codeBlocks: Math.ceil(layout.fences / 2),
		codeSymbols: layout.codeSymbols,
		mathSymbols: layout.mathSymbols,
	};
}

/**
 * The same text as one block of characters. A string joined from pieces (`+`, a template literal: most callers'
 * prompts) is a tree of them until something reads it, and once V8 has compiled the scan for such strings its
 * code reads every string more slowly, flat ones too: scanning 2 KB prompts took 71 µs after the scan had met
 * joined strings, against 37 µs. Scanning a copy keeps the scan's code for flat strings only: the classifier's
 * analysis of 2 KB prompts took 68 µs against 104–109 µs (both builds in one process, alternating).
 * `structuredClone` copies a string exactly, lone surrogates too, for about 0.4 µs at 40 bytes and 0.8 µs at 2 KB.
 */
function flatCopy(text: string): string {
	return structuredClone(text);
}

/** What {@link scanLayout} counts in its one pass. */
type LayoutCounts = Pick<PromptStructure, 'enumerationMarks' | 'longWords' | 'paragraphs' | 'questions' | 'listItems' | 'codeSymbols' | 'mathSymbols'> & {
	/** Runs of three backticks. */
	fences: number;
	/** Whether any character is outside ASCII, for the token estimate. */
	nonAsciiSeen: boolean;
};

/**
 * The pass of {@link scanPrompt} over the characters, on its own, ending with nothing but its counts. V8 runs a
 * long loop in code compiled while the loop runs (on-stack replacement), and Node 20's V8 keeps such code when
 * it takes a path it had no feedback for: it leaves the code there and enters it again on the next call. With
 * the token estimate's two branches after the loop, a scan whose first prompts had all met a character outside
 * ASCII left its compiled loop at the end of every plain ASCII prompt after them (`--trace-osr`: ten thousand
 * entries in ten thousand scans), so no branch is left after this loop.
 */
function scanLayout(text: string, onTerm: (term: InternedTerm) => void): LayoutCounts {
	const source = text;
	const length = source.length;
	let paragraphs = 0;
	let questions = 0;
	let listItems = 0;
	let backtickRun = 0;
	let fences = 0;
	let codeSymbols = 0;
	// Any character outside ASCII, for the token estimate: seen here, or inside a word by scanWord.
	let nonAsciiSeen = false;
	let mathSymbols = 0;
	let enumerationMarks = 0;
	let longWords = 0;
	// Whether the current line has shown anything but blanks yet, and whether a paragraph is open.
	let lineHasText = false;
	let inParagraph = false;

	let index = 0;
	while (index < length) {
		const code = source.charCodeAt(index);
		let flags: number;
		let kind = 0;
		if (code < 128) {
			flags = asciiFlags[code] ?? 0;
			if ((flags & blank) !== 0) {
				index++;
				continue;
			}
		} else {
			nonAsciiSeen = true;
			kind = characterClass(source.codePointAt(index) ?? code);
			flags = kind === WORD ? wordCharacter : (nonAsciiFlags.get(code) ?? 0);
		}

		if ((flags & newline) !== 0) {
			inParagraph &&= lineHasText;
			lineHasText = false;
			backtickRun = 0;
			index++;
			continue;
		}

		if (!lineHasText) {
			lineHasText = true;
			if (!inParagraph) {
				inParagraph = true;
				paragraphs++;
			}

			if (startsListItem(source, index, code)) {
				listItems++;
			}
		}

		if ((flags & backtick) === 0) {
			backtickRun = 0;
		} else if (++backtickRun === 3) {
			fences++;
		}

		if ((flags & wordCharacter) !== 0) {
			const end = scanWord(source, index, onTerm);
			nonAsciiSeen ||= lastWordHadNonAscii;
			if (end - index >= longWordLength) {
				longWords++;
			}

			index = end;
			continue;
		}

		if (kind === UNSPACED) {
			index = scanUnspacedRun(source, index, onTerm);
			continue;
		}

		questions += (flags & question) === 0 ? 0 : 1;
		codeSymbols += (flags & codeSymbol) === 0 ? 0 : 1;
		mathSymbols += (flags & mathSymbol) === 0 ? 0 : 1;
		enumerationMarks += (flags & enumeration) === 0 ? 0 : 1;
		index += code >= 0xD8_00 && code <= 0xDB_FF && isLowSurrogate(codeAt(source, index + 1)) ? 2 : 1;
	}

	return {enumerationMarks, longWords, paragraphs, questions, listItems, fences, codeSymbols, mathSymbols, nonAsciiSeen};
}

/**
 * The code unit at `index`, or -1 past the end. `charCodeAt` past the end gives NaN, and V8 then recompiles the
 * function to read doubles. With this and {@link scanLayout}'s split, scanning 2 KB prompts after a first run of
 * prompts outside ASCII took 36 µs against 79 µs (the scanner alone).
 */
function codeAt(text: string, index: number): number {
	return index < text.length ? text.charCodeAt(index) : -1;
}

function isCjk(code: number): boolean {
	return (code >= 0x2E_80 && code <= 0x9F_FF) || (code >= 0xAC_00 && code <= 0xD7_AF) || (code >= 0xF9_00 && code <= 0xFA_FF);
}

function isLowSurrogate(code: number): boolean {
	return code >= 0xDC_00 && code <= 0xDF_FF;
}

/**
 * Reads one word from `start` and emits its term; returns where it ends, and sets {@link lastWordHadNonAscii}.
 * Counts the characters of words inside itself, ASCII ones lower-cased as they are read, so that the prompt
 * needs no lower-cased copy.
 */
function scanWord(text: string, start: number, onTerm: (term: InternedTerm) => void): number {
	const length = text.length;
	let index = start;
	let onlyLetters = true;
	let onlyDigits = true;
	let plainAscii = true;
	let wordHash = WORD_HASH_SEED;
	while (index < length) {
		let code = text.charCodeAt(index);
		if (code < 128) {
			if (((asciiFlags[code] ?? 0) & wordCharacter) !== 0) {
				if (code <= nine) {
					onlyLetters = false;
				} else {
					onlyDigits = false;
					if (code <= upperZ) {
						code |= 32;
					}
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

		if (code === rightSingleQuote && joinsWordParts(text, index, apostrophe, false)) {
			onlyLetters = false;
			onlyDigits = false;
			plainAscii = false;
			wordHash = nextWordHash(wordHash, apostrophe);
			index++;
			continue;
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
	if (codeAt(text, end) === plus && codeAt(text, end + 1) === plus) {
		wordHash = nextWordHash(nextWordHash(wordHash, plus), plus);
		end += 2;
		onlyLetters = false;
	} else if (codeAt(text, end) === hashSign) {
		wordHash = nextWordHash(wordHash, hashSign);
		end += 1;
		onlyLetters = false;
	}

	if (onlyDigits) {
		onTerm(internTerm(NUMBER_TERM));
	} else {
		const term = wordTerm(text, start, end, wordHash, onlyLetters && plainAscii);
		if (term !== null) {
			onTerm(term);
		}
	}

	lastWordHadNonAscii = !plainAscii;
	return end;
}

/**
 * A `.`, `'` or `_` followed by an ASCII letter or digit keeps a word whole (`v2.5`, `don't`, `max_retries`), as
 * does a `,` between digits (`1,000`).
 */
function joinsWordParts(text: string, index: number, code: number, onlyDigitsSoFar: boolean): boolean {
	if (code !== period && code !== apostrophe && code !== underscore && code !== comma) {
		return false;
	}

	const next = codeAt(text, index + 1);
	return next >= 0 && next < 128 && ((asciiFlags[next] ?? 0) & wordCharacter) !== 0 && (code !== comma || (onlyDigitsSoFar && next <= nine));
}

/**
 * Emits the character bigrams of a run of an unspaced script, NFKC-normalised (half-width kana become full), or
 * its one character; returns where the run ends. NFKC gives no character of these scripts any white space (a
 * test checks every code point).
 */
function scanUnspacedRun(text: string, start: number, onTerm: (term: InternedTerm) => void): number {
	let end = start;
	while (end < text.length) {
		const codePoint = text.codePointAt(end) ?? 0;
		if (characterClass(codePoint) !== UNSPACED) {
			break;
		}

		end += codePoint > 0xFF_FF ? 2 : 1;
	}

	const run = text.slice(start, end).normalize('NFKC');
	let previous = -1;
	let characters = 0;
	for (let index = 0; index < run.length;) {
		const codePoint = run.codePointAt(index) ?? 0;
		index += codePoint > 0xFF_FF ? 2 : 1;
		if (previous !== -1) {
			onTerm(bigramTerm(previous, codePoint));
		}

		previous = codePoint;
		characters++;
	}

	if (characters === 1) {
		onTerm(internTerm(String.fromCodePoint(previous)));
	}

	return end;
}

const hyphen = 45;
const asterisk = 42;
const bulletSign = 0x20_22;
const closeParenthesis = 41;
const space = 32;
const tab = 9;
const zero = 48;

function startsListItem(text: string, index: number, code: number): boolean {
	const next = codeAt(text, index + 1);
	if (code === hyphen || code === asterisk || code === bulletSign) {
		return next === space || next === tab;
	}

	if (code < zero || code > nine) {
		return false;
	}

	let cursor = index + 1;
	while (cursor < text.length && text.charCodeAt(cursor) >= zero && text.charCodeAt(cursor) <= nine) {
		cursor++;
	}

	const marker = codeAt(text, cursor);
	const after = codeAt(text, cursor + 1);
	return (marker === period || marker === closeParenthesis) && (after === space || after === tab);
}
