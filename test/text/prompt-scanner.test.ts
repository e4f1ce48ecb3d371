import fc from 'fast-check';
import {expect, test} from 'vitest';
import {scanPrompt} from '../../src/text/prompt-scanner.js';

/** The documented estimate: 4 ASCII characters a token; with any other character, 1 CJK character or 2.5 others a token too. */
function expectedTokens(text: string): number {
	const characters = Array.from(text);
	if (characters.length === 0) {
		return 0;
	}

	if (characters.every(character => (character.codePointAt(0) ?? 0) < 128)) {
		return Math.max(1, Math.round(text.length / 4));
	}

	const isCjk = (code: number) => (code >= 0x2E_80 && code <= 0x9F_FF) || (code >= 0xAC_00 && code <= 0xD7_AF) || (code >= 0xF9_00 && code <= 0xFA_FF);
	const ascii = characters.filter(character => (character.codePointAt(0) ?? 0) < 128).length;
	const cjk = characters.filter(character => isCjk(character.codePointAt(0) ?? 0)).length;
	return Math.max(1, Math.round((ascii / 4) + cjk + ((characters.length - ascii - cjk) / 2.5)));
}

test('estimates 4 ASCII characters a token, and counts other scripts apart once any character is outside ASCII', () => {
	// Outside ASCII inside words, between words, as a joining apostrophe, in an unspaced script.
	for (const text of [`${'a'.repeat(396)}éééé`, `${'a '.repeat(190)}${'—'.repeat(20)}`, 'don’t '.repeat(50), '日本語'.repeat(100), 'plain ASCII only']) {
		expect(scanPrompt(text, () => undefined).estimatedTokens).toBe(expectedTokens(text));
	}

	const anyText = fc.oneof(fc.string(), fc.string({unit: 'binary'}), fc.array(fc.constantFrom('a', 'B', ' ', '\n', 'é', '’', '日', '😀', '1', '.', '—'), {maxLength: 60}).map(parts => parts.join('')));
	fc.assert(fc.property(anyText, text => {
		expect(scanPrompt(text, () => undefined).estimatedTokens).toBe(expectedTokens(text));
	}), {numRuns: 1000});
});
