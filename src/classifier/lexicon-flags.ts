import {forEachTerm} from '../text/tokenizer.js';
import {LEXICON_NAMES, LEXICONS, type LexiconName} from './lexicons.js';
import type {Vocabulary} from './vocabulary.js';

/** The bit of a lexicon in {@link TermEntry.lexicons}. */
function lexiconBit(name: LexiconName): number {
	return 1 << LEXICON_NAMES.indexOf(name);
}

/** Adds every lexicon word to `vocabulary` (as the tokenizer sees it) and marks the lexicons it belongs to. */
export function markLexiconTerms(vocabulary: Vocabulary): void {
	for (const name of LEXICON_NAMES) {
		const bit = lexiconBit(name);
		forEachTerm(LEXICONS[name], term => {
			vocabulary.intern(term).lexicons |= bit;
		});
	}
}
