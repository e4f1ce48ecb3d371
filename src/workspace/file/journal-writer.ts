import {TierwiseError} from '../../errors/tierwise-error.js';
import {randomId} from '../../util/random-id.js';
import type {WorkspaceRecord} from '../workspace-record.js';
import type {WorkspaceWarning} from '../workspace-warning.js';
import {writeAll} from './atomic-write.js';
import type {FileHandle, FileSystem} from './file-system.js';
import {encodeEntry, type JournalEntry} from './journal-line.js';
import {holdWriterLock} from './workspace-lock.js';
import {segmentName, type WorkspaceLayout} from './workspace-layout.js';
import {WORKSPACE_SCHEMA_VERSION} from './workspace-schemas.js';

type Deferred = {promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void};

function deferred(): Deferred {
	let resolve!: () => void;
	let reject!: (error: unknown) => void;
	const promise = new Promise<void>((resolveWith, rejectWith) => {
		resolve = resolveWith;
		reject = rejectWith;
	});
	// Decisions are appended without waiting; a failure still reaches whoever awaits, and never goes unhandled.
	promise.catch(() => undefined);
	return {promise, resolve, reject};
}

export type JournalWriterOptions = {
	readonly segmentBytes: number;
	readonly onWarning: (warning: WorkspaceWarning) => void;
	readonly clock: () => number;
	/** Called after each batch is durable, with its size in bytes. */
	readonly onBatchWritten?: (bytes: number) => void;
	/** Called after each batch is durable for each decision in it, with where its line starts. */
	readonly onDecisionWritten?: (hash: string, segment: string, offset: number) => void;
	/** Awaited before each batch is taken from the queue: the store holds writes here while the journals are full. Must not throw. */
	readonly beforeBatch?: () => Promise<void>;
};

/**
 * This process's journal: segments only it appends to. Records queue in memory; a drain writes everything
 * queued in one write() and one fdatasync(), and everything queued meanwhile goes in the next (group commit).
 * A segment whose write or sync failed is never appended to again: the next batch starts a new segment, so a
 * half-written line can only ever be the last line of a file.
 */
export class JournalWriter {
	readonly writerId: string;
	readonly #fileSystem: FileSystem;
	readonly #layout: WorkspaceLayout;
	readonly #options: JournalWriterOptions;
	readonly #releaseLock: () => Promise<void>;
	#segment = -1;
	#handle: FileHandle | undefined;
	#size = 0;
	/** Records written to the current segment. */
	#segmentRecords = 0;
	#seq = 0;
	#durableSeq = 0;
	#pending: JournalEntry[] = [];
	#pendingDone: Deferred | undefined;
	#inFlightDone: Deferred | undefined;
	#inFlight: readonly JournalEntry[] = [];
	#writing: Promise<void> | undefined;
	#drainScheduled = false;
	#closed = false;

	private constructor(fileSystem: FileSystem, layout: WorkspaceLayout, options: JournalWriterOptions, writerId: string, releaseLock: () => Promise<void>) {
		this.#fileSystem = fileSystem;
		this.#layout = layout;
		this.#options = options;
		this.writerId = writerId;
		this.#releaseLock = releaseLock;
	}

	/** A new writer with its liveness lock and its first segment. */
	static async open(fileSystem: FileSystem, layout: WorkspaceLayout, options: JournalWriterOptions): Promise<JournalWriter> {
		await fileSystem.makeDirectory(layout.journalDirectory);
		const writerId = randomId().slice(0, 16);
		const releaseLock = await holdWriterLock(layout.journalDirectory, writerId, error => {
			options.onWarning({code: 'writer_lock_lost', message: `The liveness lock of journal writer ${writerId} was lost (${error.message}); other processes may take this writer for dead.`});
		});
		const writer = new JournalWriter(fileSystem, layout, options, writerId, releaseLock);
		try {
			await writer.#startSegment();
		} catch (error) {
			await releaseLock().catch(() => undefined);
			throw error;
		}

		return writer;
	}

	/** The sequence number of the last record known to be durable. */
	get durableSeq(): number {
		return this.#durableSeq;
	}

	/** Records queued or being written, not yet known to be durable: what a rebuild of state must apply again. */
	unconfirmed(): JournalEntry[] {
		return [...this.#inFlight, ...this.#pending];
	}

	/** Queues a record; it is written with the next batch. */
	append(record: WorkspaceRecord): void {
		if (this.#closed) {
			throw new TierwiseError('router_closed', 'This workspace is closed. Open a router again to record more.');
		}

		this.#pending.push(record);
		this.#pendingDone ??= deferred();
		this.#scheduleDrain();
	}

	/** Resolves once every record queued so far is written and synced; rejects if its batch failed. */
	async flush(): Promise<void> {
		await Promise.all([this.#inFlightDone?.promise, this.#pendingDone?.promise]);
	}

	/**
	 * Flushes, seals the segment (so that compaction may delete it once consumed), and releases the lock. A segment
	 * that holds no record is deleted instead: a process that opens a workspace only to read it (`tierwise stats`,
	 * `explain`) would otherwise leave one behind for every opening to read until a compaction, which nothing
	 * written brings on.
	 */
	async close(): Promise<void> {
		if (this.#closed) {
			return;
		}

		try {
			await this.flush();
		} finally {
			this.#closed = true;
			try {
				if (this.#handle !== undefined && !await this.#deleteEmptySegment()) {
					await this.#seal();
				}
			} finally {
				await this.#handle?.close().catch(() => undefined);
				this.#handle = undefined;
				await this.#releaseLock().catch(() => undefined);
			}
		}
	}

	#scheduleDrain(): void {
		if (this.#drainScheduled || this.#writing !== undefined) {
			return;
		}

		this.#drainScheduled = true;
		// Records appended in the same turn of the event loop go out together.
		setImmediate(() => {
			this.#drainScheduled = false;
			this.#writing = this.#drain().finally(() => {
				this.#writing = undefined;
				if (this.#pending.length > 0) {
					this.#scheduleDrain();
				}
			});
			this.#writing.catch(() => undefined);
		});
	}

	async #drain(): Promise<void> {
		while (this.#pending.length > 0) {
			// Records held here are still pending: unconfirmed() lists them, and they go in the batch taken after.
			await this.#options.beforeBatch?.();
			const batch = this.#pending;
			const done = this.#pendingDone ?? deferred();
			this.#pending = [];
			this.#pendingDone = undefined;
			this.#inFlightDone = done;
			this.#inFlight = batch;
			try {
				await this.#writeBatch(batch);
				done.resolve();
			} catch (error) {
				this.#options.onWarning({code: 'write_failed', message: `A journal write failed (${(error as Error).message}); its ${batch.length} records were not kept, and the next records go to a new segment.`});
				done.reject(error);
			} finally {
				this.#inFlightDone = undefined;
				this.#inFlight = [];
			}
		}
	}

	async #writeBatch(batch: readonly JournalEntry[]): Promise<void> {
		if (this.#handle === undefined) {
			await this.#startSegment();
		}

		const firstSeq = this.#seq;
		const lines = batch.map(entry => encodeEntry(++this.#seq, entry));
		const data = Buffer.from(lines.join(''), 'utf8');
		const handle = this.#handle;
		if (handle === undefined) {
			throw new Error('No journal segment is open');
		}

		try {
			await writeAll(handle, data);
			await handle.datasync();
		} catch (error) {
			this.#seq = firstSeq;
			await this.#abandonSegment();
			throw error;
		}

		const start = this.#size;
		this.#size += data.length;
		this.#segmentRecords += batch.length;
		if ((await handle.stat()).nlink === 0) {
			// Deleted while this process was taken for dead: the batch went nowhere, so write it again elsewhere.
			this.#options.onWarning({code: 'segment_lost_under_writer', message: `Journal segment ${this.#segment} of writer ${this.writerId} was deleted while still in use; its last batch is written again to a new segment.`});
			await this.#abandonSegment();
			await this.#writeBatch(batch);
			return;
		}

		this.#durableSeq = this.#seq;
		this.#options.onBatchWritten?.(data.length);
		this.#reportDecisions(batch, lines, start);

		if (this.#size >= this.#options.segmentBytes) {
			await this.#seal();
			await this.#startSegment();
		}
	}

	/** Tells the store where each decision of a durable batch starts: `lines` are the batch's, from byte `start`. */
	#reportDecisions(batch: readonly JournalEntry[], lines: readonly string[], start: number): void {
		const report = this.#options.onDecisionWritten;
		if (report === undefined) {
			return;
		}

		const segment = segmentName(this.writerId, this.#segment);
		let offset = start;
		for (const [index, entry] of batch.entries()) {
			if (entry.type === 'decision') {
				report(entry.decision.hash, segment, offset);
			}

			offset += Buffer.byteLength(lines[index] ?? '');
		}
	}

	async #startSegment(): Promise<void> {
		this.#segment++;
		const file = this.#layout.segmentFile(this.writerId, this.#segment);
		const handle = await this.#fileSystem.open(file, 'wx');
		try {
			const header = Buffer.from(`${JSON.stringify({schemaVersion: WORKSPACE_SCHEMA_VERSION, writer: this.writerId, segment: this.#segment, createdAt: new Date(this.#options.clock()).toISOString()})}\n`, 'utf8');
			await writeAll(handle, header);
			await handle.datasync();
			await this.#fileSystem.syncDirectory(this.#layout.journalDirectory);
			this.#size = header.length;
			this.#segmentRecords = 0;
			this.#handle = handle;
		} catch (error) {
			await handle.close().catch(() => undefined);
			throw error;
		}
	}

	async #seal(): Promise<void> {
		const handle = this.#handle;
		if (handle === undefined) {
			return;
		}

		const seal = Buffer.from(encodeEntry(++this.#seq, {type: 'seal'}), 'utf8');
		try {
			await writeAll(handle, seal);
			await handle.datasync();
		} finally {
			await handle.close().catch(() => undefined);
			this.#handle = undefined;
		}
	}

	/** Deletes the current segment if it holds no record; false when it holds some, or cannot be deleted. */
	async #deleteEmptySegment(): Promise<boolean> {
		if (this.#segmentRecords > 0) {
			return false;
		}

		const deleted = await this.#fileSystem.unlink(this.#layout.segmentFile(this.writerId, this.#segment)).then(() => true, () => false);
		if (deleted) {
			await this.#abandonSegment();
		}

		return deleted;
	}

	async #abandonSegment(): Promise<void> {
		await this.#handle?.close().catch(() => undefined);
		this.#handle = undefined;
	}
}
