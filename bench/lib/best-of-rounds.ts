/**
 * The cost of `visit` per item in µs, the best of `rounds` passes over all of `items`: the code's own cost, apart
 * from this shared machine's noise, which only ever adds.
 */
export function bestMicrosPerItem<T>(items: readonly T[], rounds: number, visit: (item: T) => unknown): number {
	let best = Number.POSITIVE_INFINITY;
	for (let round = 0; round < rounds; round++) {
		const started = performance.now();
		for (const item of items) {
			visit(item);
		}

		best = Math.min(best, ((performance.now() - started) * 1000) / items.length);
	}

	return best;
}
