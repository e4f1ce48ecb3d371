/** What a character is to the tokenizer: {@link SEPARATOR}, {@link WORD} or {@link UNSPACED}. */
export type CharacterClass = 0 | 1 | 2;

const SEPARATOR = 0;
/** A letter, mark or digit of a script that separates words with spaces. */
export const WORD = 1;
/** A letter of a script written without spaces (Han, Kana, Thai, …). */
export const UNSPACED = 2;

const unspacedScripts = String.raw`\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}`;
const unspaced = new RegExp(String.raw`[[${unspacedScripts}]&&[\p{L}\p{M}\p{N}]]`, 'v');
const wordCharacter = /[\p{L}\p{M}\p{N}]/v;

/* Classes of the ASCII characters, by code: letters and digits are word characters, the rest separate. */
const ASCII_CLASSES = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
	const isWord = (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
	ASCII_CLASSES[code] = isWord ? WORD : SEPARATOR;
}

/*
Classes worked out from Unicode properties, memoised: in a table for the Basic Multilingual Plane (one byte a
code point, 0 for not yet known, else the class plus one), where a Map lookup for each character of a Chinese
or Japanese prompt was a tenth of its route; in a bounded Map beyond it.
*/
const bmpClasses = new Uint8Array(0x1_00_00);
const maxCachedAstral = 20_000;
const astral = new Map<number, CharacterClass>();

function classify(codePoint: number): CharacterClass {
	const character = String.fromCodePoint(codePoint);
	return unspaced.test(character)
		? UNSPACED
		: wordCharacter.test(character)
			? WORD
			: SEPARATOR;
}

/** The class of a code point: ASCII from a table, the rest from Unicode properties, memoised. */
export function characterClass(codePoint: number): CharacterClass {
	if (codePoint < 128) {
		return (ASCII_CLASSES[codePoint] ?? SEPARATOR) as CharacterClass;
	}

	if (codePoint < 0x1_00_00) {
		const known = bmpClasses[codePoint] ?? 0;
		if (known !== 0) {
			return (known - 1) as CharacterClass;
		}

		const found = classify(codePoint);
		bmpClasses[codePoint] = found + 1;
		return found;
	}

	let found = astral.get(codePoint);
	if (found === undefined) {
		found = classify(codePoint);
		if (astral.size >= maxCachedAstral) {
			astral.clear();
		}

		astral.set(codePoint, found);
	}

	return found;
}
