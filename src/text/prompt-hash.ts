import {hash} from 'node:crypto';

/** SHA-256 of the prompt's UTF-8 bytes, as 64 lower-case hex digits (lone surrogates hash as U+FFFD). */
export function promptHash(prompt: string): string {
	// The one-shot hash() is four times faster than createHash() on short prompts.
	return hash('sha256', prompt, 'hex');
}
