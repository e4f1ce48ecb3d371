import fc from 'fast-check';
import {expect, test} from 'vitest';
import type {PromptTerms} from '../../src/learning/observation.js';
import {unpackMemory} from '../../src/learning/packed-memory.js';
import {PromptMemory} from '../../src/learning/prompt-memory.js';
import {SlotScores} from '../../src/learning/slot-scores.js';
import {TopSlots} from '../../src/learning/top-slots.js';

const terms = (...words: string[]): PromptTerms => words.map(word => [word, 1] as const);

test('TopSlots keeps the most similar of what it is offered, most similar first', () => {
	fc.assert(fc.property(fc.array(fc.double({min: 0, max: 10, noNaN: true}), {maxLength: 200}), fc.integer({min: 1, max: 40}), (values, limit) => {
		const top = new TopSlots(limit);
		for (const [slot, value] of values.entries()) {
			top.offer(slot, value);
		}

		const kept = top.sort();
		const expected = [...values].sort((a, b) => b - a).slice(0, limit);
		expect(kept).toBe(expected.length);
		expect(Array.from({length: kept}, (_, rank) => top.similarity(rank))).toEqual(expected);
		for (let rank = 0; rank < kept; rank++) {
			expect(values[top.slot(rank)]).toBe(top.similarity(rank));
		}

		expect(top.sort()).toBe(0);
	}));
});

test('SlotScores sums by slot, in the order slots came, and empties, however many slots a query touched', () => {
	const addition = fc.tuple(fc.integer({min: 0, max: 200}), fc.double({min: -1, max: 1, noNaN: true}));
	// Few slots (cleared one by one) and many (cleared by a fill of the whole table).
	const additions = fc.oneof(fc.array(addition, {maxLength: 8}), fc.array(addition, {minLength: 30, maxLength: 64}));
	fc.assert(fc.property(fc.array(additions, {minLength: 1, maxLength: 4}), rounds => {
		// One table for every round, as queries share one: what a round added must be gone in the next.
		const scores = new SlotScores(64);
		for (const round of rounds) {
			const expected = new Map<number, number>();
			for (const [slot, amount] of round) {
				scores.add(slot, amount);
				expected.set(slot, (expected.get(slot) ?? 0) + amount);
			}

			expect(scores.size).toBe(expected.size);
			const got = new Map(Array.from({length: scores.size}, (_, index) => [scores.slotAt(index), scores.valueAt(index)] as const));
			expect([...got.keys()]).toEqual([...expected.keys()]);
			for (const [slot, sum] of expected) {
				expect(got.get(slot)).toBeCloseTo(sum, 12);
			}

			scores.clear();
			expect(scores.size).toBe(0);
		}
	}));
});

test('the prompt most like the query weighs most, and prompts with no word in common say nothing', () => {
	const memory = new PromptMemory();
	memory.add(terms('invoice', 'refund', 'customer'), [{model: 'same', score: 0.9}]);
	memory.add(terms('invoice', 'weather'), [{model: 'partial', score: 0.5}]);
	memory.add(terms('poem', 'autumn'), [{model: 'unrelated', score: 0.1}]);
	const evidence = memory.neighbourEvidence(terms('invoice', 'refund', 'customer'));
	expect([...evidence.keys()].sort()).toEqual(['partial', 'same']);
	expect(evidence.get('same')?.weight).toBeGreaterThan(evidence.get('partial')?.weight ?? 1);
	expect(evidence.get('same')?.weight).toBeCloseTo(1, 1);
	expect((evidence.get('same')?.weightedScore ?? 0) / (evidence.get('same')?.weight ?? 1)).toBeCloseTo(0.9, 6);
	expect(memory.neighbourEvidence(terms('unknown', 'words')).size).toBe(0);
});

test('each model counts at most its neighbours-per-model, the most similar ones', () => {
	const memory = new PromptMemory({neighboursPerModel: 3});
	for (let index = 0; index < 10; index++) {
		memory.add(terms('shared', `own${index}`), [{model: 'm', score: index / 10}]);
	}

	const evidence = memory.neighbourEvidence(terms('shared'));
	expect(evidence.get('m')?.neighbours).toBe(3);
});

test('a query reads no more postings than its budget, the newest first', () => {
	const memory = new PromptMemory({postingsPerQuery: 4});
	for (let index = 0; index < 100; index++) {
		memory.add(terms('common'), [{model: index < 96 ? 'old' : 'new', score: 1}]);
	}

	const evidence = memory.neighbourEvidence(terms('common'));
	expect([...evidence.keys()]).toEqual(['new']);
	expect(evidence.get('new')?.neighbours).toBe(4);
});

test('a full memory forgets its oldest prompts, and a snapshot brings back what it held', () => {
	const memory = new PromptMemory({capacity: 3});
	for (let index = 0; index < 100; index++) {
		memory.add(terms('topic', `word${index % 7}`), [{model: `m${index}`, score: (index % 10) / 10}, {model: 'all', score: 0.5}]);
	}

	expect(memory.size).toBe(3);
	const evidence = memory.neighbourEvidence(terms('topic'));
	expect([...evidence.keys()].sort()).toEqual(['all', 'm97', 'm98', 'm99']);
	const json = memory.toJSON();
	// The three newest prompts, oldest first, each term and model once.
	expect(json.terms).toEqual(['topic', 'word6', 'word0', 'word1']);
	expect(json.sizes).toEqual([3, 6, 6]);
	const restored = new PromptMemory({capacity: 3});
	restored.addJson(JSON.parse(JSON.stringify(json)) as typeof json);
	expect(restored.neighbourEvidence(terms('topic'))).toEqual(evidence);
	expect(restored.neighbourEvidence(terms('word0', 'topic'))).toEqual(memory.neighbourEvidence(terms('word0', 'topic')));
	expect(restored.toJSON()).toEqual(json);
});

test('a snapshot of many prompts, several results each, reads back as the same memory, and a smaller memory keeps its newest', () => {
	const memory = new PromptMemory({capacity: 500});
	for (let index = 0; index < 800; index++) {
		const words: PromptTerms = [[`w${index % 37}`, 1 + (index % 3)], [`v${index % 11}`, 1], ['common', 70_000]];
		memory.add(words, Array.from({length: 1 + (index % 3)}, (_, result) => ({model: `m${(index + result) % 5}`, score: ((index * 7) % 11) / 10})));
	}

	const json = memory.toJSON();
	// The 500 newest prompts, oldest first, with their terms, counts and results as they were added.
	const columns = unpackMemory(json);
	if (typeof columns === 'string') {
		throw new TypeError(columns);
	}

	let posting = 0;
	let result = 0;
	for (const [entry, termCount] of columns.termCounts.entries()) {
		const index = 300 + entry;
		const words = Array.from({length: termCount}, (_, at) => [columns.terms[columns.termIndices[posting + at] ?? 0], columns.counts[posting + at]]);
		expect(words).toEqual([[`w${index % 37}`, 1 + (index % 3)], [`v${index % 11}`, 1], ['common', 65_535]]);
		const resultCount = columns.resultCounts[entry] ?? 0;
		const results = Array.from({length: resultCount}, (_, at) => ({model: columns.models[columns.resultModels[result + at] ?? 0], score: columns.scores[result + at]}));
		expect(results).toEqual(Array.from({length: 1 + (index % 3)}, (_, at) => ({model: `m${(index + at) % 5}`, score: ((index * 7) % 11) / 10})));
		posting += termCount;
		result += resultCount;
	}

	expect(columns.termCounts.length).toBe(500);
	const restored = new PromptMemory({capacity: 500});
	restored.addJson(JSON.parse(JSON.stringify(json)) as typeof json);
	expect(restored.toJSON()).toEqual(json);
	for (const query of [terms('w3', 'v4'), terms('common'), terms('w36', 'nothing')]) {
		expect(restored.neighbourEvidence(query)).toEqual(memory.neighbourEvidence(query));
	}

	const smaller = new PromptMemory({capacity: 100});
	smaller.addJson(json);
	expect(smaller.size).toBe(100);
	const newest = new PromptMemory({capacity: 100});
	newest.addJson(restored.toJSON());
	expect(smaller.toJSON()).toEqual(newest.toJSON());
});

test('a memory read back from a snapshot learns on as the memory it was taken from', () => {
	const words = (index: number): PromptTerms => [[`w${index % 41}`, 1 + (index % 2)], [`v${index % 7}`, 1], [`u${index % 300}`, 1], ['common', 1]];
	const results = (index: number) => [{model: `m${index % 4}`, score: ((index * 5) % 9) / 8}];
	const memory = new PromptMemory({capacity: 400});
	for (let index = 0; index < 700; index++) {
		memory.add(words(index), results(index));
	}

	const restored = new PromptMemory({capacity: 400});
	restored.addJson(memory.toJSON());
	// Enough more that every entry read back is evicted, and the terms' postings outgrow what was loaded.
	for (let index = 700; index < 1500; index++) {
		memory.add(words(index), results(index));
		restored.add(words(index), results(index));
		if (index % 100 === 0) {
			for (const query of [terms('w3', 'v4'), terms('common'), terms(`u${index % 300}`, 'w0')]) {
				expect(restored.neighbourEvidence(query)).toEqual(memory.neighbourEvidence(query));
			}
		}
	}

	expect(restored.toJSON()).toEqual(memory.toJSON());
});

test('a memory in the form older snapshots kept reads back as the memory that held those prompts', () => {
	const memory = new PromptMemory();
	memory.add([['alpha', 2], ['beta', 1]], [{model: 'small', score: 0.25}]);
	memory.add([['beta', 1], ['gamma', 1]], [{model: 'large', score: 0.75}, {model: 'small', score: 1}]);
	const older = new PromptMemory();
	// Without weights, as the oldest snapshots have it: weighed again, as add() weighs them.
	older.addJson({models: ['small', 'large'], entries: [[['alpha', 'beta'], [2, 1], [0], [0.25]], [['beta', 'gamma'], [1, 1], [1, 0], [0.75, 1]]]});
	expect(older.toJSON()).toEqual(memory.toJSON());
	expect(older.neighbourEvidence(terms('beta'))).toEqual(memory.neighbourEvidence(terms('beta')));
});

test('a packed memory that does not check out is refused, saying why', () => {
	const memory = new PromptMemory();
	memory.add([['alpha', 2], ['beta', 1]], [{model: 'small', score: 0.25}]);
	const json = memory.toJSON();
	const bytes = Buffer.from(json.packed, 'base64');
	bytes[3] = (bytes[3] ?? 0) ^ 0x10;
	expect(unpackMemory({...json, packed: bytes.toString('base64')})).toBe('its block does not match its checksum');
	expect(unpackMemory({...json, sizes: [1, 3, 1]})).toMatch(/^its block holds \d+ bytes, not the \d+ its sizes give$/u);
	expect(unpackMemory({...json, terms: ['alpha']})).toMatch(/unknown term/u);
	expect(unpackMemory({...json, models: []})).toMatch(/unknown model/u);
	expect(() => {
		new PromptMemory().addJson({...json, models: []});
	}).toThrow(/does not check out: result 0/u);
	expect(unpackMemory(json)).not.toBeTypeOf('string');
});
