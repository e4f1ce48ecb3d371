import {expect, test} from 'vitest';
import {AdaptiveRouter, MemoryStore, type WorkspaceStore} from '../../src/index.js';
import {describeStoreContract} from './store-contract.js';

describeStoreContract('MemoryStore', () => Promise.resolve(new MemoryStore()), (store: WorkspaceStore) => Promise.resolve(store));

test('MemoryStore keeps the newest maxDecisions decisions and every model', async () => {
	const store = new MemoryStore({maxDecisions: 10, maxOutcomes: 5});
	const router = await AdaptiveRouter.open({store, models: [{name: 'm', provider: 'p', costPer1kInput: 0.001, costPer1kOutput: 0.001}]});
	const hashes = Array.from({length: 100}, () => router.route('Hi').hash);
	for (const hash of hashes.slice(-8)) {
		await router.reportOutcome(hash, 1);
	}

	const records = store.records();
	expect(records.filter(record => record.type === 'model')).toHaveLength(1);
	expect(records.flatMap(record => (record.type === 'decision' ? [record.decision.hash] : []))).toEqual(hashes.slice(-10));
	expect(records.flatMap(record => (record.type === 'outcome' ? [record.outcome.hash] : []))).toEqual(hashes.slice(-5));
});

test('MemoryStore refuses negative or fractional limits in p-queue form', () => {
	expect(() => new MemoryStore({maxDecisions: -1})).toThrow(/^Expected `maxDecisions` to be a whole number from 0 up, got `-1` \(number\)$/u);
	expect(() => new MemoryStore({maxOutcomes: 1.5})).toThrow(RangeError);
});
