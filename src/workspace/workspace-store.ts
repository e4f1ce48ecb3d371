import type {WorkspaceRecord} from './workspace-record.js';

/**
 * Where a router keeps its records. Implementations: {@link MemoryStore} (the default, nothing survives the
 * process); a file store that several processes share comes next. Each must pass the contract suite in
 * `test/workspace/store-contract.ts`.
 */
export type WorkspaceStore = {
	/** Where the records live, for messages: a directory, or `memory`. */
	readonly location: string;
	/** Every record kept, oldest first. A router calls it once, when it opens. */
	load(): Promise<readonly WorkspaceRecord[]>;
	/** Queues a record after every earlier one. Synchronous, so that route() can record without waiting. */
	append(record: WorkspaceRecord): void;
	/** Resolves once every record appended so far is kept for good (durable, for a store on disk). */
	flush(): Promise<void>;
	/** Flushes and releases the store. Appending afterwards throws `router_closed`. */
	close(): Promise<void>;
};
