import path from 'node:path';
import {LearningState, type LearningOptions} from '../../learning/learning-state.js';
import {OpsState} from '../../ops/ops-state.js';
import type {HealthOptions} from '../../ops/provider-health.js';
import {NO_ARCHIVE} from '../decision-index.js';
import type {WorkspaceWarning} from '../workspace-warning.js';
import {writeAll} from './atomic-write.js';
import {encodeDecisionTable} from './decision-table.js';
import {encodeFoldedLog} from './folded-log.js';
import type {FileSystem} from './file-system.js';
import {encodeBody} from './journal-line.js';
import {listSegments, readWorkspace} from './read-workspace.js';
import {writeSnapshot} from './snapshot-files.js';
import {removeStrayFiles} from './stray-files.js';
import {isTierwiseError} from '../../errors/tierwise-error.js';
import {isWriterAlive, LOCK_STALE_MS, tryWorkspaceLock, withWorkspaceLock} from './workspace-lock.js';
import {parseSegmentName, type WorkspaceLayout} from './workspace-layout.js';
import {WORKSPACE_SCHEMA_VERSION, type SnapshotMeta, type WorkspaceOptions} from './workspace-schemas.js';

export type CompactionOptions = {
	/** How long to wait for the workspace lock; 0 gives up at once when another process holds it. */
	readonly lockWaitMs: number;
	readonly fileSystem: FileSystem;
	readonly layout: WorkspaceLayout;
	readonly maxDecisions: number;
	readonly workspaceOptions: WorkspaceOptions;
	readonly nowMs: number;
	readonly onWarning: (warning: WorkspaceWarning) => void;
	/** The router's learning options: the snapshot folds observations in as the router does. */
	readonly learningOptions?: LearningOptions;
	/** The router's health options: the snapshot folds provider events in as the router does. */
	readonly healthOptions?: HealthOptions;
	/**
	 * What this process's last compaction folded, if it is the live generation still: its learning and operations
	 * are taken as they are instead of being read and rebuilt from the snapshot. Handed over, not shared: the
	 * compaction changes them, so the caller must not use them again.
	 */
	readonly folded?: FoldedState | undefined;
	/** Called once the new generation is live, with what it folded, for the next compaction. */
	readonly keepFolded?: (state: FoldedState) => void;
};

/** The learning and operations of a generation as its compaction built them. */
export type FoldedState = {
	readonly generation: number;
	readonly learning: LearningState;
	readonly ops: OpsState;
};

/** What one compaction did. */
export type CompactionReport = {
	readonly generation: number;
	/** Decisions kept in the new snapshot, and how many of them have an outcome. */
	readonly decisions: number;
	readonly outcomes: number;
	/** Decisions dropped for being past their retention. */
	readonly expired: number;
	/** Records moved from journals into the new archive. */
	readonly archived: number;
	/** Observations folded into the snapshot's learning. */
	readonly learned: number;
	readonly deletedSegments: number;
};

/**
 * Folds the journals into a new snapshot generation under the workspace lock; returns undefined when another
 * process held the lock for longer than `lockWaitMs`. The commit point is the atomic rename of `CURRENT`:
 * whatever fails before it leaves the previous generation live and nothing deleted. Only after it are the journal
 * segments it consumed deleted: its archive keeps their decisions and outcomes, and its folded log their
 * observations and ops events, so that if the new generation is ever found damaged, the previous one (its base)
 * with the folded log gives the same state.
 */
export async function compactWorkspace(options: CompactionOptions): Promise<CompactionReport | undefined> {
	return options.lockWaitMs > 0
		? withWorkspaceLock(options.layout.directory, options.lockWaitMs, async () => compactLocked(options)).catch((error: unknown) => {
			if (isTierwiseError(error) && error.code === 'workspace_locked') {
				return undefined;
			}

			throw error;
		})
		: tryWorkspaceLock(options.layout.directory, async () => compactLocked(options));
}

async function compactLocked(options: CompactionOptions): Promise<CompactionReport> {
	const {fileSystem, layout, nowMs} = options;
	const contents = await readWorkspace({fileSystem, layout, maxDecisions: options.maxDecisions, onCorrupt: 'fail', onWarning: options.onWarning, repair: true, keepRecords: true, learningHeldFor: options.folded?.generation});
	// Parsing learning.json and rebuilding the similar-prompt memory from it was most of a compaction's work.
	const held = options.folded !== undefined && options.folded.generation === contents.generation ? options.folded : undefined;
	const previous = contents.meta;
	const base = contents.generation;
	const archives = [...(previous?.archives ?? [])];
	// Past every number in use: after a fall back, CURRENT names a damaged generation above the base, and the
	// archives and folded log of that generation may still be in use.
	const generation = 1 + Math.max(base ?? 0, contents.pointer ?? 0, ...archives.map(archive => Number.parseInt(archive.name, 10) || 0));
	const foldedArchives = [...contents.foldedArchives];

	if (contents.records.length > 0) {
		const name = `${String(generation).padStart(8, '0')}.jsonl`;
		const offsets = await writeArchive(fileSystem, layout, name, generation, nowMs, contents.records.map(({body}) => body));
		let newestMs = 0;
		for (const [position, {summary}] of contents.records.entries()) {
			if (summary.type === 'decision') {
				contents.index.setArchive(summary.hash, archives.length, offsets[position] ?? 0);
				newestMs = Math.max(newestMs, summary.routedAtMs);
			} else {
				newestMs = Math.max(newestMs, summary.reportedAtMs);
			}
		}

		archives.push({name, newestMs});
		foldedArchives.push({name, newestMs});
	}

	const retentionMs = options.workspaceOptions.decisionRetentionMs;
	const {kept: keptArchives, archiveOf} = keepArchives(archives, archive => nowMs - archive.newestMs <= retentionMs);
	const decisions = encodeDecisionTable(contents.index, row => nowMs - row.routedAtMs <= retentionMs, archiveOf);
	const newDecisions = contents.records.filter(({summary}) => summary.type === 'decision').length;
	const newOutcomes = contents.records.length - newDecisions;
	const learning = held?.learning ?? new LearningState(options.learningOptions ?? {}, contents.learning);
	for (const observation of contents.observations) {
		learning.apply(observation);
	}

	const ops = held?.ops ?? new OpsState(options.healthOptions ?? {}, contents.ops);
	for (const event of contents.opsEvents) {
		ops.apply(event);
	}

	const meta: SnapshotMeta = {
		schemaVersion: WORKSPACE_SCHEMA_VERSION,
		generation,
		createdAt: new Date(nowMs).toISOString(),
		journals: [...contents.positions].map(([file, position]) => ({file, offset: position.offset, lines: position.lines, seq: position.seq, sealed: position.sealed})),
		models: [...contents.index.modelNames],
		archives: keptArchives,
		decisionRows: decisions.rows,
		counters: {decisions: (previous?.counters.decisions ?? 0) + newDecisions, outcomes: (previous?.counters.outcomes ?? 0) + newOutcomes},
	};
	const keptNames = new Set(keptArchives.map(archive => archive.name));
	const folded = encodeFoldedLog({
		schemaVersion: WORKSPACE_SCHEMA_VERSION,
		folded: generation,
		base: base ?? null,
		createdAt: meta.createdAt,
		journals: meta.journals,
		archives: foldedArchives.filter(archive => keptNames.has(archive.name)),
		counters: meta.counters,
	}, contents.foldedBodies);
	await writeSnapshot(fileSystem, layout, meta, decisions.table, learning.toJSON(), ops.toJSON(), folded);
	options.keepFolded?.({generation, learning, ops});

	// The new generation is live. Everything below only removes what neither it nor its fallback (the base, with
	// the new folded log) needs: the journals it consumed are in its archive and folded log.
	const deletedSegments = await deleteConsumedSegments(options, meta);
	await removeStrayFiles(fileSystem, layout);
	await deleteOldGenerations(fileSystem, layout, generation, base);
	await deleteUnreferencedArchives(fileSystem, layout, new Set([...keptArchives, ...(previous?.archives ?? [])].map(archive => archive.name)));
	return {
		generation,
		decisions: decisions.rows,
		outcomes: decisions.outcomes,
		expired: contents.index.size - decisions.rows,
		archived: contents.records.length,
		learned: contents.observations.length,
		deletedSegments,
	};
}

/** Writes the archive of one compaction, each record's text as the journal had it; returns each line's byte offset. */
async function writeArchive(fileSystem: FileSystem, layout: WorkspaceLayout, name: string, generation: number, nowMs: number, bodies: readonly string[]): Promise<number[]> {
	await fileSystem.makeDirectory(layout.archiveDirectory);
	const file = layout.archiveFile(name);
	// A compaction that failed before its commit point may have left this very file behind.
	await fileSystem.unlink(file).catch(() => undefined);
	const header = `${JSON.stringify({schemaVersion: WORKSPACE_SCHEMA_VERSION, archive: generation, createdAt: new Date(nowMs).toISOString()})}\n`;
	const offsets: number[] = [];
	const lines: string[] = [header];
	let offset = Buffer.byteLength(header);
	for (const [position, body] of bodies.entries()) {
		const line = encodeBody(position + 1, body);
		offsets.push(offset);
		lines.push(line);
		offset += Buffer.byteLength(line);
	}

	const handle = await fileSystem.open(file, 'wx');
	try {
		await writeAll(handle, Buffer.from(lines.join(''), 'utf8'));
		await handle.sync();
	} finally {
		await handle.close();
	}

	await fileSystem.syncDirectory(layout.archiveDirectory);
	return offsets;
}

type Archive = SnapshotMeta['archives'][number];

/**
 * Keeps the archives that hold anything within retention (outcomes too: an archive may hold only outcomes of
 * decisions archived earlier), with the new number of each old one for the rows. A kept row's archive is always
 * kept: it holds that row's decision, which is no older than the row.
 */
function keepArchives(archives: readonly Archive[], keep: (archive: Archive) => boolean): {kept: Archive[]; archiveOf: (archive: number) => number} {
	const renumbered = new Uint16Array(archives.length).fill(NO_ARCHIVE);
	const kept: Archive[] = [];
	for (const [index, archive] of archives.entries()) {
		if (keep(archive)) {
			renumbered[index] = kept.length;
			kept.push(archive);
		}
	}

	return {kept, archiveOf: archive => renumbered[archive] ?? NO_ARCHIVE};
}

/**
 * Deletes journal segments the new generation consumed to the end: sealed ones, and unsealed ones of writers dead
 * for longer than the grace period (whose lock directory goes too).
 */
async function deleteConsumedSegments(options: CompactionOptions, live: SnapshotMeta): Promise<number> {
	const {fileSystem, layout} = options;
	const present = new Set(await listSegments(options));
	let deleted = 0;
	for (const journal of live.journals) {
		if (!present.has(journal.file)) {
			continue;
		}

		const file = path.join(layout.journalDirectory, journal.file);
		const {size, mtimeMs} = await fileSystem.stat(file);
		const consumed = journal.offset === size;
		const writer = parseSegmentName(journal.file)?.writer ?? '';
		const deletable = consumed && (journal.sealed || await isLongDead(options, writer, mtimeMs));
		if (deletable) {
			await fileSystem.unlink(file);
			deleted++;
		}
	}

	if (deleted > 0) {
		await fileSystem.syncDirectory(layout.journalDirectory);
	}

	return deleted;
}

async function isLongDead(options: CompactionOptions, writer: string, segmentMtimeMs: number): Promise<boolean> {
	const {fileSystem, layout} = options;
	if (await isWriterAlive(layout.journalDirectory, writer)) {
		return false;
	}

	const lock = path.join(layout.journalDirectory, `${writer}.lock`);
	const lastSignOfLife = await fileSystem.stat(lock).then(stats => stats.mtimeMs, () => segmentMtimeMs);
	return options.nowMs - lastSignOfLife > Math.max(options.workspaceOptions.deadWriterGraceMs, LOCK_STALE_MS);
}

/** Deletes the generations below `base` (the live one's fallback), and every folded log but the live one's. */
async function deleteOldGenerations(fileSystem: FileSystem, layout: WorkspaceLayout, live: number, base: number | undefined): Promise<void> {
	for (const name of await fileSystem.readDirectory(layout.snapshotDirectory)) {
		const generation = Number.parseInt(name, 10);
		if (/^\d{8}$/u.test(name) && generation < (base ?? live)) {
			await fileSystem.removeDirectory(path.join(layout.snapshotDirectory, name));
		} else if (/^\d{8}\.folded\.jsonl$/u.test(name) && generation !== live) {
			await fileSystem.unlink(path.join(layout.snapshotDirectory, name));
		}
	}
}

async function deleteUnreferencedArchives(fileSystem: FileSystem, layout: WorkspaceLayout, referenced: ReadonlySet<string>): Promise<void> {
	const names = await fileSystem.readDirectory(layout.archiveDirectory).catch(() => [] as string[]);
	for (const name of names) {
		if (name.endsWith('.jsonl') && !referenced.has(name)) {
			await fileSystem.unlink(layout.archiveFile(name));
		}
	}
}
