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

/**
 * Each item's own best time in µs over `rounds` passes over all of `items`, in their order: one burst of the
 * shared machine's load slows a few items of one pass, and another pass times them again.
 */
export function bestMicrosOfEach<T>(items: readonly T[], rounds: number, visit: (item: T) => unknown): number[] {
	const best = items.map(() => Number.POSITIVE_INFINITY);
	for (let round = 0; round < rounds; round++) {
		for (const [index, item] of items.entries()) {
			const started = process.hrtime.bigint();
			visit(item);
			best[index] = Math.min(best[index] ?? Number.POSITIVE_INFINITY, Number(process.hrtime.bigint() - started) / 1000);
		}
	}

	return best;
}
