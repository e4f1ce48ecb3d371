import {scanPrompt} from './prompt-scanner.js';

export {NUMBER_TERM} from './prompt-scanner.js';

/** Calls `onTerm` for each term of `text`, in order; the rules are those of {@link scanPrompt}. */
export function forEachTerm(text: string, onTerm: (term: string) => void): void {
	scanPrompt(text, term => {
		onTerm(term.text);
	});
}

/**
 * The terms of `text`: words of any script lower-cased, stopwords dropped, English words stemmed, numbers
 * folded into one term, Chinese, Japanese and Thai cut into character bigrams. Never throws.
 *
 * @example
 * tokenize('Café naïve 日本語 über-fast C++ v2.5');
 * //=> ['café', 'naïve', '日本', '本語', 'über', 'fast', 'c++', 'v2.5']
 */
export function tokenize(text: string): string[] {
	const terms: string[] = [];
	scanPrompt(text, term => terms.push(term.text));
	return terms;
}
