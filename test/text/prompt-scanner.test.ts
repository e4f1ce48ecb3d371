import fc from 'fast-check';
import {expect, test} from 'vitest';
import {scanPrompt} from '../../src/text/prompt-scanner.js';

/**
 * The documented estimate: 4 ASCII characters a token; with any other character, 1 CJK character or 2.5 others a
 * token too. Counted in code units, a low surrogate counting for nothing (the second half of a character counted).
 */
function expectedTokens(text: string): number {
	if (text.length === 0) {
		return 0;
	}

	const units = Array.from({length: text.length}, (_, index) => text.charCodeAt(index));
	if (units.every(unit => unit < 128)) {
		return Math.max(1, Math.round(text.length / 4));
	}

	const isCjk = (unit: number) => (unit >= 0x2E_80 && unit <= 0x9F_FF) || (unit >= 0xAC_00 && unit <= 0xD7_AF) || (unit >= 0xF9_00 && unit <= 0xFA_FF);
	const isLowSurrogate = (unit: number) => unit >= 0xDC_00 && unit <= 0xDF_FF;
	const ascii = units.filter(unit => unit < 128).length;
	const cjk = units.filter(unit => isCjk(unit)).length;
	const others = units.filter(unit => unit >= 128 && !isCjk(unit) && !isLowSurrogate(unit)).length;
	return Math.max(1, Math.round((ascii / 4) + cjk + (others / 2.5)));
}

test('estimates 4 ASCII characters a token, and counts other scripts apart once any character is outside ASCII', () => {
	// Outside ASCII inside words, between words, as a joining apostrophe, in an unspaced script.
	for (const text of [`${'a'.repeat(396)}éééé`, `${'a '.repeat(190)}${'—'.repeat(20)}`, 'don’t '.repeat(50), '日本語'.repeat(100), 'plain ASCII only']) {
		expect(scanPrompt(text, () => undefined).estimatedTokens).toBe(expectedTokens(text));
	}

	const codeUnits = fc.array(fc.integer({min: 0, max: 0xFF_FF}), {maxLength: 40}).map(units => String.fromCharCode(...units));
	const anyText = fc.oneof(fc.string(), fc.string({unit: 'binary'}), codeUnits, fc.array(fc.constantFrom('a', 'B', ' ', '\n', 'é', '’', '日', '😀', '1', '.', '—'), {maxLength: 60}).map(parts => parts.join('')));
	fc.assert(fc.property(anyText, text => {
		expect(scanPrompt(text, () => undefined).estimatedTokens).toBe(expectedTokens(text));
	}), {numRuns: 1000});
});
