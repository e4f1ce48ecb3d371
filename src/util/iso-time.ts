/*
Formatting and parsing ISO timestamps cost about a microsecond each; a burst of routes shares one millisecond,
so a one-entry memo each way removes most of it from route().
*/
let formattedMs = Number.NaN;
let formatted = '';
let parsedText = '';
let parsedMs = Number.NaN;

/** `new Date(ms).toISOString()`, memoised for the last value. */
export function isoTime(ms: number): string {
	if (ms !== formattedMs) {
		formatted = new Date(ms).toISOString();
		formattedMs = ms;
	}

	return formatted;
}

/** `Date.parse(text)`, memoised for the last value. */
export function parseIsoTime(text: string): number {
	if (text !== parsedText) {
		parsedMs = Date.parse(text);
		parsedText = text;
	}

	return parsedMs;
}
