import {stemmer} from 'stemmer';
import {STOPWORDS} from './stopwords.js';

const maxCachedWords = 50_000;
const maxTermLength = 40;
const terms = new Map<string, string | null>();

/**
 * The term a lower-case word of letters becomes: `null` for a stopword, the Porter stem for a plain ASCII
 * word, the word itself otherwise (the English rules would mangle other languages). Memoised in one map,
 * because the same few thousand words recur and one lookup is cheaper than a stopword check plus stemming.
 */
export function wordTerm(word: string, isPlainAscii: boolean): string | null {
	let term = terms.get(word);
	if (term === undefined) {
		term = STOPWORDS.has(word)
			? null
			: word.length > maxTermLength
				? word.slice(0, maxTermLength)
				: isPlainAscii
					? stemmer(word)
					: word;
		if (terms.size >= maxCachedWords) {
			terms.clear();
		}

		terms.set(word, term);
	}

	return term;
}
