import {describe, expect, test} from 'vitest';
import {createDecision} from '../../src/decision/create-decision.js';
import {AdaptiveRouter, DEFAULT_CATALOGUE, parseDecision, promptHash, TierwiseError, type ModelConfig} from '../../src/index.js';
import {ladder, pricedApart, noExploration} from './fixtures.js';

describe('route', () => {
	test('picks the cheapest eligible model', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: pricedApart});
		for (const prompt of ['Hi', 'Write a haiku about rain.', 'Design a fault-tolerant distributed queue and prove it loses no message.']) {
			expect(router.route(prompt).model).toBe('cheap');
		}
	});

	test('sends "What time is it?" to the cheapest model as a trivial prompt', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: ladder});
		const decision = router.route('What time is it?');
		expect(decision.tier).toBe('trivial');
		expect(decision.model).toBe('small');
	});

	test('sends a hard prompt to a model whose tier range covers it', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: ladder});
		const decision = router.route('Design a globally distributed, strongly consistent key-value store that survives the loss of a region. Explain the consensus protocol, leader placement, clock assumptions and how you would verify linearizability under partitions.');
		expect(['complex', 'expert']).toContain(decision.tier);
		expect(decision.model).not.toBe('small');
	});

	test('gives 10,000 routes of one prompt 10,000 distinct hashes and one prompt hash', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: ladder});
		const hashes = new Set<string>();
		const promptHashes = new Set<string>();
		for (let index = 0; index < 10_000; index++) {
			const decision = router.route('Summarize this paragraph in one sentence.');
			hashes.add(decision.hash);
			promptHashes.add(decision.promptHash);
		}

		expect(hashes.size).toBe(10_000);
		expect([...promptHashes]).toEqual([promptHash('Summarize this paragraph in one sentence.')]);
	});

	test('orders the fallback models from cheapest to dearest', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: pricedApart});
		const decision = router.route('Hello');
		expect(decision.fallbackModels).toEqual(['mid', 'premium']);
		expect(decision.alternatives.map(alternative => alternative.estimatedCostUsd)).toEqual([...decision.alternatives.map(alternative => alternative.estimatedCostUsd)].sort((a, b) => a - b));
	});

	test('carries every field the design lists, and survives JSON', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: ladder});
		const decision = router.route('Write a Python function that parses ISO dates, with tests.', {user: 'ana'});
		for (const field of ['hash', 'promptHash', 'model', 'provider', 'tier', 'confidence', 'estimatedCostUsd', 'fallbackModels', 'reasoning', 'evidence', 'classification', 'abVariant', 'escalated', 'sla'] as const) {
			expect(decision).toHaveProperty(field);
		}

		expect(decision.sla).toEqual({compliant: true, breaches: [], adjustments: [], adjustedFor: []});
		expect(decision.reasoning.every(line => typeof line === 'string' && line.length > 0)).toBe(true);
		expect(decision.evidence.every(line => typeof line === 'string' && line.length > 0)).toBe(true);
		expect(decision.user).toBe('ana');
		const json = JSON.parse(JSON.stringify(decision)) as {reasoning: unknown};
		const {reasoning, evidence, ...record} = decision.toJSON();
		expect(json.reasoning).toEqual(reasoning);
		expect(parseDecision(json)).toEqual(record);
		expect(createDecision(parseDecision(json)).toJSON()).toEqual({...record, reasoning, evidence});
	});

	test('uses the default catalogue while no model is registered, and says so', async () => {
		const router = await AdaptiveRouter.open(noExploration);
		const decision = router.route('Hi');
		expect(decision.catalogue).toBe('default');
		expect(DEFAULT_CATALOGUE.models.map(model => model.name)).toContain(decision.model);
		expect(decision.reasoning.join(' ')).toContain(`default catalogue was used (list prices read ${DEFAULT_CATALOGUE.pricesReadOn})`);
		router.registerModel(pricedApart[0] ?? {name: '', provider: '', costPer1kInput: 0, costPer1kOutput: 0});
		expect(router.route('Hi').catalogue).toBe('registered');
	});
});

describe('constraints', () => {
	test('maxCostUsd excludes models that would cost more', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: ladder});
		const decision = router.route('Prove that the halting problem is undecidable, formally.', {minTier: 'complex', maxCostUsd: 0.005});
		expect(decision.estimatedCostUsd).toBeLessThanOrEqual(0.005);
		expect(decision.excluded).toContainEqual({model: 'large', reason: 'max_cost'});
	});

	test('capability keeps only models that have it', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: ladder});
		expect(router.route('Describe this picture.', {capability: 'vision'}).model).toBe('large');
	});

	test('the context window must hold the prompt and the expected output', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: ladder});
		const decision = router.route('Hi', {estimateTokens: [20_000, 100]});
		expect(decision.model).not.toBe('small');
		expect(decision.excluded).toContainEqual({model: 'small', reason: 'context_window'});
	});

	test('conversation tokens count towards the context window', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: ladder});
		expect(router.route('Hi', {context: {conversationTokens: 10_000}}).estimatedTokens.input).toBeGreaterThan(10_000);
	});

	test('prefer picks the provider when it has an eligible model, and is ignored when it has none', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: ladder});
		expect(router.route('Hello').model).toBe('small');
		expect(router.route('Hello', {prefer: 'beta'}).model).toBe('medium');
		const decision = router.route('Hello', {prefer: 'nobody'});
		expect(decision.model).toBe('small');
		expect(decision.reasoning.join(' ')).toContain('No eligible model from the preferred provider nobody');
	});

	test('a specialist serves its domain only when asked for it', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: [...ladder, {name: 'med', provider: 'delta', costPer1kInput: 0.002, costPer1kOutput: 0.004, domains: ['medical']}]});
		expect(router.route('Explain what blood pressure numbers mean.').model).not.toBe('med');
		expect(router.route('Explain what blood pressure numbers mean.', {domain: 'medical'}).model).toBe('med');
	});

	test('maxLatencyMs and minQuality exclude slow and weak models', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: withPriors({medium: 0.8, 'quick-large': 0.9})});
		const decision = router.route('Write a SQL query joining orders and customers, and explain it.', {minTier: 'moderate', maxLatencyMs: 1000, minQuality: 0.86});
		expect(decision.model).toBe('quick-large');
		expect(decision.excluded).toContainEqual({model: 'medium', reason: 'min_quality'});
		expect(decision.excluded).toContainEqual({model: 'large', reason: 'max_latency'});
	});

	test('steps up to a model meant for harder prompts only when no suited model is eligible', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: withPriors({small: 0.6})});
		expect(router.route('Hi').model).toBe('small');
		const decision = router.route('Hi', {minQuality: 0.7});
		expect(decision.model).toBe('medium');
		expect(decision.reasoning.join(' ')).toContain('None of the remaining models is suited to trivial prompts');
	});

	test('never steps down to a model too weak for the tier', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: ladder});
		expect(() => router.route('Hi', {minTier: 'expert', capability: 'code', maxCostUsd: 0.000_01})).toThrow(expect.objectContaining({code: 'no_eligible_model'}));
	});

	test('urgency high picks the fastest eligible model', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: ladder});
		expect(router.route('Design a compiler register allocator and prove it terminates.', {minTier: 'expert', context: {urgency: 'high'}}).model).toBe('quick-large');
	});

	test('a repeated attempt raises the tier and says so', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: ladder});
		const decision = router.route('What is the capital of France?', {context: {iteration: 3}});
		expect(decision.classifiedTier).toBe('trivial');
		expect(decision.tier).toBe('moderate');
		expect(decision.escalated).toBe(true);
		expect(decision.escalationReason).toBe('attempt 3 raised the tier from trivial to moderate');
	});

	test('no eligible model gives no_eligible_model naming why each model was excluded', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: ladder});
		const error = (() => {
			try {
				router.route('Hi', {capability: 'audio'});
			} catch (caught) {
				return caught;
			}

			return undefined;
		})();
		expect(error).toBeInstanceOf(TierwiseError);
		expect((error as TierwiseError).code).toBe('no_eligible_model');
		const excluded = (error as TierwiseError).details.excluded as Array<{model: string; explanation: string}>;
		expect(excluded.map(exclusion => exclusion.model).sort()).toEqual(['large', 'medium', 'quick-large', 'small']);
		expect(excluded.find(exclusion => exclusion.model === 'small')?.explanation).toBe('lacks `audio`');
	});
});

describe('profiles', () => {
	test('supervisor routes as at least complex; worker changes nothing', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: ladder});
		expect(router.route('Hi', {profile: 'supervisor'}).tier).toBe('complex');
		expect(router.route('Hi', {profile: 'worker'}).tier).toBe('trivial');
	});

	test('explicit options win over the profile', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: ladder, profiles: {reviewer: {minTier: 'expert', prefer: 'gamma'}}});
		const decision = router.route('Hi', {profile: 'reviewer', prefer: 'alpha'});
		expect(decision.tier).toBe('expert');
		expect(decision.model).toBe('large');
		expect(decision.constraints.profile).toBe('reviewer');
	});

	test('an unknown profile is an unknown_profile error listing the known ones', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: ladder});
		expect(() => router.route('Hi', {profile: 'boss'})).toThrow(expect.objectContaining({code: 'unknown_profile', message: expect.stringContaining('supervisor') as unknown}));
	});
});

/** The ladder with stated quality priors for some models. */
function withPriors(priors: Readonly<Record<string, number>>): ModelConfig[] {
	return ladder.map(model => {
		const qualityPrior = priors[model.name];
		return qualityPrior === undefined ? model : {...model, qualityPrior};
	});
}
