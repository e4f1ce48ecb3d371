/** Renders a received value for an error message the way p-queue does: `` `0` (number) ``. */
export function describeValue(value: unknown): string {
	const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
	let shown: string;
	try {
		shown = typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : String(value);
	} catch {
		shown = '?';
	}

	return `\`${shown}\` (${type})`;
}
