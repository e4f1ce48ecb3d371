import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {stemmer} from 'stemmer';
import {NUMBER_TERM, tokenize} from '../../src/text/tokenizer.js';
import {nextWordHash, WORD_HASH_SEED} from '../../src/text/word-terms.js';
import {characterClass, UNSPACED} from '../../src/text/character-class.js';

describe('tokenize', () => {
	test('keeps words of any script, bigrams for Japanese, and technical tokens', () => {
		const terms = tokenize('Café naïve 日本語 über-fast C++ v2.5');
		expect(terms).toEqual(['café', 'naïve', '日本', '本語', 'über', 'fast', 'c++', 'v2.5']);
	});

	test('drops stopwords and stems English words', () => {
		expect(tokenize('The tests are running and the runner was tested')).toEqual(['test', 'run', 'runner', 'test']);
	});

	test('keeps identifiers, file names and C# whole', () => {
		expect(tokenize('max_retries in node.js and C#')).toEqual(['max_retries', 'node.js', 'c#']);
	});

	test('folds plain numbers into one term, thousands separators included', () => {
		expect(tokenize('2024 3.14 1,000,000')).toEqual([NUMBER_TERM, NUMBER_TERM, NUMBER_TERM]);
	});

	test('leaves punctuation of unspaced scripts out of the bigrams', () => {
		expect(tokenize('こんにちは、世界')).toEqual(['こん', 'んに', 'にち', 'ちは', '世界']);
	});

	test('cuts runs of unspaced scripts into the bigrams of their NFKC form, whatever the bigram cache holds', () => {
		// The rule written plainly: a run's characters after NFKC, then each pair (or the one character of a run of one).
		const plainTerms = (run: string) => {
			const characters = Array.from(run.normalize('NFKC'));
			return characters.length === 1 ? characters : characters.slice(1).map((character, index) => `${characters[index] ?? ''}${character}`);
		};

		// Han, hiragana, katakana, half-width katakana with its voiced marks (NFKC composes them), Thai with its
		// vowel signs, and a CJK compatibility ideograph (NFKC maps it to a unified one); astral Han too.
		const unspaced = fc.constantFrom('日', '本', '語', '世', '界', 'こ', 'ん', 'に', 'カ', 'ﾀ', 'ﾞ', 'ﾟ', 'ｶ', 'ก', 'า', 'ี', '่', '豈', '𠀋', '𪚲');
		fc.assert(fc.property(fc.array(fc.array(unspaced, {minLength: 1, maxLength: 12}).map(parts => parts.join('')), {minLength: 1, maxLength: 6}), runs => {
			expect(tokenize(runs.join(' '))).toEqual(runs.flatMap(run => plainTerms(run)));
		}), {numRuns: 500});
		// More distinct bigrams than the cache has slots (65,536; it starts afresh at half of them), then the same text again.
		const text = '日本語のテキスト';
		const before = tokenize(text);
		tokenize(Array.from({length: 80_000}, (_, index) => String.fromCodePoint(0x4E_00 + (index % 20_000), 0x4E_00 + Math.floor(index / 20_000))).join('。'));
		expect(tokenize(text)).toEqual(before);
	});

	test('no character of an unspaced script has white space in its NFKC form, so its bigrams have none', () => {
		const spaced: string[] = [];
		for (let codePoint = 0x80; codePoint <= 0x10_FF_FF; codePoint++) {
			if ((codePoint < 0xD8_00 || codePoint > 0xDF_FF) && characterClass(codePoint) === UNSPACED && /\s/u.test(String.fromCodePoint(codePoint).normalize('NFKC'))) {
				spaced.push(codePoint.toString(16));
			}
		}

		expect(spaced).toEqual([]);
	});

	test('gives equal terms for composed and decomposed accents', () => {
		expect(tokenize('caf\u00E9')).toEqual(tokenize('cafe\u0301'));
	});

	test('never throws, and gives terms without spaces, for any string of code units (lone surrogates included)', () => {
		const codeUnits = fc.array(fc.integer({min: 0, max: 0xFF_FF}), {maxLength: 200}).map(units => String.fromCharCode(...units));
		fc.assert(fc.property(fc.oneof(codeUnits, fc.string({unit: 'binary'})), text => {
			for (const term of tokenize(text)) {
				expect(term.length).toBeGreaterThan(0);
				expect(term).not.toMatch(/\s/u);
			}
		}), {numRuns: 2000});
	});

	test('gives a word the same term whatever the word cache holds: capitals, long words, and after the cache is full', () => {
		const long = 'Supercalifragilistic'.repeat(4);
		const text = `Running running RUNNING naïve NAÏVE ${long} ${long.toLowerCase()} C++ c++`;
		const before = tokenize(text);
		expect(before).toEqual(['run', 'run', 'run', 'naïve', 'naïve', long.toLowerCase().slice(0, 40), long.toLowerCase().slice(0, 40), 'c++', 'c++']);
		// 20,000 words of 60 letters: more code units than the cache's pool holds, so that it starts afresh.
		tokenize(Array.from({length: 20_000}, (_, index) => `${'q'.repeat(54)}${String(index).padStart(6, 'a')}`).join(' '));
		expect(tokenize(text)).toEqual(before);
	});

	test('tells apart two words whose hashes the word cache cannot tell apart', () => {
		// Found by a search over made-up words of six letters; the cache tells words apart by their hash with the
		// lowest bit set, then by their length and characters.
		const key = (word: string) => {
			let hash = WORD_HASH_SEED;
			for (let index = 0; index < word.length; index++) {
				hash = nextWordHash(hash, word.charCodeAt(index));
			}

			return hash | 1;
		};

		const [first, second] = ['zkovzb', 'zsrlbd'];
		expect(key(first)).toBe(key(second));
		expect(tokenize(`${first} ${second} ${first} ${second}`)).toEqual([stemmer(first), stemmer(second), stemmer(first), stemmer(second)]);
	});
});
