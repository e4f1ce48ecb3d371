import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {AdaptiveRouter, isTierwiseError, MemoryStore, type ModelConfig} from '../../src/index.js';
import {fakeClock, ladder, pricedApart, noExploration} from './fixtures.js';

const valid: ModelConfig = {name: 'm', provider: 'p', costPer1kInput: 0.001, costPer1kOutput: 0.002};

async function codeOf(action: () => unknown): Promise<string | undefined> {
	try {
		await action();
	} catch (error) {
		return isTierwiseError(error) ? error.code : (error as Error).name;
	}

	return undefined;
}

describe('prompts', () => {
	test.each([
		['an empty string', ''],
		['only whitespace', ' \n\t '],
		['a number', 42],
		['undefined', undefined],
		['an object', {text: 'hi'}],
	])('refuses %s with invalid_input', async (_, prompt) => {
		const router = await AdaptiveRouter.open({...noExploration, models: pricedApart});
		expect(await codeOf(() => router.route(prompt as string))).toBe('invalid_input');
	});

	test('refuses a prompt over maxPromptBytes with prompt_too_large, and accepts one just under it', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: pricedApart, maxPromptBytes: 1000});
		expect(router.route('é'.repeat(500)).model).toBe('cheap');
		const error = (() => {
			try {
				router.route('é'.repeat(501));
			} catch (caught) {
				return caught;
			}

			return undefined;
		})();
		expect(isTierwiseError(error) && error.code).toBe('prompt_too_large');
		expect(isTierwiseError(error) && error.details).toEqual({bytes: 1002, maxPromptBytes: 1000});
	});

	test('routes any unicode, right-to-left text, emoji and lone surrogates', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: pricedApart});
		fc.assert(fc.property(fc.string({unit: 'binary', minLength: 1}).filter(text => /\S/u.test(text)), prompt => {
			expect(router.route(prompt).model).toBe('cheap');
		}), {numRuns: 300});
		expect(router.route('مرحبا بالعالم 👋 \uD800').model).toBe('cheap');
	});
});

describe('models', () => {
	test.each([
		['a NaN price', {...valid, costPer1kInput: Number.NaN}, 'costPer1kInput'],
		['a negative price', {...valid, costPer1kOutput: -1}, 'costPer1kOutput'],
		['an infinite price', {...valid, costPer1kOutput: Number.POSITIVE_INFINITY}, 'costPer1kOutput'],
		['an unknown tier', {...valid, tierRange: ['trivial', 'genius']}, 'tierRange'],
		['a reversed tier range', {...valid, tierRange: ['expert', 'trivial']}, 'minTier no harder than maxTier'],
		['an empty name', {...valid, name: '  '}, 'name'],
		['a misspelt key', {...valid, costPer1KInput: 1}, 'costPer1KInput'],
		['a quality prior above 1', {...valid, qualityPrior: 1.5}, 'qualityPrior'],
		['no object at all', 'gpt-4o', 'model'],
	])('refuses %s with invalid_model naming the field', async (_, config, mentioned) => {
		const router = await AdaptiveRouter.open(noExploration);
		try {
			router.registerModel(config as ModelConfig);
			expect.unreachable();
		} catch (error) {
			expect(isTierwiseError(error) && error.code).toBe('invalid_model');
			expect((error as Error).message).toContain(mentioned);
			expect((error as Error).message).toMatch(/^\[tierwise\] /u);
		}
	});

	test('refuses a second model of the same name with duplicate_model', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: [valid]});
		expect(await codeOf(() => {
			router.registerModel({...valid, provider: 'other'});
		})).toBe('duplicate_model');
	});

	test('treats __proto__ and constructor as plain model names and leaves Object.prototype alone', async () => {
		const router = await AdaptiveRouter.open(noExploration);
		router.registerModel({...valid, name: '__proto__', costPer1kInput: 0.000_01});
		router.registerModel({...valid, name: 'constructor'});
		expect(router.route('Hi').model).toBe('__proto__');
		expect(router.models().map(model => model.name)).toEqual(['__proto__', 'constructor']);
		router.updatePricing('constructor', {costPer1kInput: 0});
		expect(router.route('Hi').model).toBe('constructor');
		expect(Object.keys(Object.prototype)).toEqual([]);
		expect(({} as Record<string, unknown>).costPer1kInput).toBeUndefined();
	});

	test('updatePricing refuses unknown models and bad prices', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: [valid]});
		expect(await codeOf(() => {
			router.updatePricing('nope', {costPer1kInput: 1});
		})).toBe('unknown_model');
		expect(await codeOf(() => {
			router.updatePricing('m', {costPer1kInput: Number.NaN});
		})).toBe('invalid_input');
		router.updatePricing('m', {costPer1kOutput: 0.5});
		expect(router.models()[0]).toEqual({...valid, costPer1kOutput: 0.5});
	});
});

describe('route options', () => {
	test.each([
		['a negative maxCostUsd', {maxCostUsd: -1}],
		['a NaN maxCostUsd', {maxCostUsd: Number.NaN}],
		['an unknown minTier', {minTier: 'hard'}],
		['minQuality above 1', {minQuality: 2}],
		['a zero iteration', {context: {iteration: 0}}],
		['an unknown option', {maxCost: 1}],
		['a bad estimateTokens', {estimateTokens: [10]}],
	])('refuses %s with invalid_input', async (_, options) => {
		const router = await AdaptiveRouter.open({...noExploration, models: pricedApart});
		expect(await codeOf(() => router.route('Hi', options as never))).toBe('invalid_input');
	});
});

describe('outcomes', () => {
	test.each([
		['NaN', Number.NaN],
		['Infinity', Number.POSITIVE_INFINITY],
		['a negative score', -0.1],
		['a score above 1', 1.01],
		['a string', '0.5'],
	])('refuses %s as a score', async (_, score) => {
		const router = await AdaptiveRouter.open({...noExploration, models: pricedApart});
		const decision = router.route('Hi');
		expect(await codeOf(async () => router.reportOutcome(decision.hash, score as number))).toBe('invalid_input');
	});

	test('refuses bad details', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: pricedApart});
		const decision = router.route('Hi');
		expect(await codeOf(async () => router.reportOutcome(decision.hash, 1, {outputTokens: -3}))).toBe('invalid_input');
		expect(await codeOf(async () => router.reportOutcome(decision.hash, 1, {error: 'exploded' as never}))).toBe('invalid_input');
	});

	test('refuses an unknown hash with unknown_decision', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: pricedApart});
		expect(await codeOf(async () => router.reportOutcome('no-such-hash', 1))).toBe('unknown_decision');
	});

	test('refuses a decision past its retention with unknown_decision', async () => {
		const clock = fakeClock();
		const router = await AdaptiveRouter.open({...noExploration, models: pricedApart, clock: clock.now, decisionRetentionMs: 60_000});
		const decision = router.route('Hi');
		clock.advance(60_001);
		try {
			await router.reportOutcome(decision.hash, 1);
			expect.unreachable();
		} catch (error) {
			expect(isTierwiseError(error) && error.code).toBe('unknown_decision');
			expect((error as Error).message).toContain('past its retention');
		}
	});

	test('counts the first outcome of a decision and ignores later ones', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: pricedApart});
		const decision = router.route('Hi');
		expect(await router.reportOutcome(decision.hash, 0.9, {latencyMs: 420, success: true})).toEqual({hash: decision.hash, recorded: true});
		expect(await router.reportOutcome(decision.hash, 0.1)).toEqual({hash: decision.hash, recorded: false});
	});

	test('accepts concurrent reports of one decision exactly once', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: pricedApart});
		const decision = router.route('Hi');
		const receipts = await Promise.all(Array.from({length: 5}, async () => router.reportOutcome(decision.hash, 1)));
		expect(receipts.filter(receipt => receipt.recorded)).toHaveLength(1);
	});
});

describe('the router itself', () => {
	test('refuses every call after close with router_closed', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: pricedApart});
		const decision = router.route('Hi');
		await router.close();
		expect(await codeOf(() => router.route('Hi'))).toBe('router_closed');
		expect(await codeOf(async () => router.reportOutcome(decision.hash, 1))).toBe('router_closed');
		expect(await codeOf(() => {
			router.registerModel(valid);
		})).toBe('router_closed');
		await router.close();
	});

	test.each([
		['maxDecisions', 0, RangeError],
		['maxPromptBytes', 1.5, RangeError],
		['memorySearchBudget', 0, RangeError],
		['clock', 'now', TypeError],
		['models', {}, TypeError],
	])('refuses open({%s: %o}) with a %o in p-queue form', async (name, value, type) => {
		await expect(AdaptiveRouter.open({...noExploration, [name]: value})).rejects.toThrow(type);
		await expect(AdaptiveRouter.open({...noExploration, [name]: value})).rejects.toThrow(new RegExp(`^Expected \`${name}\` to be`, 'u'));
	});

	test('refuses a workspace together with a store, an empty workspace path and an unknown onCorrupt', async () => {
		await expect(AdaptiveRouter.open({...noExploration, workspace: '/tmp/x', store: new MemoryStore()})).rejects.toThrow(/^Expected either `workspace` or `store`, got both$/u);
		await expect(AdaptiveRouter.open({...noExploration, workspace: ''})).rejects.toThrow(TypeError);
		await expect(AdaptiveRouter.open({...noExploration, workspace: '/tmp/x', onCorrupt: 'ignore' as never})).rejects.toThrow(/^Expected `onCorrupt` to be 'fail' or 'quarantine'/u);
	});

	test('refuses a profile that names another profile, and a bad profile name', async () => {
		const router = await AdaptiveRouter.open({...noExploration, models: ladder});
		expect(await codeOf(() => {
			router.defineProfile('x', {profile: 'supervisor'});
		})).toBe('invalid_input');
		expect(await codeOf(() => {
			router.defineProfile('', {});
		})).toBe('invalid_input');
	});
});
