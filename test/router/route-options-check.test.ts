import fc from 'fast-check';
import {expect, test} from 'vitest';
import {AdaptiveRouter} from '../../src/index.js';
import {plainRouteOptions} from '../../src/selection/route-options-check.js';
import {routeOptionsSchema, type RouteOptions} from '../../src/selection/route-options.js';
import {TIERS} from '../../src/tiers.js';

// Now and then a value of the wrong kind or range (or undefined, which the schema accepts for any option).
const odd = fc.constantFrom<unknown>(undefined, null, -1, 0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60, '', 'x', true, [], {}, [1], ['', 'a'], [1, 2, 3], new Date(0));
const sometimesOdd = <T>(valid: fc.Arbitrary<T>) => fc.oneof({weight: 12, arbitrary: valid}, {weight: 1, arbitrary: odd});
const amount = sometimesOdd(fc.double({min: 0, max: 100, noNaN: true}));
const name = sometimesOdd(fc.string({minLength: 1, maxLength: 4}));
const names = sometimesOdd(fc.array(name, {maxLength: 3}));
const routeOptions = fc.record({
	maxCostUsd: amount,
	maxLatencyMs: sometimesOdd(fc.double({min: 0, max: 1e5, noNaN: true})),
	minQuality: sometimesOdd(fc.double({min: -0.5, max: 1.5, noNaN: true})),
	costWeight: amount,
	capability: fc.oneof(name, names),
	prefer: name,
	minTier: sometimesOdd(fc.constantFrom(...TIERS, 'hard')),
	domain: name,
	estimateTokens: sometimesOdd(fc.tuple(amount, amount)),
	user: sometimesOdd(fc.string({maxLength: 3})),
	context: sometimesOdd(fc.record({
		conversationTokens: amount,
		iteration: sometimesOdd(fc.integer({min: -1, max: 5})),
		urgency: sometimesOdd(fc.constantFrom('low', 'normal', 'high', 'now')),
	}, {requiredKeys: []})),
	profile: name,
	experiment: name,
	subject: name,
	fallbackChain: names,
}, {requiredKeys: []}).chain(options => fc.oneof(
	{weight: 20, arbitrary: fc.constant<Record<string, unknown>>(options)},
	{weight: 1, arbitrary: fc.constant<Record<string, unknown>>({...options, maxCost: 1})},
	{weight: 1, arbitrary: fc.constant<unknown>(Object.assign(Object.create({inherited: true}) as object, options))},
));

test('the hand check of route options accepts nothing the schema refuses, and most valid options', () => {
	let accepted = 0;
	let valid = 0;
	fc.assert(fc.property(routeOptions, options => {
		const schemaAccepts = routeOptionsSchema.safeParse(options).success;
		valid += schemaAccepts ? 1 : 0;
		if (plainRouteOptions(options) !== undefined) {
			accepted++;
			expect(schemaAccepts).toBe(true);
		}
	}), {numRuns: 4000});
	// The check is only worth having when it lets the valid options through.
	expect(accepted).toBeGreaterThan(0.9 * valid);
});

test('route() with options checked by hand routes as with the same options checked by the schema, undefined ones ignored', async () => {
	const router = await AdaptiveRouter.open({});
	router.defineProfile('careful', {minTier: 'complex'});
	const prompt = 'Summarise this contract clause about liability in two sentences';
	// As JavaScript callers pass them: optional options set to undefined.
	const fromJavaScript = (options: Record<string, unknown>) => options as RouteOptions;
	const undefinedTier = router.route(prompt, fromJavaScript({profile: 'careful', minTier: undefined, user: 'u-1'}));
	expect(undefinedTier.tier).toBe('complex');
	expect(undefinedTier.user).toBe('u-1');
	expect(router.route(prompt, {maxCostUsd: 0.01}).constraints).toEqual(router.route(prompt, fromJavaScript({maxCostUsd: 0.01, domain: undefined})).constraints);
	expect(() => router.route(prompt, {maxCostUsd: -1})).toThrow(/maxCostUsd/u);
});

test('options checked by hand are copied: changing the arrays and the context passed afterwards changes no decision', async () => {
	const router = await AdaptiveRouter.open({});
	const capability = ['code'];
	const context = {conversationTokens: 100};
	const decision = router.route('Write a function that parses ISO dates', {capability, context, maxCostUsd: 0.05});
	capability.push('vision');
	context.conversationTokens = 1e9;
	expect(decision.constraints).toEqual({context: {conversationTokens: 100}, maxCostUsd: 0.05, capabilities: ['code']});
	expect(plainRouteOptions({user: 'u', domain: undefined})).toStrictEqual({user: 'u'});
});
