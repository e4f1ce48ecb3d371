import {TierwiseError} from '../errors/tierwise-error.js';
import type {WorkspaceRecord} from './workspace-record.js';
import type {WorkspaceStore} from './workspace-store.js';

export type MemoryStoreOptions = {
	/**
	 * Most records kept; past it the oldest are dropped, so that a long-running process without a workspace
	 * keeps bounded memory.
	 * @default 1_000_000
	 */
	maxRecords?: number;
};

/**
 * A store in this process's memory. Records keep their order and survive a router being closed and another
 * opened on the same store, but not the process.
 */
export class MemoryStore implements WorkspaceStore {
	readonly location = 'memory';
	readonly #maxRecords: number;
	#records: WorkspaceRecord[] = [];
	#closed = false;

	constructor(options: MemoryStoreOptions = {}) {
		const {maxRecords = 1_000_000} = options;
		if (!Number.isInteger(maxRecords) || maxRecords < 1) {
			throw new RangeError(`Expected \`maxRecords\` to be a whole number from 1 up, got \`${String(maxRecords)}\` (${typeof maxRecords})`);
		}

		this.#maxRecords = maxRecords;
	}

	async load(): Promise<readonly WorkspaceRecord[]> {
		this.#closed = false;
		return Promise.resolve([...this.#records]);
	}

	append(record: WorkspaceRecord): void {
		if (this.#closed) {
			throw new TierwiseError('router_closed', 'This store is closed. Open a router again to record more.');
		}

		this.#records.push(record);
		if (this.#records.length > this.#maxRecords * 1.25) {
			// Trim in batches, so that appending stays constant-time on average.
			this.#records = this.#records.slice(-this.#maxRecords);
		}
	}

	async flush(): Promise<void> {
		// Records in memory are as kept as they will ever be.
		return Promise.resolve();
	}

	async close(): Promise<void> {
		this.#closed = true;
		return Promise.resolve();
	}
}
