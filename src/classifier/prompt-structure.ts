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

/* Character codes the scan looks for. */
const tab = 9;
const newline = 10;
const carriageReturn = 13;
const space = 32;
const dollar = 36;
const comma = 44;
const colon = 58;
const percent = 37;
const closeParen = 41;
const asterisk = 42;
const plus = 43;
const hyphen = 45;
const period = 46;
const slash = 47;
const zero = 48;
const nine = 57;
const semicolon = 59;
const less = 60;
const equals = 61;
const greater = 62;
const question = 63;
const openBracket = 91;
const backslash = 92;
const closeBracket = 93;
const caret = 94;
const backtick = 96;
const openBrace = 123;
const pipe = 124;
const closeBrace = 125;
const bullet = 0x20_22;
const fullWidthQuestion = 0xFF_1F;

const longWordLetters = 10;
const questionOpening = /^\s*(?:what|what's|who|whom|whose|when|where|which|how|is|are|was|were|do|does|did|can|qu[ée]|qui[ée]n|cu[áa]l|cu[áa]ndo|d[óo]nde|quel|quelle|qui|o[uù]|wer|wie|wann|wo|welche[rs]?|quem|qual|quando|onde|chi|cosa|che|dove)\b|^\s*(?:¿|什么|谁|哪|几|多少|何|誰|いつ|どこ)/iu;
const enumerationCodes = new Set<number>([comma, semicolon, colon, 0x30_01, 0xFF_0C, 0xFF_1B, 0xFF_1A]);


const codeSymbolCodes = new Set<number>([
	openBrace, closeBrace, openBracket, closeBracket, semicolon, equals, less,
	greater, pipe, backslash, dollar, backtick,
]);
const mathSymbolCodes = new Set<number>([
	plus, asterisk, slash, caret, equals, percent,
	0xB1, 0xB7, 0xD7, 0xF7, 0x3C0, 0x221A, 0x221E, 0x2211, 0x222B, 0x2248, 0x2260, 0x2264, 0x2265, 0x2202, 0x2207,
]);

function isCjk(code: number): boolean {
	return (code >= 0x2E_80 && code <= 0x9F_FF) || (code >= 0xAC_00 && code <= 0xD7_AF) || (code >= 0xF9_00 && code <= 0xFA_FF);
}

/** Counts {@link PromptStructure} in one pass over the UTF-16 code units of `text`. */
export function scanStructure(text: string): PromptStructure {
	const length = text.length;
	let asciiCharacters = 0;
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
	let atLineStart = true;
	let lineHasText = false;
	let inParagraph = false;

	for (let index = 0; index < length; index++) {
		const code = text.charCodeAt(index);
		if (code < 128) {
			asciiCharacters++;
		} else if (isCjk(code)) {
			cjkCharacters++;
		} else if (code < 0xDC_00 || code > 0xDF_FF) {
			// A low surrogate is the second half of a character already counted.
			otherCharacters++;
		}

		if (enumerationCodes.has(code)) {
			enumerationMarks++;
		}

		if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 0xC0 && code <= 0x2_4F)) {
			letterRun++;
		} else {
			if (letterRun >= longWordLetters) {
				longWords++;
			}

			letterRun = 0;
		}

		if (code === newline) {
			lines++;
			if (!lineHasText) {
				inParagraph = false;
			}

			atLineStart = true;
			lineHasText = false;
			backtickRun = 0;
			continue;
		}

		if (code === space || code === tab || code === carriageReturn) {
			continue;
		}

		if (!lineHasText) {
			lineHasText = true;
			if (!inParagraph) {
				inParagraph = true;
				paragraphs++;
			}
		}

		if (atLineStart) {
			atLineStart = false;
			if (startsListItem(text, index, code)) {
				listItems++;
			}
		}

		if (code === backtick) {
			backtickRun++;
			if (backtickRun === 3) {
				fences++;
			}
		} else {
			backtickRun = 0;
		}

		if (code === question || code === fullWidthQuestion) {
			questions++;
		}

		if (codeSymbolCodes.has(code)) {
			codeSymbols++;
		}

		if (mathSymbolCodes.has(code)) {
			mathSymbols++;
		}
	}

	if (letterRun >= longWordLetters) {
		longWords++;
	}

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

function startsListItem(text: string, index: number, code: number): boolean {
	const next = text.charCodeAt(index + 1);
	if (code === hyphen || code === asterisk || code === bullet) {
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
	return (marker === period || marker === closeParen) && (after === space || after === tab);
}
