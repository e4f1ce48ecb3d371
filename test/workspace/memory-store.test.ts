import {expect, test} from 'vitest';
import {MemoryStore, type WorkspaceStore} from '../../src/index.js';
import {describeStoreContract} from './store-contract.js';

describeStoreContract('MemoryStore', () => Promise.resolve(new MemoryStore()), (store: WorkspaceStore) => Promise.resolve(store));

test('MemoryStore keeps at most about maxRecords records, dropping the oldest', async () => {
	const store = new MemoryStore({maxRecords: 100});
	await store.load();
	for (let index = 0; index < 1000; index++) {
		store.append({type: 'model_removed', name: String(index)});
	}

	const kept = await store.load();
	expect(kept.length).toBeGreaterThanOrEqual(100);
	expect(kept.length).toBeLessThanOrEqual(125);
	expect(kept.at(-1)).toEqual({type: 'model_removed', name: '999'});
});

test('MemoryStore refuses a maxRecords below 1', () => {
	expect(() => new MemoryStore({maxRecords: 0})).toThrow(/^Expected `maxRecords` to be a whole number from 1 up, got `0` \(number\)$/u);
});
