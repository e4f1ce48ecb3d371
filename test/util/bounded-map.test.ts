import fc from 'fast-check';
import {expect, test} from 'vitest';
import {BoundedMap} from '../../src/util/bounded-map.js';

/** What a BoundedMap must hold: the newest `limit` keys in the order first added, each with its latest value. */
class ReferenceMap {
	readonly #limit: number;
	#entries: Array<[number, string]> = [];

	constructor(limit: number) {
		this.#limit = limit;
	}

	set(key: number, value: string): void {
		const entry = this.#entries.find(([stored]) => stored === key);
		if (entry !== undefined) {
			entry[1] = value;
			return;
		}

		this.#entries.push([key, value]);
		this.#entries = this.#entries.slice(Math.max(0, this.#entries.length - this.#limit));
	}

	get(key: number): string | undefined {
		return this.#entries.find(([stored]) => stored === key)?.[1];
	}

	get size(): number {
		return this.#entries.length;
	}

	values(): string[] {
		return this.#entries.map(([, value]) => value);
	}
}

test('a bounded map holds the newest keys with their latest values, oldest first, as a plain list of them would', () => {
	// Few distinct keys, so that keys come back: while present (a new value, same age) and after they aged out.
	const operation = fc.oneof(
		fc.record({kind: fc.constant('set' as const), key: fc.nat({max: 12}), value: fc.string({maxLength: 3})}),
		fc.record({kind: fc.constant('get' as const), key: fc.nat({max: 12})}),
	);
	fc.assert(fc.property(fc.nat({max: 6}), fc.array(operation, {maxLength: 80}), (limit, operations) => {
		const map = new BoundedMap<number, string>(limit);
		const reference = new ReferenceMap(limit);
		for (const step of operations) {
			if (step.kind === 'set') {
				map.set(step.key, step.value);
				reference.set(step.key, step.value);
			} else {
				expect(map.get(step.key)).toBe(reference.get(step.key));
			}

			expect(map.size).toBe(reference.size);
		}

		expect([...map.values()]).toEqual(reference.values());
	}));
});

test('a key aged out of a bounded map is absent though the map of the keys before it still holds it', () => {
	const map = new BoundedMap<string, number>(3);
	for (const [index, key] of ['a', 'b', 'c', 'd', 'e'].entries()) {
		map.set(key, index);
	}

	expect(map.get('a')).toBeUndefined();
	expect(map.get('b')).toBeUndefined();
	expect(map.get('c')).toBe(2);
	map.set('b', 9);
	expect([...map.values()]).toEqual([3, 4, 9]);
	expect(map.get('c')).toBeUndefined();
});
