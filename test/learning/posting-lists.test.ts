import fc from 'fast-check';
import {expect, test} from 'vitest';
import {PostingLists} from '../../src/learning/posting-lists.js';

type Operation = {kind: 'push'; term: number; slot: number; weight: number} | {kind: 'drop'; term: number};

const terms = 6;
const operation: fc.Arbitrary<Operation> = fc.oneof(
	{weight: 3, arbitrary: fc.record({kind: fc.constant('push' as const), term: fc.integer({min: 0, max: terms - 1}), slot: fc.integer({min: 0, max: 1000}), weight: fc.constantFrom(0.25, 0.5, 1)})},
	{weight: 2, arbitrary: fc.record({kind: fc.constant('drop' as const), term: fc.integer({min: 0, max: terms - 1})})},
);

/** A term's live postings as [slot, weight] pairs, oldest first. */
function live(lists: PostingLists, term: number): Array<[number, number]> {
	const slots = lists.slotsOf(term);
	const weights = lists.weightsOf(term);
	return Array.from({length: lists.count(term)}, (_, index) => [slots[lists.start(term) + index] ?? -1, weights[lists.start(term) + index] ?? -1]);
}

test('postings come out oldest first as they went in, however they were loaded, pushed and dropped', () => {
	const loaded = fc.array(fc.tuple(fc.integer({min: 0, max: terms - 1}), fc.integer({min: 0, max: 1000}), fc.constantFrom(0.25, 0.5, 1)), {maxLength: 80});
	fc.assert(fc.property(loaded, fc.array(operation, {maxLength: 300}), (initial, operations) => {
		const lists = new PostingLists();
		const expected: Array<Array<[number, number]>> = Array.from({length: terms}, () => []);
		for (let term = 0; term < terms; term++) {
			expect(lists.addTerm()).toBe(term);
		}

		lists.load(Int32Array.from(initial.map(([term]) => term)), Int32Array.from(initial.map(([, slot]) => slot)), Float32Array.from(initial.map(([, , weight]) => weight)));
		for (const [term, slot, weight] of initial) {
			expected[term]?.push([slot, weight]);
		}

		for (const step of operations) {
			if (step.kind === 'push') {
				lists.push(step.term, step.slot, step.weight);
				expected[step.term]?.push([step.slot, step.weight]);
			} else if ((expected[step.term]?.length ?? 0) > 0) {
				lists.dropOldest(step.term);
				expected[step.term]?.shift();
			}
		}

		for (let term = 0; term < terms; term++) {
			expect(live(lists, term)).toEqual(expected[term]);
		}
	}));
});
