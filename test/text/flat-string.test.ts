import fc from 'fast-check';
import {expect, test} from 'vitest';
import {flatString} from '../../src/text/flat-string.js';

test('gives back the same text, code unit for code unit, lone surrogates included', () => {
	fc.assert(fc.property(fc.string({unit: 'binary', minLength: 200, maxLength: 600}), fc.nat(100), (text, cut) => {
		const view = `${text}${text}`.slice(cut);
		const flat = flatString(view);
		expect(flat).toBe(view);
		expect(flat.length).toBe(view.length);
	}));
	const lone = `${'x'.repeat(300)}\uD800 \uDFFF`;
	expect(flatString(lone)).toBe(lone);
});
