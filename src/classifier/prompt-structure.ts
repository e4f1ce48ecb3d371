/** What a prompt's layout says about it, counted in one pass over its characters. */
export type PromptStructure = {
	characters: number;
	/** Rough token count: 4 ASCII characters, 1 CJK character or 2.5 other characters a token. */
	estimatedTokens: number;
	/** Whether the prompt opens with a question word (what, who, how many, qué, was, 什么, …): a lookup, usually. */
	opensWithQuestionWord: boolean;
	/** Words of ten letters or more, a sign of specialist vocabulary. */
	longWords: number;
	/** Commas, semicolons and colons (CJK ones too): how many items a prompt enumerates. */
	enumerationMarks: number;
	lines: number;
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

/* What each ASCII character counts as, as bit flags: one table lookup a character instead of several tests. */
const letter = 1;
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
	asciiFlags[code] = (/[A-Za-z]/u.test(character) ? letter : 0)
		| ('{}[];=<>|\\$`'.includes(character) ? codeSymbol : 0)
		| ('+*/^=%'.includes(character) ? mathSymbol : 0)
		| (',;:'.includes(character) ? enumeration : 0)
		| (' \t\r'.includes(character) ? blank : 0)
		| (character === '\n' ? newline : 0)
		| (character === '?' ? question : 0)
		| (character === '`' ? backtick : 0);
}

/* The same for the few non-ASCII characters that count: CJK and full-width punctuation, mathematical signs. */
const nonAsciiFlags = new Map<number, number>([
	[0x30_01, enumeration], [0xFF_0C, enumeration], [0xFF_1B, enumeration], [0xFF_1A, enumeration],
	[0xFF_1F, question],
	...[0xB1, 0xB7, 0xD7, 0xF7, 0x3C0, 0x22_1A, 0x22_1E, 0x22_11, 0x22_2B, 0x22_48, 0x22_60, 0x22_64, 0x22_65, 0x22_02, 0x22_07]
		.map((code): [number, number] => [code, mathSymbol]),
]);

const longWordLetters = 10;
const questionOpening = /^\s*(?:what|what's|who|whom|whose|when|where|which|how|is|are|was|were|do|does|did|can|qu[ée]|qui[ée]n|cu[áa]l|cu[áa]ndo|d[óo]nde|quel|quelle|qui|o[uù]|wer|wie|wann|wo|welche[rs]?|quem|qual|quando|onde|chi|cosa|che|dove)\b|^\s*(?:¿|什么|谁|哪|几|多少|何|誰|いつ|どこ)/iu;

function isCjk(code: number): boolean {
	return (code >= 0x2E_80 && code <= 0x9F_FF) || (code >= 0xAC_00 && code <= 0xD7_AF) || (code >= 0xF9_00 && code <= 0xFA_FF);
}

/** Flags of a non-ASCII code unit: Latin letters with diacritics count as letters for long words. */
function flagsOfNonAscii(code: number): number {
	return (nonAsciiFlags.get(code) ?? 0) | (code >= 0xC0 && code <= 0x2_4F && code !== 0xD7 && code !== 0xF7 ? letter : 0);
}

/** Counts {@link PromptStructure} in one pass over the UTF-16 code units of `text`. */
export function scanStructure(text: string): PromptStructure {
	const length = text.length;
	let nonAsciiUnits = 0;
	let cjkCharacters = 0;
	let otherCharacters = 0;
	let lines = 1;
	let paragraphs = 0;
	let questions = 0;
	let listItems = 0;
	let backtickRun = 0;
	let fences = 0;
	let codeSymbols = 0;
	let mathSymbols = 0;
	let enumerationMarks = 0;
	let longWords = 0;
	let letterRun = 0;
	// Whether the current line has shown anything but blanks yet, and whether the last line did.
	let lineHasText = false;
	let inParagraph = false;

	for (let index = 0; index < length; index++) {
		const code = text.charCodeAt(index);
		let flags: number;
		if (code < 128) {
			flags = asciiFlags[code] ?? 0;
		} else {
			nonAsciiUnits++;
			if (isCjk(code)) {
				cjkCharacters++;
			} else if (code < 0xDC_00 || code > 0xDF_FF) {
				// A low surrogate is the second half of a character already counted.
				otherCharacters++;
			}

			flags = flagsOfNonAscii(code);
		}

		// Most characters are letters: one test, and the line bookkeeping only where a line starts.
		if (flags === letter) {
			letterRun++;
			if (!lineHasText) {
				lineHasText = true;
				if (!inParagraph) {
					inParagraph = true;
					paragraphs++;
				}
			}

			backtickRun = 0;
			continue;
		}

		if (letterRun >= longWordLetters) {
			longWords++;
		}

		letterRun = 0;
		if ((flags & blank) !== 0) {
			continue;
		}

		if ((flags & newline) !== 0) {
			lines++;
			inParagraph &&= lineHasText;
			lineHasText = false;
			backtickRun = 0;
			continue;
		}

		if (!lineHasText) {
			lineHasText = true;
			if (!inParagraph) {
				inParagraph = true;
				paragraphs++;
			}

			if (startsListItem(text, index, code)) {
				listItems++;
			}
		}

		if ((flags & backtick) === 0) {
			backtickRun = 0;
		} else if (++backtickRun === 3) {
			fences++;
		}

		questions += (flags & question) === 0 ? 0 : 1;
		codeSymbols += (flags & codeSymbol) === 0 ? 0 : 1;
		mathSymbols += (flags & mathSymbol) === 0 ? 0 : 1;
		enumerationMarks += (flags & enumeration) === 0 ? 0 : 1;
	}

	if (letterRun >= longWordLetters) {
		longWords++;
	}

	const asciiCharacters = length - nonAsciiUnits;
	const estimatedTokens = length === 0 ? 0 : Math.max(1, Math.round((asciiCharacters / 4) + cjkCharacters + (otherCharacters / 2.5)));
	return {
		characters: length,
		estimatedTokens,
		enumerationMarks,
		longWords,
		opensWithQuestionWord: questionOpening.test(text.slice(0, 24)),
		lines,
		paragraphs,
		questions,
		listItems,
		codeBlocks: Math.ceil(fences / 2),
		codeSymbols,
		mathSymbols,
	};
}

const hyphen = 45;
const asterisk = 42;
const bulletSign = 0x20_22;
const period = 46;
const closeParenthesis = 41;
const space = 32;
const tab = 9;
const zero = 48;
const nine = 57;

function startsListItem(text: string, index: number, code: number): boolean {
	const next = text.charCodeAt(index + 1);
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

	const marker = text.charCodeAt(cursor);
	const after = text.charCodeAt(cursor + 1);
	return (marker === period || marker === closeParenthesis) && (after === space || after === tab);
}
