import {createHash} from 'node:crypto';

/** SHA-256 of the prompt's UTF-8 bytes, as 64 lower-case hex digits (lone surrogates hash as U+FFFD). */
export function promptHash(prompt: string): string {
	return createHash('sha256').update(prompt, 'utf8').digest('hex');
}
