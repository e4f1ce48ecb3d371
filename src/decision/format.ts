/** US dollars with three significant digits: `$0.00312`, `$1.25`, `$0`. */
export function formatUsd(value: number): string {
	if (value === 0) {
		return '$0';
	}

	return value >= 1 ? `$${value.toFixed(2)}` : `$${Number(value.toPrecision(3))}`;
}

/** A probability with two decimals. */
export function formatProbability(value: number): string {
	return value.toFixed(2);
}

/** `1 question`, `3 questions`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
	return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** `a`, `a and b`, `a, b and c`. */
export function listInProse(items: readonly string[]): string {
	if (items.length <= 1) {
		return items[0] ?? '';
	}

	return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}
