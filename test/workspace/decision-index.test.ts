import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {TIERS, type Tier} from '../../src/tiers.js';
import {randomId} from '../../src/util/random-id.js';
import {DecisionIndex, type DecisionRow} from '../../src/workspace/decision-index.js';

describe('DecisionIndex', () => {
	test('finds what was added, with its time, model, tier and no outcome yet', () => {
		const index = new DecisionIndex(10);
		const hash = randomId();
		index.add(hash, 1234.5, 'gpt-x', 'complex');
		expect(index.get(hash)).toEqual({routedAtMs: 1234.5, model: 'gpt-x', tier: 'complex', hasOutcome: false, archive: undefined});
	});

	test('forgets the oldest decisions first when full', () => {
		const index = new DecisionIndex(3);
		const hashes = Array.from({length: 5}, () => randomId());
		for (const hash of hashes) {
			index.add(hash, 0, 'm', 'trivial');
		}

		expect(hashes.map(hash => index.get(hash) !== undefined)).toEqual([false, false, true, true, true]);
		expect(index.size).toBe(3);
	});

	test('marks an outcome once', () => {
		const index = new DecisionIndex(3);
		const hash = randomId();
		index.add(hash, 0, 'm', 'simple');
		expect(index.markOutcome(hash)).toBe(true);
		expect(index.markOutcome(hash)).toBe(false);
		expect(index.get(hash)?.hasOutcome).toBe(true);
		expect(index.markOutcome(randomId())).toBe(false);
	});

	test('knows no hash of another form, and keeps nothing at capacity 0', () => {
		const index = new DecisionIndex(4);
		for (const hash of ['', 'abc', 'A'.repeat(32), `${'0'.repeat(31)}g`, '__proto__', 'constructor']) {
			index.add(hash, 0, 'm', 'simple');
			expect(index.get(hash)).toBeUndefined();
		}

		const empty = new DecisionIndex(0);
		const hash = randomId();
		empty.add(hash, 0, 'm', 'simple');
		expect(empty.get(hash)).toBeUndefined();
	});

	test('grows past its first capacity, then evicts oldest first, keeping order and outcome counts', () => {
		const index = new DecisionIndex(3000);
		const hashes = Array.from({length: 5000}, () => randomId());
		for (const [position, hash] of hashes.entries()) {
			index.add(hash, position, `model-${position % 3}`, TIERS[position % 5] ?? 'trivial');
			if (position % 2 === 0) {
				index.markOutcome(hash);
			}
		}

		expect(index.size).toBe(3000);
		expect(index.outcomeCount).toBe(1500);
		expect(hashes.slice(0, 2000).some(hash => index.get(hash) !== undefined)).toBe(false);
		expect(hashes.slice(2000).every(hash => index.get(hash) !== undefined)).toBe(true);
		const times: number[] = [];
		index.forEachRow(row => times.push(row.routedAtMs));
		expect(times).toEqual(Array.from({length: 3000}, (_, position) => position + 2000));
		expect(index.get(hashes[4999] ?? '')).toEqual({routedAtMs: 4999, model: 'model-1', tier: 'expert', hasOutcome: false, archive: undefined});
	});

	test('rebuilds the same index from its rows and model names', () => {
		const index = new DecisionIndex(100);
		const hashes = Array.from({length: 80}, () => randomId());
		for (const [position, hash] of hashes.entries()) {
			index.add(hash, position, position % 2 === 0 ? 'a' : 'b', 'simple');
		}

		index.markOutcome(hashes[3] ?? '');
		index.setArchive(hashes[4] ?? '', 2, 1234);
		const copy = new DecisionIndex(100);
		copy.adoptModelNames(index.modelNames);
		const rows: DecisionRow[] = [];
		index.forEachRow(row => rows.push({...row}));
		copy.loadRows(rows.length, (row, number) => Object.assign(row, rows[number]).routedAtMs >= 2);

		expect(copy.size).toBe(78);
		expect(copy.get(hashes[1] ?? '')).toBeUndefined();
		for (const hash of hashes.slice(2)) {
			expect(copy.get(hash)).toEqual(index.get(hash));
		}
	});

	test('behaves like a Map with first-in-first-out eviction, whatever the sequence of operations', () => {
		// Few distinct first words, so that probe runs collide and wrap: the deletion path gets exercised.
		const hashArbitrary = fc.tuple(fc.integer({min: 0, max: 7}), fc.integer({min: 0, max: 0xFF_FF_FF})).map(([high, low]) => `${high.toString(16).padStart(8, '0')}${low.toString(16).padStart(24, '0')}`);
		const operation = fc.oneof(
			fc.record({kind: fc.constant('add' as const), hash: hashArbitrary, tier: fc.constantFrom(...TIERS), model: fc.constantFrom('a', 'b', '__proto__')}),
			fc.record({kind: fc.constant('outcome' as const), hash: hashArbitrary}),
		);
		fc.assert(fc.property(fc.integer({min: 1, max: 12}), fc.array(operation, {maxLength: 300}), (capacity, operations) => {
			const index = new DecisionIndex(capacity);
			const model = new Map<string, {model: string; tier: Tier; hasOutcome: boolean}>();
			const order: string[] = [];
			for (const step of operations) {
				if (step.kind === 'add') {
					index.add(step.hash, 0, step.model, step.tier);
					if (!model.has(step.hash)) {
						if (order.length === capacity) {
							model.delete(order.shift() ?? '');
						}

						order.push(step.hash);
						model.set(step.hash, {model: step.model, tier: step.tier, hasOutcome: false});
					}
				} else {
					const entry = model.get(step.hash);
					expect(index.markOutcome(step.hash)).toBe(entry !== undefined && !entry.hasOutcome);
					if (entry !== undefined) {
						entry.hasOutcome = true;
					}
				}

				expect(index.size).toBe(model.size);
			}

			// A copy loaded from its rows, as from a snapshot, holds the same; one with room for fewer holds the newest.
			const rows: DecisionRow[] = [];
			index.forEachRow(row => rows.push({...row}));
			const copy = new DecisionIndex(capacity);
			copy.adoptModelNames(index.modelNames);
			copy.loadRows(rows.length, (row, number) => Boolean(Object.assign(row, rows[number])));
			const smaller = new DecisionIndex(Math.max(1, capacity - 2));
			smaller.adoptModelNames(index.modelNames);
			smaller.loadRows(rows.length, (row, number) => Boolean(Object.assign(row, rows[number])));
			const newest = new Set(order.slice(-Math.max(1, capacity - 2)));
			for (const step of operations) {
				const expected = model.get(step.hash);
				const stub = expected === undefined ? undefined : {routedAtMs: 0, archive: undefined, ...expected};
				expect(index.get(step.hash)).toEqual(stub);
				expect(copy.get(step.hash)).toEqual(stub);
				expect(smaller.get(step.hash)).toEqual(newest.has(step.hash) ? stub : undefined);
			}

			expect([copy.size, copy.outcomeCount]).toEqual([index.size, index.outcomeCount]);
		}), {numRuns: 500});
	});

	test('a large table loaded from its rows finds every decision, and forgets the oldest as the original does', () => {
		// 6,000 decisions take a table of 16,384 slots: rows are linked in groups of home slots, not one by one.
		const capacity = 6000;
		const original = new DecisionIndex(capacity);
		const hashes = Array.from({length: capacity}, () => randomId());
		for (const [number, hash] of hashes.entries()) {
			original.add(hash, number, number % 3 === 0 ? 'a' : 'b', TIERS[number % TIERS.length] ?? 'trivial');
			if (number % 7 === 0) {
				original.markOutcome(hash);
			}
		}

		const rows: DecisionRow[] = [];
		original.forEachRow(row => rows.push({...row}));
		const loaded = new DecisionIndex(capacity);
		loaded.adoptModelNames(original.modelNames);
		loaded.loadRows(rows.length, (row, number) => Boolean(Object.assign(row, rows[number])));
		expect([loaded.size, loaded.outcomeCount]).toEqual([original.size, original.outcomeCount]);
		const later = Array.from({length: 2500}, () => randomId());
		for (const [number, hash] of later.entries()) {
			for (const index of [original, loaded]) {
				index.add(hash, capacity + number, 'a', 'moderate');
				index.markOutcome(hashes[number * 2] ?? '');
			}
		}

		for (const hash of [...hashes, ...later, randomId()]) {
			expect(loaded.get(hash)).toEqual(original.get(hash));
		}

		expect(loaded.get(hashes[0] ?? '')).toBeUndefined();
		expect(loaded.get(hashes[2500] ?? '')).toBeDefined();
		expect([loaded.size, loaded.outcomeCount]).toEqual([original.size, original.outcomeCount]);
	});

	test('loads a table that holds one hash twice (not one tierwise wrote) keeping the first row of it', () => {
		const first = randomId();
		const second = randomId();
		const source = new DecisionIndex(10);
		source.add(first, 1, 'a', 'simple');
		source.add(second, 2, 'a', 'expert');
		const rows: DecisionRow[] = [];
		source.forEachRow(row => rows.push({...row}));
		const [firstRow] = rows;
		expect(firstRow).toBeDefined();
		rows.push({...firstRow as DecisionRow, routedAtMs: 3, hasOutcome: true});
		const loaded = new DecisionIndex(10);
		loaded.adoptModelNames(source.modelNames);
		loaded.loadRows(rows.length, (row, number) => Boolean(Object.assign(row, rows[number])));
		expect([loaded.size, loaded.outcomeCount]).toEqual([2, 0]);
		expect(loaded.get(first)).toMatchObject({routedAtMs: 1, hasOutcome: false});
		expect(loaded.get(second)).toMatchObject({routedAtMs: 2, tier: 'expert'});
	});
});
