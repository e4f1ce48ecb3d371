/** What {@link bootstrapIntervals} needs besides the statistics: how many resamples, the coverage, a random source. */
export type BootstrapOptions = {
	/** Resamples to draw. @default 1000 */
	readonly resamples?: number;
	/** Coverage of each interval. @default 0.95 */
	readonly level?: number;
	/** Uniform in [0, 1); seeded for reproducible intervals. */
	readonly random: () => number;
};

/**
 * Percentile bootstrap confidence intervals: `resamples` resamples of `count` positions drawn with replacement,
 * every statistic computed on each (so that paired statistics see the same prompts), and for each the quantiles at
 * (1 − level) / 2 and (1 + level) / 2 of what it gave. A statistic gets the positions of one resample.
 */
export function bootstrapIntervals(count: number, statistics: ReadonlyArray<(positions: Uint32Array) => number>, options: BootstrapOptions): Array<readonly [number, number]> {
	const resamples = options.resamples ?? 1000;
	const level = options.level ?? 0.95;
	const values = statistics.map(() => new Float64Array(resamples));
	const positions = new Uint32Array(count);
	for (let resample = 0; resample < resamples; resample++) {
		for (let index = 0; index < count; index++) {
			positions[index] = Math.floor(options.random() * count);
		}

		for (const [which, statistic] of statistics.entries()) {
			(values[which] as Float64Array)[resample] = statistic(positions);
		}
	}

	return values.map(sorted => {
		sorted.sort();
		const at = (quantile: number) => sorted[Math.min(resamples - 1, Math.max(0, Math.round(quantile * (resamples - 1))))] ?? Number.NaN;
		return [at((1 - level) / 2), at((1 + level) / 2)] as const;
	});
}
