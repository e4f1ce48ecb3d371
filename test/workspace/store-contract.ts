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
			const router = await AdaptiveRouter.open({store: await create()});
			expect(router.models()).toEqual([]);
			expect(router.stats()).toMatchObject({decisions: 0, outcomes: 0, models: 0});
			await router.close();
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

		test('gives a later router the same experiments, their results and the lessons taught', async () => {
			const store = await create();
			const first = await AdaptiveRouter.open({store, models: [model('cheap'), model('dear', 0.01)], abTestRate: 0});
			first.createExperiment({name: 'careful', strategyA: 'cost_optimized', strategyB: 'quality_first'});
			first.createExperiment({name: 'over', strategyA: 'best_quality', strategyB: {prefer: 'p'}, split: 0.3});
			first.endExperiment('over');
			for (let index = 0; index < 6; index++) {
				const decision = first.route('Translate "good morning" into French.', {experiment: 'careful', user: `user-${index}`});
				await first.reportOutcome(decision.hash, 0.5 + (index / 20));
			}

			await first.teach('Draft the indemnification clause of a SaaS master agreement.', 'expert');
			const experiments = first.experiments();
			const results = first.experimentResults('careful');
			const drift = first.centroidDrift();
			await first.close();
			const second = await AdaptiveRouter.open({store: await reopen(store)});
			expect(second.experiments()).toEqual(experiments);
			expect(second.experimentResults('careful')).toEqual(results);
			expect(second.centroidDrift()).toEqual(drift);
			expect(drift.expert.lessonWeight).toBe(1);
			await second.close();
		});

		test('finds the full record of a decision, for explanations', async () => {
			const store = await create();
			const router = await AdaptiveRouter.open({store, models: [model('only')]});
			const decision = router.route('Explain what a database index is, with an example.');
			await router.flush();
			const {reasoning, evidence, ...record} = decision.toJSON();
			expect(await router.lookupDecision(decision.hash)).toEqual(record);
			expect(await router.lookupDecision('0'.repeat(32))).toBeUndefined();
			await router.close();
		});

		test('gives every decision and outcome to an audit, and the spend to a later router', async () => {
			const store = await create();
			const router = await AdaptiveRouter.open({store, models: [model('only')]});
			const decisions = [router.route('Hi', {user: 'ann'}), router.route('Hello', {user: '__proto__'})];
			await router.reportOutcome(decisions[0]?.hash ?? '', 0.5, {costUsd: 0.25, inputTokens: 3, outputTokens: 4});
			await router.logUsage(decisions[1]?.hash ?? '', {inputTokens: 1, outputTokens: 1, costUsd: 0.5});
			await router.close();
			const later = await AdaptiveRouter.open({store: await reopen(store)});
			const audit = await later.audit({sinceMs: 0});
			expect(audit.map(entry => [entry.kind, entry.hash, entry.user])).toEqual([
				['decision', decisions[0]?.hash, 'ann'],
				['decision', decisions[1]?.hash, '__proto__'],
				['outcome', decisions[0]?.hash, 'ann'],
			]);
			expect(later.costReport({by: 'user'}).rows.map(row => [row.key, row.costUsd])).toEqual([['__proto__', 0.5], ['ann', 0.25]]);
			await later.close();
		});

		test('counts decisions and outcomes', async () => {
			const store = await create();
			const router = await AdaptiveRouter.open({store, models: [model('only')]});
			const hashes = Array.from({length: 12}, () => router.route('Hi').hash);
			for (const hash of hashes.slice(0, 5)) {
				await router.reportOutcome(hash, 1);
			}

			expect(router.stats()).toMatchObject({decisions: 12, outcomes: 5, models: 1});
			await router.close();
		});

		test('refuses appends after close with router_closed', async () => {
			const store = await create();
			const router = await AdaptiveRouter.open({store});
			await router.close();
			try {
				store.append({type: 'model_removed', name: 'late'});
				expect.unreachable();
			} catch (error) {
				expect(isTierwiseError(error) && error.code).toBe('router_closed');
			}
		});
	});
}
