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

const maxCachedCodePoints = 20_000;
const nonAscii = new Map<number, CharacterClass>();

/** The class of a code point: ASCII from a table, the rest from Unicode properties, memoised. */
export function characterClass(codePoint: number): CharacterClass {
	if (codePoint < 128) {
		return (ASCII_CLASSES[codePoint] ?? SEPARATOR) as CharacterClass;
	}

	let found = nonAscii.get(codePoint);
	if (found === undefined) {
		const character = String.fromCodePoint(codePoint);
		found = unspaced.test(character)
			? UNSPACED
			: wordCharacter.test(character)
				? WORD
				: SEPARATOR;
		if (nonAscii.size >= maxCachedCodePoints) {
			nonAscii.clear();
		}

		nonAscii.set(codePoint, found);
	}

	return found;
}
