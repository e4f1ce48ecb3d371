/**
 * A Map that keeps at most `limit` keys, dropping the oldest first. The keys also wait in a ring, so that
 * eviction is constant-time: `map.keys().next()` must step over every entry deleted at the front of V8's
 * ordered hash table, and with a hundred thousand keys it cost 38 µs an insert against 2.6 µs.
 */
export class BoundedMap<K, V> {
	readonly #map = new Map<K, V>();
	readonly #ring: K[] = [];
	readonly #limit: number;
	#oldest = 0;

	constructor(limit: number) {
		this.#limit = limit;
	}

	get size(): number {
		return this.#map.size;
	}

	get(key: K): V | undefined {
		return this.#map.get(key);
	}

	/** Adds a key (dropping the oldest when full), or changes the value of a present one, which keeps its age. */
	set(key: K, value: V): void {
		if (this.#map.has(key)) {
			this.#map.set(key, value);
			return;
		}

		if (this.#limit === 0) {
			return;
		}

		if (this.#ring.length < this.#limit) {
			this.#ring.push(key);
		} else {
			this.#map.delete(this.#ring[this.#oldest] as K);
			this.#ring[this.#oldest] = key;
			this.#oldest = (this.#oldest + 1) % this.#limit;
		}

		this.#map.set(key, value);
	}

	/** The values, oldest first. */
	values(): IterableIterator<V> {
		return this.#map.values();
	}
}
