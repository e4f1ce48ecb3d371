import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import type {DecisionRecord} from '../../decision/routing-decision.js';
import type {ExperimentConfig} from '../../experiments/experiment-config.js';
import {TierwiseError} from '../../errors/tierwise-error.js';
import type {LearningOptions} from '../../learning/learning-state.js';
import type {Observation} from '../../learning/observation.js';
import type {OpsEvent} from '../../ops/ops-event.js';
import type {HealthOptions} from '../../ops/provider-health.js';
import type {ModelConfig} from '../../models/model-config.js';
import type {DecisionIndex, DecisionStub} from '../decision-index.js';
import type {WorkspaceRecord} from '../workspace-record.js';
import {summarizeRecord, type RecordSummary} from '../record-summary.js';
import type {StateSink, WorkspaceStore} from '../workspace-store.js';
import type {WorkspaceWarning} from '../workspace-warning.js';
import {removeStrayFiles} from './stray-files.js';
import {compactWorkspace, type CompactionReport, type FoldedState} from './compaction.js';
import {nodeFileSystem, type FileSystem} from './file-system.js';
import {decodeEntry} from './journal-line.js';
import {JournalWriter} from './journal-writer.js';
import {LineReader} from './line-reader.js';
import {compactedWhileRead, listSegments, readWorkspace, type JournalLine, type OnCorrupt} from './read-workspace.js';
import {scanSegment, startOfSegment, type SegmentPosition} from './segment-scan.js';
import {SharedList} from './shared-list.js';
import {readCurrentGeneration, readSnapshotMeta} from './snapshot-files.js';
import {WorkspaceDocument} from './workspace-document.js';
import {WorkspaceLayout, parseSegmentName} from './workspace-layout.js';
import {tryWorkspaceLock} from './workspace-lock.js';
import {
	DEFAULT_WORKSPACE_OPTIONS,
	experimentsFileSchema,
	modelsFileSchema,
	WORKSPACE_SCHEMA_VERSION,
	workspaceFileSchema,
	type ExperimentsFile,
	type ModelsFile,
	type SnapshotMeta,
	type WorkspaceFile,
	type WorkspaceOptions,
} from './workspace-schemas.js';

export type FileStoreOptions = {
	readonly maxDecisions: number;
	readonly clock: () => number;
	readonly onWarning: (warning: WorkspaceWarning) => void;
	/** @default 'fail' */
	readonly onCorrupt?: OnCorrupt;
	/** Read without a writer: no journal of its own, no repairs, refusing appends. @default false */
	readonly readOnly?: boolean;
	/** How often other processes' records are read in by themselves; 0 turns it off. @default 1000 */
	readonly refreshIntervalMs?: number;
	/** How long to wait for the workspace lock to change a document. @default 10_000 */
	readonly lockWaitMs?: number;
	/** Options for a workspace this store creates. */
	readonly createWith?: Partial<WorkspaceOptions>;
	/** The file-system calls, replaceable to inject faults in tests. */
	readonly fileSystem?: FileSystem;
	/** How compaction folds observations into a snapshot's learning: as the router does. */
	readonly learningOptions?: LearningOptions;
	/** How compaction folds provider events into a snapshot's health: as the router does. */
	readonly healthOptions?: HealthOptions;
	/** How long a batch is held at most while the journals are full (see `#makeRoom`); then it is written anyway, with a warning. @default 30_000 */
	readonly journalStallMs?: number;
};

/** How often a held batch looks again whether a compaction has made room. */
const stallPollMs = 50;

/**
 * A workspace directory several processes share; the format is in docs/workspace-format.md. Records go to this
 * process's own journal with group commit; models and experiments go to `models.json` and `experiments.json`
 * under the workspace lock; other processes' records arrive with refresh(); compaction folds journals into
 * snapshots once they pass a size.
 */
export class FileStore implements WorkspaceStore {
	readonly location: string;
	readonly #layout: WorkspaceLayout;
	readonly #fileSystem: FileSystem;
	readonly #options: FileStoreOptions;
	readonly #workspace: WorkspaceFile;
	readonly #models: SharedList<ModelsFile, ModelConfig>;
	readonly #experiments: SharedList<ExperimentsFile, ExperimentConfig>;
	#sink: StateSink | undefined;
	#writer: JournalWriter | undefined;
	#generation: number | undefined;
	readonly #lines: LineReader;
	/**
	 * Where each decision in the journals since the snapshot starts, so that an outcome for a decision no longer in
	 * the router's memory reads one line, not every journal: scanning them took 45 ms an outcome. As large as the
	 * journals are, which compaction bounds; replaced by what each rebuild reads.
	 */
	#journalDecisions = new Map<string, JournalLine>();
	/** What this process's last compaction folded, for the next one while its generation is live. */
	#folded: FoldedState | undefined;
	#meta: SnapshotMeta | undefined;
	#positions = new Map<string, SegmentPosition>();
	#refreshing: Promise<void> | undefined;
	#compacting: Promise<CompactionReport | undefined> | undefined;
	#timer: NodeJS.Timeout | undefined;
	#writtenSinceCheck = 0;
	/** Journal bytes no snapshot has consumed, as last measured, plus what this process has written since. */
	#unconsumedBytes = 0;
	#closed = false;

	private constructor(layout: WorkspaceLayout, fileSystem: FileSystem, options: FileStoreOptions, workspace: WorkspaceFile) {
		this.#layout = layout;
		this.location = layout.directory;
		this.#fileSystem = fileSystem;
		this.#options = options;
		this.#workspace = workspace;
		this.#lines = new LineReader(fileSystem);
		const lockWaitMs = options.lockWaitMs ?? 10_000;
		this.#models = new SharedList(new WorkspaceDocument(fileSystem, layout.directory, layout.modelsFile, 'models.json', modelsFileSchema, lockWaitMs), {
			itemsOf: file => file.models as ModelConfig[],
			fileOf: (revision, models) => ({schemaVersion: WORKSPACE_SCHEMA_VERSION, revision, models: models as ModelsFile['models']}),
		});
		this.#experiments = new SharedList(new WorkspaceDocument(fileSystem, layout.directory, layout.experimentsFile, 'experiments.json', experimentsFileSchema, lockWaitMs), {
			itemsOf: file => file.experiments as ExperimentConfig[],
			fileOf: (revision, experiments) => ({schemaVersion: WORKSPACE_SCHEMA_VERSION, revision, experiments}),
		});
	}

	/**
	 * Opens the workspace in `directory`, creating it when it does not exist (unless read-only). Throws
	 * `workspace_corrupt` or `schema_version_unsupported` for a workspace file it cannot read.
	 */
	static async open(directory: string, options: FileStoreOptions): Promise<FileStore> {
		const layout = new WorkspaceLayout(directory);
		const fileSystem = options.fileSystem ?? nodeFileSystem;
		const lockWaitMs = options.lockWaitMs ?? 10_000;
		const document = new WorkspaceDocument(fileSystem, layout.directory, layout.workspaceFile, 'workspace.json', workspaceFileSchema, lockWaitMs);
		let workspace = await document.read();
		if (workspace === undefined) {
			if (options.readOnly === true) {
				throw new TierwiseError('invalid_input', `There is no workspace in ${layout.directory}. Create one with \`tierwise init ${directory}\`, or open it with a router that may write.`);
			}

			await fileSystem.makeDirectory(layout.directory);
			workspace = await document.update(current => current ?? {
				schemaVersion: WORKSPACE_SCHEMA_VERSION,
				id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
				createdAt: new Date(options.clock()).toISOString(),
				options: {...DEFAULT_WORKSPACE_OPTIONS, ...options.createWith},
			});
			const models = new WorkspaceDocument(fileSystem, layout.directory, layout.modelsFile, 'models.json', modelsFileSchema, lockWaitMs);
			await models.update(current => current ?? {schemaVersion: WORKSPACE_SCHEMA_VERSION, revision: 0, models: []});
		}

		return new FileStore(layout, fileSystem, options, workspace);
	}

	/** The workspace's own options (retention, compaction threshold), shared by every process. */
	get workspaceOptions(): WorkspaceOptions {
		return this.#workspace.options;
	}

	async load(sink: StateSink): Promise<void> {
		this.#sink = sink;
		if (this.#options.readOnly !== true) {
			// Housekeeping only: when the lock is busy (or left by a crashed process), compaction does it later.
			await tryWorkspaceLock(this.#layout.directory, async () => removeStrayFiles(this.#fileSystem, this.#layout));
		}

		await this.#loadDocuments(true);
		const contents = await this.#read(this.#options.readOnly !== true);
		sink.replaceDecisions(contents.index);
		sink.replaceLearning(contents.learning, contents.observations);
		sink.replaceOps(contents.ops, contents.opsEvents);
		if (this.#options.readOnly !== true) {
			this.#writer = await JournalWriter.open(this.#fileSystem, this.#layout, {
				segmentBytes: this.#workspace.options.segmentBytes,
				onWarning: this.#options.onWarning,
				clock: this.#options.clock,
				onDecisionWritten: (hash, segment, offset) => {
					this.#journalDecisions.set(hash, {segment, offset});
				},
				onBatchWritten: bytes => {
					this.#unconsumedBytes += bytes;
					this.#checkCompactionAfter(bytes);
				},
				beforeBatch: async () => this.#makeRoom(),
			});
			this.#unconsumedBytes = await this.#unconsumedJournalBytes();
			// Records salvaged from quarantined segments are written again, so that they are kept.
			for (const record of contents.salvaged) {
				this.#writer.append(record);
			}

			await this.#writer.flush();
			// Not when CURRENT itself was damaged and moved aside: a compaction would then start from no snapshot.
			if (contents.fellBackFrom !== undefined && contents.pointer !== undefined) {
				await this.#compactAfterFallBack(contents.fellBackFrom);
			}
		}

		const interval = this.#options.refreshIntervalMs ?? 1000;
		if (interval > 0) {
			this.#timer = setInterval(() => {
				this.refresh().catch((error: unknown) => {
					this.#options.onWarning({code: 'refresh_failed', message: `Reading other processes' records failed (${(error as Error).message}); the next refresh tries again.`});
				});
			}, interval);
			this.#timer.unref();
		}
	}

	/**
	 * Folds what the read fell back to into a new generation, so that `CURRENT` names an intact one again and the
	 * next opener need not fall back.
	 */
	async #compactAfterFallBack(damaged: number): Promise<void> {
		try {
			if (await this.#compact(this.#options.lockWaitMs ?? 10_000) !== undefined) {
				await this.refresh();
			}
		} catch (error) {
			this.#options.onWarning({code: 'compaction_failed', message: `Compaction after falling back from snapshot generation ${damaged} failed (${(error as Error).message}); every opener falls back again until one succeeds.`});
		}
	}

	append(record: WorkspaceRecord): void {
		if (this.#closed) {
			throw new TierwiseError('router_closed', 'This workspace is closed. Open a router again to record more.');
		}

		if (record.type === 'model' || record.type === 'model_removed' || record.type === 'experiment') {
			this.#changeDocument(record);
			return;
		}

		if (this.#writer === undefined) {
			throw new TierwiseError('workspace_read_only', `The workspace ${this.location} was opened read-only. Open it without readOnly to record decisions and outcomes.`);
		}

		this.#writer.append(record);
	}

	async flush(): Promise<void> {
		await this.#writer?.flush();
		await this.#models.settled();
		await this.#experiments.settled();
	}

	/** Reads what other processes recorded; rebuilds from the snapshot when one of them has compacted. */
	async refresh(): Promise<void> {
		this.#refreshing ??= this.#refresh().finally(() => {
			this.#refreshing = undefined;
		});
		return this.#refreshing;
	}

	async findDecision(hash: string, stub: DecisionStub | undefined): Promise<DecisionRecord | undefined> {
		const archive = stub?.archive === undefined ? undefined : this.#meta?.archives[stub.archive.index];
		if (archive !== undefined && stub?.archive !== undefined) {
			const found = await this.#readDecisionAt(this.#layout.archiveFile(archive.name), stub.archive.offset, hash);
			if (found !== undefined) {
				return found;
			}
		}

		// Not archived when this process last read the snapshot: in a journal, where this process saw it written or
		// read it, or in an archive written since, when a compaction has folded that journal in and deleted it.
		const line = this.#journalDecisions.get(hash);
		const atLine = line === undefined ? undefined : await this.#readDecisionAt(path.join(this.#layout.journalDirectory, line.segment), line.offset, hash);
		if (atLine !== undefined) {
			return atLine;
		}

		for (const name of await listSegments({fileSystem: this.#fileSystem, layout: this.#layout})) {
			const found = await this.#findDecisionIn(path.join(this.#layout.journalDirectory, name), hash);
			if (found !== undefined) {
				return found;
			}
		}

		const known = new Set(this.#meta?.archives.map(archive => archive.name));
		for (const archive of (await this.#liveMeta())?.archives ?? []) {
			const found = known.has(archive.name) ? undefined : await this.#findDecisionIn(this.#layout.archiveFile(archive.name), hash);
			if (found !== undefined) {
				return found;
			}
		}

		return undefined;
	}

	/** The decision `hash` in a journal or archive file, read whole; undefined when absent or when the file is gone. */
	async #findDecisionIn(file: string, hash: string): Promise<DecisionRecord | undefined> {
		const text = (await this.#fileSystem.readFile(file).catch(() => Buffer.alloc(0))).toString('utf8');
		for (const line of text.split('\n')) {
			if (line.includes(hash)) {
				const decoded = decodeEntry(line);
				if (decoded.ok && decoded.entry.type === 'decision' && decoded.entry.decision.hash === hash) {
					return decoded.entry.decision;
				}
			}
		}

		return undefined;
	}

	/**
	 * The archives holding anything from `sinceMs` on, then every journal segment from where the live snapshot
	 * left it, read afresh from disk: decisions and outcomes of every process. A compaction that deletes a file
	 * while it is read makes this throw ENOENT; the caller reads again.
	 */
	async *scanRecords(sinceMs: number): AsyncGenerator<WorkspaceRecord> {
		await this.flush();
		const generation = await readCurrentGeneration(this.#fileSystem, this.#layout);
		const meta = generation === undefined ? undefined : await readSnapshotMeta(this.#fileSystem, this.#layout, generation);
		for (const archive of meta?.archives ?? []) {
			if (archive.newestMs >= sinceMs) {
				yield* this.#recordsOf(this.#layout.archiveFile(archive.name), 0);
			}
		}

		const watermarks = new Map((meta?.journals ?? []).map(journal => [journal.file, journal.offset]));
		for (const name of await listSegments({fileSystem: this.#fileSystem, layout: this.#layout})) {
			yield* this.#recordsOf(path.join(this.#layout.journalDirectory, name), watermarks.get(name) ?? 0);
		}

		if (await readCurrentGeneration(this.#fileSystem, this.#layout) !== generation) {
			throw compactedWhileRead();
		}
	}

	/** The records of a journal or archive file from a byte offset; headers, seals and torn lines are skipped. */
	async *#recordsOf(file: string, offset: number): AsyncGenerator<WorkspaceRecord> {
		const text = (await this.#fileSystem.readFile(file)).subarray(offset).toString('utf8');
		for (const line of text.split('\n')) {
			const decoded = decodeEntry(line);
			if (decoded.ok && decoded.entry.type !== 'seal') {
				yield decoded.entry;
			}
		}
	}

	/**
	 * Compacts now, waiting up to `lockWaitMs` for the lock, then rebuilds this process's state from the new
	 * snapshot. A compaction already under way may have read the journals before the latest records: it is let
	 * finish, and a new one folds in everything recorded before this call.
	 */
	async compact(): Promise<CompactionReport | undefined> {
		await this.flush();
		while (this.#compacting !== undefined) {
			await this.#compacting.catch(() => undefined);
		}

		const report = await this.#compact(this.#options.lockWaitMs ?? 10_000);
		if (report !== undefined) {
			await this.refresh();
		}

		return report;
	}

	/**
	 * Compacts, waiting up to `lockWaitMs` for the lock (0: only if it is free); one compaction at a time. It
	 * never refreshes by itself: a compaction started by a refresh would otherwise wait for that very refresh.
	 * Nor does it flush: a batch held for room (`#makeRoom`) waits for this very compaction.
	 */
	async #compact(lockWaitMs: number): Promise<CompactionReport | undefined> {
		if (this.#compacting === undefined) {
			// Handed over, not shared: a compaction that fails part-way has changed it.
			const folded = this.#folded;
			this.#folded = undefined;
			this.#compacting = (async () => compactWorkspace({
				lockWaitMs,
				fileSystem: this.#fileSystem,
				layout: this.#layout,
				maxDecisions: this.#options.maxDecisions,
				workspaceOptions: this.#workspace.options,
				nowMs: this.#options.clock(),
				onWarning: this.#options.onWarning,
				...(this.#options.learningOptions === undefined ? {} : {learningOptions: this.#options.learningOptions}),
				...(this.#options.healthOptions === undefined ? {} : {healthOptions: this.#options.healthOptions}),
				folded,
				keepFolded: state => {
					this.#folded = state;
				},
			}))().finally(() => {
				this.#compacting = undefined;
			});
		}

		return this.#compacting;
	}


	async close(): Promise<void> {
		if (this.#closed) {
			return;
		}

		this.#closed = true;
		clearInterval(this.#timer);
		await this.#refreshing?.catch(() => undefined);
		await this.#compacting?.catch(() => undefined);
		try {
			await this.flush();
		} finally {
			await this.#writer?.close();
			await this.#lines.close();
		}
	}

	async #refresh(): Promise<void> {
		const sink = this.#sink;
		if (sink === undefined || this.#closed) {
			return;
		}

		await this.#loadDocuments(false);
		const generation = await readCurrentGeneration(this.#fileSystem, this.#layout);
		await (generation === this.#generation ? this.#readNewRecords(sink) : this.#rebuild(sink));
		if (await this.#compactIfDue()) {
			await this.#rebuild(sink);
		}
	}

	/**
	 * Journals grow between refreshes by what this process writes: every quarter of the compaction threshold
	 * written, check at once whether the journals are due, rather than on the next refresh, so that a fast
	 * writer cannot run far past the threshold.
	 */
	#checkCompactionAfter(bytes: number): void {
		this.#writtenSinceCheck += bytes;
		// A refresh under way may have looked before these bytes: check again once it is over.
		if (this.#writtenSinceCheck < this.#workspace.options.compactAfterBytes / 4 || this.#refreshing !== undefined || this.#closed) {
			return;
		}

		this.#writtenSinceCheck = 0;
		this.refresh().catch((error: unknown) => {
			this.#options.onWarning({code: 'refresh_failed', message: `Reading other processes' records failed (${(error as Error).message}); the next refresh tries again.`});
		});
	}

	/** A process compacted: rebuild from its snapshot, then apply again what is not on disk yet. */
	async #rebuild(sink: StateSink): Promise<void> {
		const contents = await this.#read(false);
		const observations = [...contents.observations];
		const opsEvents = [...contents.opsEvents];
		await this.#readOwnRecordsSince(contents.index, observations, opsEvents);
		// No await from here on: the records still queued or in flight are exactly those not on disk.
		sink.replaceDecisions(contents.index);
		sink.replaceLearning(contents.learning, observations);
		sink.replaceOps(contents.ops, opsEvents);
		for (const entry of this.#writer?.unconfirmed() ?? []) {
			if (entry.type !== 'seal') {
				sink.apply(summarizeRecord(entry));
			}
		}
	}

	/**
	 * Adds to `index` this process's records that became durable while the workspace was being read: no longer
	 * queued, yet maybe written after the read passed this process's journal. Reads until the journal holds
	 * every record the writer knows to be durable.
	 */
	async #readOwnRecordsSince(index: DecisionIndex, observations: Observation[], opsEvents: OpsEvent[]): Promise<void> {
		const writer = this.#writer;
		if (writer === undefined) {
			return;
		}

		let previousSeq = -1;
		for (;;) {
			const own = (await listSegments({fileSystem: this.#fileSystem, layout: this.#layout})).filter(name => parseSegmentName(name)?.writer === writer.writerId);
			const readSeq = Math.max(0, ...own.map(name => this.#positions.get(name)?.seq ?? 0));
			// Done, or stuck (a damaged line stops the scan; reading the journal reports it): either way, stop.
			if (writer.durableSeq <= readSeq || readSeq === previousSeq) {
				return;
			}

			previousSeq = readSeq;

			for (const name of own) {
				const scan = await scanSegment(this.#fileSystem, path.join(this.#layout.journalDirectory, name), this.#positions.get(name) ?? startOfSegment());
				for (const {summary, offset} of scan.entries) {
					if (summary.type === 'decision') {
						index.add(summary.hash, summary.routedAtMs, summary.model, summary.tier);
						this.#journalDecisions.set(summary.hash, {segment: name, offset});
					} else if (summary.type === 'outcome') {
						index.markOutcome(summary.hash);
					} else if (summary.type === 'observation') {
						observations.push(summary.observation);
					} else if (summary.type === 'ops') {
						opsEvents.push(summary.event);
					}
				}

				this.#positions.set(name, scan.position);
			}
		}
	}

	/** Reads every segment but this process's own from where it was left; decisions first, then outcomes. */
	async #readNewRecords(sink: StateSink): Promise<void> {
		const outcomes: RecordSummary[] = [];
		for (const name of await listSegments({fileSystem: this.#fileSystem, layout: this.#layout})) {
			if (parseSegmentName(name)?.writer === this.#writer?.writerId) {
				continue;
			}

			const position = this.#positions.get(name) ?? startOfSegment();
			const scan = await scanSegment(this.#fileSystem, path.join(this.#layout.journalDirectory, name), position).catch(() => undefined);
			if (scan === undefined) {
				// Deleted by a compaction since it was listed; the next rebuild reads its records from the snapshot.
				continue;
			}

			if (scan.damage !== undefined) {
				this.#options.onWarning({code: 'refresh_failed', file: `journal/${name}`, message: `journal/${name} line ${scan.damage.line}: ${scan.damage.reason}. Records after it are not read; run \`tierwise verify\`.`});
			}

			for (const {summary, offset} of scan.entries) {
				if (summary.type === 'outcome') {
					outcomes.push(summary);
				} else {
					if (summary.type === 'decision') {
						this.#journalDecisions.set(summary.hash, {segment: name, offset});
					}

					sink.apply(summary);
				}
			}

			this.#positions.set(name, scan.position);
		}

		for (const outcome of outcomes) {
			sink.apply(outcome);
		}
	}

	/** Compacts in the background when the journals have passed their size and no process is at it; true if it did. */
	async #compactIfDue(): Promise<boolean> {
		if (this.#writer === undefined || this.#compacting !== undefined) {
			return false;
		}

		this.#unconsumedBytes = await this.#unconsumedJournalBytes();
		if (this.#unconsumedBytes < this.#workspace.options.compactAfterBytes) {
			return false;
		}

		try {
			return await this.#compact(0) !== undefined;
		} catch (error) {
			this.#options.onWarning({code: 'compaction_failed', message: `Compaction failed (${(error as Error).message}); the journals are intact, and it is tried again later.`});
			return false;
		}
	}

	/** Journal bytes on disk that `meta`'s snapshot (by default the one this process last read) has not consumed: what the next compaction folds in. */
	async #unconsumedJournalBytes(meta = this.#meta): Promise<number> {
		const consumed = new Map((meta?.journals ?? []).map(journal => [journal.file, journal.offset]));
		let bytes = 0;
		for (const name of await listSegments({fileSystem: this.#fileSystem, layout: this.#layout})) {
			const size = await this.#fileSystem.stat(path.join(this.#layout.journalDirectory, name)).then(stats => stats.size, () => 0);
			bytes += Math.max(0, size - (consumed.get(name) ?? 0));
		}

		return bytes;
	}

	/** The meta of the snapshot `CURRENT` names now: another process may have compacted since this one last read. */
	async #liveMeta(): Promise<SnapshotMeta | undefined> {
		const generation = await readCurrentGeneration(this.#fileSystem, this.#layout).catch(() => this.#generation);
		return generation === undefined || generation === this.#generation
			? this.#meta
			: readSnapshotMeta(this.#fileSystem, this.#layout, generation).catch(() => this.#meta);
	}

	/**
	 * Holds this process's next batch while the journals hold twice `compactAfterBytes` or more that no snapshot
	 * has consumed, compacting meanwhile: written faster than compaction folds them in (a compaction of a large
	 * workspace takes seconds), they would otherwise grow by the write rate times the compaction time, again and
	 * again. Appends still queue in memory meanwhile, and go out in the next batch. Gives up after
	 * `journalStallMs` (another process holding the workspace lock, a compaction that fails), warning, and writes
	 * anyway: held writes never turn into lost ones.
	 */
	async #makeRoom(): Promise<void> {
		const limit = 2 * this.#workspace.options.compactAfterBytes;
		if (this.#unconsumedBytes < limit || this.#closed) {
			return;
		}

		const stallMs = this.#options.journalStallMs ?? 30_000;
		const started = performance.now();
		try {
			for (;;) {
				this.#unconsumedBytes = await this.#unconsumedJournalBytes(await this.#liveMeta());
				// Closing writes what is held at once; `#closed` is read again after each wait.
				if (this.#unconsumedBytes < limit || this.#isClosed()) {
					return;
				}

				if (performance.now() - started > stallMs) {
					this.#options.onWarning({code: 'journals_over_limit', message: `The journals hold ${megabytes(this.#unconsumedBytes)} MB that no snapshot has folded in, over the ${megabytes(limit)} MB at which writes wait for a compaction, and none made room within ${stallMs / 1000} s (another process holds the workspace lock, or compaction fails). Writing on; run \`tierwise compact\` or \`tierwise verify\`.`});
					return;
				}

				const compaction = this.#compacting ?? this.#compact(0);
				const report = await Promise.race([compaction, delay(stallPollMs, 'running' as const)]);
				if (report === undefined) {
					// Another process holds the lock: its compaction makes room, or the lock goes stale.
					await delay(stallPollMs);
				}
			}
		} catch (error) {
			this.#options.onWarning({code: 'compaction_failed', message: `Compaction failed (${(error as Error).message}) while the journals were full; the journals are intact, writes go on, and it is tried again later.`});
		}
	}

	#isClosed(): boolean {
		return this.#closed;
	}

	async #read(repair: boolean): ReturnType<typeof readWorkspace> {
		const contents = await readWorkspace({
			fileSystem: this.#fileSystem,
			layout: this.#layout,
			maxDecisions: this.#options.maxDecisions,
			onCorrupt: this.#options.onCorrupt ?? 'fail',
			onWarning: this.#options.onWarning,
			repair,
			keepRecords: false,
		});
		// What CURRENT named, not the generation read: after falling back from a damaged generation, the two differ
		// until a compaction moves CURRENT on, and only a change of CURRENT means another process compacted.
		this.#generation = contents.pointer;
		this.#journalDecisions = contents.journalDecisions;
		this.#meta = contents.meta;
		this.#positions = contents.positions;
		return contents;
	}

	async #loadDocuments(always: boolean): Promise<void> {
		const models = await this.#models.readIfChanged(always);
		if (models !== undefined) {
			this.#sink?.replaceModels(models);
		}

		const experiments = await this.#experiments.readIfChanged(always);
		if (experiments !== undefined) {
			this.#sink?.replaceExperiments(experiments);
		}
	}

	/** Queues a change of models.json or experiments.json, then adopts what was written. */
	#changeDocument(record: Extract<WorkspaceRecord, {type: 'model' | 'model_removed' | 'experiment'}>): void {
		if (this.#options.readOnly === true) {
			throw new TierwiseError('workspace_read_only', `The workspace ${this.location} was opened read-only. Open it without readOnly to change its ${record.type === 'experiment' ? 'experiments' : 'models'}.`);
		}

		if (record.type === 'experiment') {
			// Two processes creating one name at once: the first written wins, and the other adopts it. Ending an
			// experiment (the same creation, with endedAt) replaces it.
			this.#experiments.change(experiments => {
				const existing = experiments.find(experiment => experiment.name === record.experiment.name);
				return existing === undefined || existing.createdAt === record.experiment.createdAt ? upsertByName(experiments, record.experiment) : experiments;
			}, written => {
				this.#sink?.replaceExperiments(written);
			});
			return;
		}

		this.#models.change(models => {
			if (record.type === 'model') {
				return upsertByName(models, record.model);
			}

			return models.filter(model => model.name !== record.name);
		}, written => {
			this.#sink?.replaceModels(written);
		});
	}

	async #readDecisionAt(file: string, offset: number, hash: string): Promise<DecisionRecord | undefined> {
		const line = await this.#lines.lineAt(file, offset);
		const decoded = line === undefined ? undefined : decodeEntry(line);
		return decoded?.ok === true && decoded.entry.type === 'decision' && decoded.entry.decision.hash === hash ? decoded.entry.decision : undefined;
	}
}

/** The list with `item` in place of the one of the same name, or added last. */
function upsertByName<Item extends {readonly name: string}>(items: Item[], item: Item): Item[] {
	const at = items.findIndex(existing => existing.name === item.name);
	if (at === -1) {
		items.push(item);
	} else {
		items[at] = item;
	}

	return items;
}

function megabytes(bytes: number): string {
	return (bytes / 2 ** 20).toFixed(1);
}
