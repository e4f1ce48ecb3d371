import {describe, expect, test} from 'vitest';
import {AdaptiveRouter, MemoryStore, TierwiseError} from '../../src/index.js';
import {ladder, noExploration} from './fixtures.js';

describe('explain', () => {
	test('names the model, the tier and a reason', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: ladder});
		const decision = router.route('Write a SQL query that totals orders per customer for 2024, and explain it.');
		const text = router.explain(decision);
		expect(text).toContain(`Routed to ${decision.model}`);
		expect(text).toContain(`Tier: ${decision.tier}`);
		expect(text).toMatch(/Chose \S+, the cheapest of \d+ eligible models/u);
	});

	test('gives the confidence, the signals, the closest seed prompts and the cost', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: ladder});
		const decision = router.route('Review this software licensing clause for risks and suggest redlines.');
		const text = router.explain(decision);
		expect(text).toContain(`confidence ${decision.confidence.toFixed(2)}`);
		expect(text).toContain('Signals: about');
		expect(text).toContain('Closest seed prompts:');
		expect(text).toContain('[complex] Review this software licensing clause');
		expect(text).toMatch(/Cost: an estimated \$[\d.]+ for this request/u);
	});

	test('lists alternatives with their cost relative to the chosen model', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: ladder});
		const explanation = router.explainJson(router.route('Design a plugin system for a CLI, with versioned interfaces and sandboxing.', {minTier: 'complex'}));
		expect(explanation.alternatives.length).toBeGreaterThan(0);
		for (const alternative of explanation.alternatives) {
			expect(alternative.relativeCost).toBeCloseTo(alternative.estimatedCostUsd / explanation.cost.estimatedCostUsd, 12);
			expect(alternative.relativeCost).toBeGreaterThanOrEqual(1);
		}
	});

	test('names the constraints applied and the models they excluded', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: ladder});
		const text = router.explain(router.route('Hi', {profile: 'supervisor', maxCostUsd: 0.01}));
		expect(text).toContain('Constraints: profile supervisor; minTier complex; maxCostUsd $0.01 (excluded large and quick-large)');
		expect(text).toContain('small serves trivial to simple prompts, not complex.');
	});

	test('describes an escalation', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: ladder});
		const text = router.explain(router.route('What is the capital of Peru?', {context: {iteration: 2}}));
		expect(text).toContain('Escalation: attempt 2 raised the tier from trivial to simple.');
	});

	test('changes nothing: the decision and what the router records stay as they were', async () => {
		const store = new MemoryStore();
		const router = await AdaptiveRouter.open({...noExploration, models: ladder, store});
		const decision = router.route('Summarize the plot of Hamlet in three sentences.');
		const before = JSON.stringify(decision);
		const recorded = store.records();
		router.explain(decision);
		router.explainJson(decision);
		expect(JSON.stringify(decision)).toBe(before);
		expect(store.records()).toEqual(recorded);
	});

	test('explains a decision read back from JSON as it explains the original', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: ladder});
		const decision = router.route('Compare Raft and Paxos for a small team.');
		expect(router.explain(JSON.parse(JSON.stringify(decision)) as typeof decision)).toBe(router.explain(decision));
	});

	test('refuses something that is not a decision', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: ladder});
		expect(() => router.explain('nope' as never)).toThrow(TierwiseError);
	});
});
