/**
 * A running mean and spread whose old values weigh less: a value recorded `halfLifeMs` before the newest one
 * weighs half as much. The sums are kept as seen from the newest time, so the result does not depend on the
 * order values arrive in (another process's older outcome may arrive late).
 */
export class DecayedStats {
	#weight = 0;
	#sum = 0;
	#sumOfSquares = 0;
	#count = 0;
	#newestMs = Number.NEGATIVE_INFINITY;

	/** Rebuilds stats from {@link toJSON}. */
	static fromJSON(json: DecayedStatsJson): DecayedStats {
		const stats = new DecayedStats();
		[stats.#weight, stats.#sum, stats.#sumOfSquares, stats.#count, stats.#newestMs] = json;
		return stats;
	}

	/** Values recorded, undecayed. */
	get count(): number {
		return this.#count;
	}

	/** The decayed number of values: the evidence behind the mean. */
	get weight(): number {
		return this.#weight;
	}

	/** The weighted mean, or `fallback` with nothing recorded. */
	mean(fallback: number): number {
		return this.#weight > 0 ? this.#sum / this.#weight : fallback;
	}

	/** The weighted variance (0 with fewer than two values' weight). */
	variance(): number {
		if (this.#weight <= 0) {
			return 0;
		}

		const mean = this.#sum / this.#weight;
		return Math.max(0, (this.#sumOfSquares / this.#weight) - (mean * mean));
	}

	add(value: number, atMs: number, halfLifeMs: number, weight = 1): void {
		if (atMs > this.#newestMs) {
			const factor = Number.isFinite(this.#newestMs) ? decay(atMs - this.#newestMs, halfLifeMs) : 1;
			this.#weight *= factor;
			this.#sum *= factor;
			this.#sumOfSquares *= factor;
			this.#newestMs = atMs;
		} else {
			weight *= decay(this.#newestMs - atMs, halfLifeMs);
		}

		this.#weight += weight;
		this.#sum += weight * value;
		this.#sumOfSquares += weight * value * value;
		this.#count++;
	}

	toJSON(): DecayedStatsJson {
		return [this.#weight, this.#sum, this.#sumOfSquares, this.#count, Number.isFinite(this.#newestMs) ? this.#newestMs : 0];
	}
}

/** weight, sum, sum of squares, count, newest time in ms. */
export type DecayedStatsJson = [number, number, number, number, number];

/** The weight of a value `elapsedMs` older than the newest, with a half-life of `halfLifeMs` (none if infinite). */
export function decay(elapsedMs: number, halfLifeMs: number): number {
	return Number.isFinite(halfLifeMs) ? 0.5 ** (elapsedMs / halfLifeMs) : 1;
}
