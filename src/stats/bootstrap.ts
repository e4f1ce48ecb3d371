/** What {@link bootstrapInterval} needs: the sample size, a statistic over resampled positions, and a random source. */
export type BootstrapOptions = {
	/** Resamples to draw. @default 1000 */
	readonly resamples?: number;
	/** Coverage of the interval. @default 0.95 */
	readonly level?: number;
	/** Uniform in [0, 1); seeded for reproducible intervals. */
	readonly random: () => number;
};

/**
 * A percentile bootstrap confidence interval: the statistic over `resamples` resamples of `count` positions drawn
 * with replacement, and the quantiles at (1 − level) / 2 and (1 + level) / 2 of what it gave. `statistic` gets
 * the positions of one resample.
 */
export function bootstrapInterval(count: number, statistic: (positions: Uint32Array) => number, options: BootstrapOptions): readonly [number, number] {
	const resamples = options.resamples ?? 1000;
	const level = options.level ?? 0.95;
	const values = new Float64Array(resamples);
	const positions = new Uint32Array(count);
	for (let resample = 0; resample < resamples; resample++) {
		for (let index = 0; index < count; index++) {
			positions[index] = Math.floor(options.random() * count);
		}

		values[resample] = statistic(positions);
	}

	values.sort();
	const at = (quantile: number) => values[Math.min(resamples - 1, Math.max(0, Math.round(quantile * (resamples - 1))))] ?? Number.NaN;
	return [at((1 - level) / 2), at((1 + level) / 2)];
}
