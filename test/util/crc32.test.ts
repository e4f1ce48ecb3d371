import {crc32} from 'node:zlib';
import fc from 'fast-check';
import {expect, test} from 'vitest';
import {crc32Range} from '../../src/util/crc32.js';

test('gives zlib\'s CRC-32 for any range of any bytes', () => {
	fc.assert(fc.property(fc.uint8Array({maxLength: 200}), fc.nat(), fc.nat(), (bytes, a, b) => {
		const start = bytes.length === 0 ? 0 : a % bytes.length;
		const end = start + (bytes.length === start ? 0 : b % (bytes.length - start + 1));
		expect(crc32Range(bytes, start, end)).toBe(crc32(bytes.subarray(start, end)));
	}));
	expect(crc32Range(Buffer.from('123456789'), 0, 9)).toBe(0xCB_F4_39_26);
});
