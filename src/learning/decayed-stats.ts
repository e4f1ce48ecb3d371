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
		const arrival = decayedArrival(this.#newestMs, atMs, halfLifeMs);
		this.#weight *= arrival.rescale;
		this.#sum *= arrival.rescale;
		this.#sumOfSquares *= arrival.rescale;
		this.#newestMs = Math.max(this.#newestMs, atMs);
		const weighted = weight * arrival.weight;
		this.#weight += weighted;
		this.#sum += weighted * value;
		this.#sumOfSquares += weighted * value * value;
		this.#count++;
	}

	toJSON(): DecayedStatsJson {
		return [this.#weight, this.#sum, this.#sumOfSquares, this.#count, Number.isFinite(this.#newestMs) ? this.#newestMs : 0];
	}
}

/** weight, sum, sum of squares, count, newest time in ms. */
export type DecayedStatsJson = [number, number, number, number, number];

/**
 * How a value at `atMs` joins sums kept as seen from the newest time so far, `newestMs`: the factor the sums are
 * scaled by first, which moves them to the value's time when it is newer (1 otherwise), and the value's own
 * weight, below 1 when it is older. The one rule of every decayed sum, so that arrival order never matters.
 */
export function decayedArrival(newestMs: number, atMs: number, halfLifeMs: number): {readonly rescale: number; readonly weight: number} {
	if (atMs > newestMs) {
		return {rescale: Number.isFinite(newestMs) ? decay(atMs - newestMs, halfLifeMs) : 1, weight: 1};
	}

	return {rescale: 1, weight: decay(newestMs - atMs, halfLifeMs)};
}

/** The weight of a value `elapsedMs` older than the newest, with a half-life of `halfLifeMs` (none if infinite). */
function decay(elapsedMs: number, halfLifeMs: number): number {
	return Number.isFinite(halfLifeMs) ? 0.5 ** (elapsedMs / halfLifeMs) : 1;
}
