/** What {@link bootstrapIntervals} needs besides the data: how many resamples, the coverage, a random source. */
export type BootstrapOptions = {
	/** Resamples to draw. @default 1000 */
	readonly resamples?: number;
	/** Coverage of each interval. @default 0.95 */
	readonly level?: number;
	/** Uniform in [0, 1); seeded for reproducible intervals. */
	readonly random: () => number;
};

/**
 * Percentile bootstrap confidence intervals of statistics of column sums. `table` holds rows of `columns` values
 * each, one row a prompt, row after row. Each of `resamples` resamples draws as many rows as there are, with
 * replacement, sums every column over them and hands the sums (and the row count) to `statistics`, which gives
 * one value per interval, so that paired statistics see the same rows; each interval is the quantiles at
 * (1 − level) / 2 and (1 + level) / 2 of what its statistic gave.
 *
 * A drawn row is read once for every column, from one place: summing each column over the draws on its own took
 * most of a long replay's bootstrap, one cache miss a draw and column.
 */
export function bootstrapIntervals(table: Float64Array, columns: number, statistics: (sums: Float64Array, rows: number) => readonly number[], options: BootstrapOptions): Array<readonly [number, number]> {
	const resamples = options.resamples ?? 1000;
	const level = options.level ?? 0.95;
	const rows = columns > 0 ? Math.floor(table.length / columns) : 0;
	const sums = new Float64Array(columns);
	let values: Float64Array[] | undefined;
	for (let resample = 0; resample < resamples; resample++) {
		sums.fill(0);
		for (let draw = 0; draw < rows; draw++) {
			const start = Math.floor(options.random() * rows) * columns;
			for (let column = 0; column < columns; column++) {
				sums[column] = (sums[column] ?? 0) + (table[start + column] ?? 0);
			}
		}

		const results = statistics(sums, rows);
		values ??= results.map(() => new Float64Array(resamples));
		for (const [which, result] of results.entries()) {
			(values[which] as Float64Array)[resample] = result;
		}
	}

	return (values ?? []).map(sorted => {
		sorted.sort();
		const at = (quantile: number) => sorted[Math.min(resamples - 1, Math.max(0, Math.round(quantile * (resamples - 1))))] ?? Number.NaN;
		return [at((1 - level) / 2), at((1 + level) / 2)] as const;
	});
}
