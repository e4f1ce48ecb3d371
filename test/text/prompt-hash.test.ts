import {createHash} from 'node:crypto';
import fc from 'fast-check';
import {expect, test} from 'vitest';
import {promptHash} from '../../src/text/prompt-hash.js';

test('is the SHA-256 of the UTF-8 bytes, in hex', () => {
	expect(promptHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test('agrees with node:crypto for any string', () => {
	fc.assert(fc.property(fc.string({unit: 'binary'}), text => {
		expect(promptHash(text)).toBe(createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'));
	}));
});
