import {mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {WorkspaceStore} from '../../src/index.js';
import {FileStore} from '../../src/workspace/file/file-store.js';
import {describeStoreContract} from './store-contract.js';

const directories = new WeakMap<WorkspaceStore, string>();

async function openStore(directory: string): Promise<WorkspaceStore> {
	const store = await FileStore.open(directory, {maxDecisions: 100_000, clock: Date.now, onWarning: () => undefined, refreshIntervalMs: 0});
	directories.set(store, directory);
	return store;
}

describeStoreContract(
	'FileStore',
	async () => openStore(await mkdtemp(path.join(tmpdir(), 'tierwise-store-'))),
	async store => openStore(directories.get(store) ?? ''),
);
