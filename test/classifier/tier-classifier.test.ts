import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {defaultClassifier} from '../../src/classifier/default-classifier.js';
import {SEED_CORPUS} from '../../src/classifier/seed-corpus.js';
import {TIERS, tierIndex} from '../../src/tiers.js';

const classifier = defaultClassifier();
const classify = (prompt: string) => classifier.classify(prompt);

const distributedDesign = `We are designing the storage layer for a payments platform that runs in three regions.

Every write must survive the loss of a whole region, reads must be linearizable, and the p99 latency of a write inside one region must stay under 30 ms. Accounts are sharded, and some transfers touch two shards.

Propose a design: the replication and consensus protocol, leader placement, how cross-shard transfers commit atomically, what happens during a network partition and with clock skew, and how you would test it. Explain the trade-offs you make.`;

describe('the tier classifier', () => {
	test('calls "What time is it?" and "Hi" trivial', () => {
		expect(classify('What time is it?').tier).toBe('trivial');
		expect(classify('Hi').tier).toBe('trivial');
	});

	test('calls a multi-paragraph distributed-systems design prompt complex or expert', () => {
		expect(['complex', 'expert']).toContain(classify(distributedDesign).tier);
	});

	test('does not call "Implement a React component with state and tests" trivial', () => {
		expect(classify('Implement a React component with state and tests').tier).not.toBe('trivial');
	});

	test('does not call a long prompt of unseen words trivial', () => {
		const gibberish = Array.from({length: 150}, (_, index) => `zorblax${index.toString(36)}`).join(' ');
		expect(classify(gibberish).tier).not.toBe('trivial');
	});

	test.each([
		['Write a function that reverses a string.', 'Write a function that reverses a string. It must handle Unicode grapheme clusters, run in linear time, avoid extra allocations, and include unit tests for emoji, combining marks and right-to-left text, with a benchmark against the built-in approach.'],
		['Explain what a database index is.', 'Explain what a database index is, compare B-tree and hash indexes, show when each speeds up or slows down queries, and design the indexes for an orders table with 50 million rows, millions of daily writes and reports by customer, date and status.'],
		['Summarize the causes of World War I.', 'Summarize the causes of World War I, then evaluate three competing historiographical interpretations, weigh the evidence for each, and argue which is most convincing, citing primary sources.'],
		['Draft an email to a client about a delay.', 'Draft an email to a client about a two-week delay: explain the cause, propose a revised timeline with milestones, offer a discount, address their likely objections, and include a short FAQ for their team.'],
		['What is a mortgage?', 'What is a mortgage? Compare fixed and variable rates, model the total cost of a $400,000 loan over 25 years under three interest-rate scenarios, and recommend a strategy for a couple with unstable income.'],
		['Hi', 'Hi, can you design a fault-tolerant message queue with exactly-once delivery, explain the consensus protocol behind it, and prove that no message is lost during a partition?'],
	])('gives no lower tier when requirements are added to "%s"', (base, extended) => {
		expect(tierIndex(classify(extended).tier)).toBeGreaterThanOrEqual(tierIndex(classify(base).tier));
	});

	test('gives scores that sum to 1 (within their four decimals) and a confidence in [0, 1] equal to the top score, for any string', () => {
		fc.assert(fc.property(fc.string({unit: 'binary', maxLength: 400}), prompt => {
			const result = classify(prompt);
			const scores = TIERS.map(tier => result.scores[tier]);
			expect(Math.abs(scores.reduce((sum, score) => sum + score, 0) - 1)).toBeLessThanOrEqual(0.000_25);
			for (const score of scores) {
				expect(score).toBeGreaterThanOrEqual(0);
			}

			expect(result.confidence).toBeGreaterThanOrEqual(0);
			expect(result.confidence).toBeLessThanOrEqual(1);
			expect(result.confidence).toBe(Math.max(...scores));
		}), {numRuns: 500});
	});

	test('is more confident of clear prompts than of borderline ones, not stuck at a floor', () => {
		const clear = classify('Hello!').confidence;
		const borderline = classify('Explain the difference between a will and a trust, and when each is useful.').confidence;
		expect(clear).toBeGreaterThan(0.9);
		expect(borderline).toBeLessThan(clear - 0.2);
	});

	test('names the distinctive terms of a prompt and finds seed prompts like it', () => {
		const result = classify('Review this software licence clause for risks and suggest redlines');
		expect(result.topTerms.map(({term}) => term)).toContain('redlin');
		const nearest = classifier.nearestExamples(result.topTerms, 3);
		expect(nearest[0]?.text).toMatch(/licensing clause/u);
	});

	test('gives the same result for the same prompt', () => {
		expect(classify(distributedDesign)).toEqual(classify(distributedDesign));
	});
});

describe('the seed corpus', () => {
	test('has at least 60 prompts a tier', () => {
		for (const tier of TIERS) {
			expect(SEED_CORPUS.filter(prompt => prompt.tier === tier).length).toBeGreaterThanOrEqual(60);
		}
	});

	test('covers chat, code, maths, writing, analysis, medical and legal prompts, in several languages', () => {
		const kinds = new Set(SEED_CORPUS.map(prompt => prompt.kind));
		for (const kind of ['chat', 'code', 'maths', 'writing', 'analysis', 'medical', 'legal']) {
			expect(kinds).toContain(kind);
		}

		expect(new Set(SEED_CORPUS.map(prompt => prompt.lang)).size).toBeGreaterThanOrEqual(6);
	});

	test('has no prompt twice', () => {
		expect(new Set(SEED_CORPUS.map(prompt => prompt.text)).size).toBe(SEED_CORPUS.length);
	});
});
