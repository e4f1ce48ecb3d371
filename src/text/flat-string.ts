/** Shorter strings are read as they come: a copy would cost more than the indirection it saves. */
const minCopiedLength = 256;

/**
 * The same text as a flat string: one block of characters. A prompt cut from a larger string (`slice`) or
 * joined from pieces (`+`, template literals) is a view onto other strings, and V8 follows the view on every
 * character read; the prompt scanner reads every character. A copy of a 2 KB prompt costs under a microsecond
 * and made its analysis about a fifth faster (`bench/route-latency`, which routes slices of larger texts).
 * `structuredClone` copies a string exactly, lone surrogates included.
 */
export function flatString(text: string): string {
	return text.length < minCopiedLength ? text : structuredClone(text);
}
