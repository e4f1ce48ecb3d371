import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {AdaptiveRouter, isTierwiseError, type ModelConfig, type WorkspaceStore} from '../../src/index.js';

const model = (name: string, costPer1kInput = 0.001): ModelConfig => ({name, provider: 'p', costPer1kInput, costPer1kOutput: 0.002});

/**
 * The behaviour every store must have, run against each implementation (hono's `common.case.test.ts`
 * pattern). `create` gives a fresh, empty store; `reopen` gives the same store as a new process would see it.
 * The promise is about state, not bytes: a router opened on the reopened store has the same models, and takes
 * outcomes for the decisions the store keeps.
 */
export function describeStoreContract(name: string, create: () => Promise<WorkspaceStore>, reopen: (store: WorkspaceStore) => Promise<WorkspaceStore>): void {
	describe(`${name} (store contract)`, () => {
		test('starts empty', async () => {
			const store = await create();
			expect(await store.load()).toEqual([]);
			await store.close();
		});

		test('gives a later router the same models: registered, repriced and removed', async () => {
			const store = await create();
			const first = await AdaptiveRouter.open({store, models: [model('a'), model('b'), model('c')]});
			first.updatePricing('b', {costPer1kInput: 0.5});
			first.unregisterModel('a');
			first.registerModel(model('a', 0.01));
			const models = first.models();
			await first.close();
			const second = await AdaptiveRouter.open({store: await reopen(store)});
			expect(second.models()).toEqual(models);
			expect(models.map(entry => entry.name)).toEqual(['b', 'c', 'a']);
			await second.close();
		});

		test('keeps model names of any unicode, prototype keys included, byte-exact', async () => {
			await fc.assert(fc.asyncProperty(
				fc.uniqueArray(fc.oneof(fc.string({unit: 'binary', minLength: 1, maxLength: 30}).filter(text => text.trim().length > 0 && text.trim() === text), fc.constantFrom('__proto__', 'constructor', 'toString', 'مرحبا', '👩‍💻')), {minLength: 1, maxLength: 6}),
				async names => {
					const store = await create();
					const first = await AdaptiveRouter.open({store, models: names.map(entry => model(entry))});
					await first.close();
					const second = await AdaptiveRouter.open({store: await reopen(store)});
					expect(second.models().map(entry => entry.name)).toEqual(names);
					await second.close();
				},
			), {numRuns: 40});
			expect(Object.keys(Object.prototype)).toEqual([]);
		});

		test('lets a router opened later take outcomes for decisions an earlier router made, once', async () => {
			const store = await create();
			const first = await AdaptiveRouter.open({store, models: [model('only')]});
			const decision = first.route('Summarize this paragraph in one sentence.');
			const reported = first.route('Hi');
			await first.reportOutcome(reported.hash, 1);
			await first.close();
			const second = await AdaptiveRouter.open({store: await reopen(store)});
			expect(await second.reportOutcome(decision.hash, 0.8)).toEqual({hash: decision.hash, recorded: true});
			expect(await second.reportOutcome(reported.hash, 0.2)).toEqual({hash: reported.hash, recorded: false});
			await second.close();
		});

		test('refuses appends after close with router_closed', async () => {
			const store = await create();
			await store.load();
			await store.close();
			try {
				store.append({type: 'model_removed', name: 'late'});
				expect.unreachable();
			} catch (error) {
				expect(isTierwiseError(error) && error.code).toBe('router_closed');
			}
		});
	});
}
