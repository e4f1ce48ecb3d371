/**
 * A Map that keeps at most `limit` keys, dropping the oldest first.
 *
 * Nothing is ever deleted from a `Map`: a Map that took each new decision and deleted the oldest made about a
 * megabyte more survive every young garbage collection of route() (all the decisions routed since the one
 * before, though only the newest few were still held: measured with `--trace-gc-nvp`), and those collections
 * took 4–5 ms instead of 1.5. So the values wait in a ring, overwritten as they age out, and the Maps hold only
 * each key's sequence number: one Map fills with `limit` keys while the one before it still answers for the
 * older ones, then the older one is dropped whole. A key at least `limit` insertions old counts as absent,
 * whichever Map still holds it.
 */
export class BoundedMap<K, V> {
	readonly #limit: number;
	readonly #values: V[] = [];
	#current = new Map<K, number>();
	#previous = new Map<K, number>();
	/** The sequence number of the next key added; the key added first has 0. */
	#next = 0;

	constructor(limit: number) {
		this.#limit = limit;
	}

	get size(): number {
		return Math.min(this.#next, this.#limit);
	}

	get(key: K): V | undefined {
		const sequence = this.#sequenceOf(key);
		return sequence === undefined ? undefined : this.#values[sequence % this.#limit];
	}

	/** Adds a key (dropping the oldest when full), or changes the value of a present one, which keeps its age. */
	set(key: K, value: V): void {
		const present = this.#sequenceOf(key);
		if (present !== undefined) {
			this.#values[present % this.#limit] = value;
			return;
		}

		if (this.#limit === 0) {
			return;
		}

		if (this.#values.length < this.#limit) {
			this.#values.push(value);
		} else {
			this.#values[this.#next % this.#limit] = value;
		}

		if (this.#current.size >= this.#limit) {
			this.#previous = this.#current;
			this.#current = new Map();
		}

		this.#current.set(key, this.#next++);
	}

	/** The values, oldest first. */
	*values(): IterableIterator<V> {
		for (let sequence = Math.max(0, this.#next - this.#limit); sequence < this.#next; sequence++) {
			yield this.#values[sequence % this.#limit] as V;
		}
	}

	/** The sequence number of a key among the newest `limit`, or undefined. */
	#sequenceOf(key: K): number | undefined {
		const sequence = this.#current.get(key) ?? this.#previous.get(key);
		return sequence !== undefined && sequence >= this.#next - this.#limit ? sequence : undefined;
	}
}
