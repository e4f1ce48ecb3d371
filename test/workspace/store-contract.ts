import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {AdaptiveRouter, isTierwiseError, type WorkspaceRecord, type WorkspaceStore} from '../../src/index.js';

/**
 * The behaviour every store must have, run against each implementation (hono's `common.case.test.ts`
 * pattern). `create` gives a fresh, empty store; `reopen` gives the same store as a new process would see it.
 */
export function describeStoreContract(name: string, create: () => Promise<WorkspaceStore>, reopen: (store: WorkspaceStore) => Promise<WorkspaceStore>): void {
	const model = (modelName: string): WorkspaceRecord => ({type: 'model', model: {name: modelName, provider: 'p', costPer1kInput: 0.001, costPer1kOutput: 0.002}});

	describe(`${name} (store contract)`, () => {
		test('starts empty', async () => {
			const store = await create();
			expect(await store.load()).toEqual([]);
			await store.close();
		});

		test('gives back what was appended, in order, after flush and reopen', async () => {
			const store = await create();
			await store.load();
			const records: WorkspaceRecord[] = [model('a'), {type: 'model_removed', name: 'a'}, model('b')];
			for (const record of records) {
				store.append(record);
			}

			await store.flush();
			await store.close();
			expect(await (await reopen(store)).load()).toEqual(records);
		});

		test('keeps model names of any unicode, prototype keys included, byte-exact', async () => {
			await fc.assert(fc.asyncProperty(
				fc.array(fc.oneof(fc.string({unit: 'binary', minLength: 1}), fc.constantFrom('__proto__', 'constructor', 'toString', 'مرحبا', '👩‍💻')), {minLength: 1, maxLength: 8}),
				async names => {
					const store = await create();
					await store.load();
					for (const modelName of names) {
						store.append(model(modelName));
					}

					await store.close();
					const loaded = await (await reopen(store)).load();
					expect(loaded.map(record => (record.type === 'model' ? record.model.name : ''))).toEqual(names);
				},
			), {numRuns: 50});
			expect(Object.keys(Object.prototype)).toEqual([]);
		});

		test('refuses appends after close with router_closed', async () => {
			const store = await create();
			await store.load();
			await store.close();
			try {
				store.append(model('late'));
				expect.unreachable();
			} catch (error) {
				expect(isTierwiseError(error) && error.code).toBe('router_closed');
			}
		});

		test('lets a router opened later take outcomes for decisions an earlier router made', async () => {
			const store = await create();
			const first = await AdaptiveRouter.open({store, models: [{name: 'only', provider: 'p', costPer1kInput: 0.001, costPer1kOutput: 0.002}]});
			const decision = first.route('Summarize this paragraph in one sentence.');
			await first.close();
			const second = await AdaptiveRouter.open({store: await reopen(store)});
			expect(second.models().map(entry => entry.name)).toEqual(['only']);
			expect(second.decision(decision.hash)?.model).toBe('only');
			expect(await second.reportOutcome(decision.hash, 0.8)).toEqual({hash: decision.hash, recorded: true});
			expect(second.explain(decision)).toContain('Routed to only');
			await second.close();
		});
	});
}
