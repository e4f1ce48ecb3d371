import path from 'node:path';
import {isTierwiseError, TierwiseError} from '../../errors/tierwise-error.js';
import type {LearningJson} from '../../learning/learning-state.js';
import type {Observation} from '../../learning/observation.js';
import type {OpsEvent} from '../../ops/ops-event.js';
import type {OpsJson} from '../../ops/ops-state.js';
import {DecisionIndex} from '../decision-index.js';
import {summarizeRecord, type RecordSummary} from '../record-summary.js';
import type {WorkspaceRecord} from '../workspace-record.js';
import type {WorkspaceWarning} from '../workspace-warning.js';
import {loadDecisionTable} from './decision-table.js';
import type {FileSystem} from './file-system.js';
import {decodeEntry} from './journal-line.js';
import {readFoldedLog, type FoldedLog} from './folded-log.js';
import {scanSegment, startOfSegment, wholeFileDamage, type SegmentPosition} from './segment-scan.js';
import {readCurrentGeneration, readSnapshot, type StoredSnapshot} from './snapshot-files.js';
import {writeFileAtomically} from './atomic-write.js';
import {isWriterAlive, tryWorkspaceLock} from './workspace-lock.js';
import {parseSegmentName, type WorkspaceLayout} from './workspace-layout.js';
import {archiveHeaderSchema, WORKSPACE_SCHEMA_VERSION, type SnapshotMeta} from './workspace-schemas.js';

/** What to do with damage: fail with `workspace_corrupt`, or move the damaged file aside and keep every valid record. */
export type OnCorrupt = 'fail' | 'quarantine';

export type ReadWorkspaceOptions = {
	readonly fileSystem: FileSystem;
	readonly layout: WorkspaceLayout;
	readonly maxDecisions: number;
	readonly onCorrupt: OnCorrupt;
	readonly onWarning: (warning: WorkspaceWarning) => void;
	/** Truncate the torn tails of dead writers' segments (not when only reading). */
	readonly repair: boolean;
	/** Keep every record read from journals, with its segment, for compaction's archive and folded log. */
	readonly keepRecords: boolean;
	/** A generation whose learning and operations the reader holds already: they are not read for it. */
	readonly learningHeldFor?: number | undefined;
};

/** A decision or outcome read beyond the snapshot: what the state needs of it, its exact text, and where it came from. */
export type ReadRecord = {
	readonly summary: Extract<RecordSummary, {type: 'decision' | 'outcome'}>;
	readonly body: string;
	readonly file: string;
};

/** Where a record's line starts in a journal segment. */
export type JournalLine = {readonly segment: string; readonly offset: number};

/** A workspace's decisions as the snapshot and the journals make them. */
export type WorkspaceContents = {
	/** The generation `CURRENT` named when the read began (undefined when none, or when it was damaged and moved aside). */
	readonly pointer: number | undefined;
	/** The damaged generation `CURRENT` names, when the read fell back from it to `generation`. */
	readonly fellBackFrom: number | undefined;
	/** The generation read. */
	readonly generation: number | undefined;
	/**
	 * The snapshot's meta. After falling back from a damaged generation to its base, the base's meta carried forward
	 * by the damaged one's folded log: its journal watermarks, its archives added, its counters.
	 */
	readonly meta: SnapshotMeta | undefined;
	readonly index: DecisionIndex;
	/** Per journal segment file name: how far it has been read. */
	readonly positions: Map<string, SegmentPosition>;
	/** Decisions and outcomes read from journals (when `keepRecords`), decisions before outcomes. */
	readonly records: ReadRecord[];
	/** What the snapshot had learned, and the observations read from journals since, in order. */
	readonly learning: LearningJson | undefined;
	readonly observations: Observation[];
	/** What the snapshot held of operations, and the ops events read from journals since, in order. */
	readonly ops: OpsJson | undefined;
	readonly opsEvents: OpsEvent[];
	/** Valid records of journal segments moved to quarantine, to be written again by the opener. */
	readonly salvaged: WorkspaceRecord[];
	/** Where each decision read from a journal starts: its segment's file name and byte offset. */
	readonly journalDecisions: Map<string, JournalLine>;
	/** The archives written since the generation read (only after falling back to it through a folded log). */
	readonly foldedArchives: SnapshotMeta['archives'];
	/** The text of every observation and ops event beyond the generation read, in order (when `keepRecords`). */
	readonly foldedBodies: string[];
};

/*
Reads before giving up when files vanish under the read. Another process's compaction deletes the journal
segments (and snapshot generations) that its new snapshot has folded in, and may do so between this read
listing a file and opening it, or before the listing: the new snapshot holds their records, so the read starts
again from it (see compactedWhileRead).
*/
const readAttempts = 5;

/**
 * The error of a read that a compaction overtook: the journals it read from the snapshot it started with may have
 * lost, since, segments the new snapshot folded in. Coded ENOENT, as a file vanishing under the read is: callers
 * read again from the new snapshot.
 */
export function compactedWhileRead(): NodeJS.ErrnoException {
	return Object.assign(new Error('A compaction folded in and deleted journals while they were read; read again from the new snapshot.'), {code: 'ENOENT'});
}

/**
 * Reads the snapshot `CURRENT` names, then every journal segment from that snapshot's watermarks. Decisions are
 * applied before outcomes, since an outcome may sit in one writer's journal and its decision in another's. A
 * file deleted by a concurrent compaction while it is read makes the read start again from the newer snapshot,
 * keeping the records salvaged from quarantined segments so far (those segments are no longer listed).
 */
export async function readWorkspace(options: ReadWorkspaceOptions): Promise<WorkspaceContents> {
	const salvaged: WorkspaceRecord[] = [];
	for (let attempt = 1; ; attempt++) {
		try {
			return await readOnce(options, salvaged);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= readAttempts) {
				throw error;
			}
		}
	}
}

async function readOnce(options: ReadWorkspaceOptions, salvaged: WorkspaceRecord[]): Promise<WorkspaceContents> {
	const {layout} = options;
	const {pointer, generation, snapshot, index, folded, fellBackFrom} = await readLiveSnapshot(options);
	const meta = folded === undefined ? snapshot?.meta : carriedForward(snapshot?.meta, folded);
	const positions = new Map<string, SegmentPosition>();
	for (const journal of meta?.journals ?? []) {
		positions.set(journal.file, {offset: journal.offset, lines: journal.lines, seq: journal.seq, header: journal.offset > 0 ? {} : undefined, sealed: journal.sealed});
	}

	const records: ReadRecord[] = [];
	const outcomes: ReadRecord[] = [];
	const observations: Observation[] = [];
	const opsEvents: OpsEvent[] = [];
	const foldedBodies: string[] = [];
	const journalDecisions = new Map<string, JournalLine>();
	// Outcomes whose record is archived already: they count, but are not archived again.
	const archivedOutcomes: string[] = [];
	if (folded !== undefined) {
		const firstArchive = (snapshot?.meta.archives.length ?? 0);
		for (const [position, archive] of folded.header.archives.entries()) {
			await readFoldedArchive(options, archive.name, firstArchive + position, index, archivedOutcomes);
		}

		for (const {summary, body} of folded.entries) {
			if (summary.type === 'observation') {
				observations.push(summary.observation);
			} else if (summary.type === 'ops') {
				opsEvents.push(summary.event);
			}

			if (options.keepRecords) {
				foldedBodies.push(body);
			}
		}
	}
	for (const name of await listSegments(options)) {
		const position = positions.get(name) ?? startOfSegment();
		const file = path.join(layout.journalDirectory, name);
		const scan = await scanSegment(options.fileSystem, file, position);
		if (scan.damage !== undefined) {
			if (options.onCorrupt === 'fail') {
				throw new TierwiseError('workspace_corrupt', `${layout.relative(file)} line ${scan.damage.line}: ${scan.damage.reason}. Run \`tierwise verify\`; open with onCorrupt: 'quarantine' to move the file aside and keep every valid record.`, {details: {file: layout.relative(file), line: scan.damage.line}});
			}

			const kept = await quarantineSegment(options, file, scan.damage);
			salvaged.push(...kept);
			positions.delete(name);
			continue;
		}

		for (const {summary, body, offset} of scan.entries) {
			if (summary.type === 'decision') {
				index.add(summary.hash, summary.routedAtMs, summary.model, summary.tier);
				journalDecisions.set(summary.hash, {segment: name, offset});
				if (options.keepRecords) {
					records.push({summary, body, file: name});
				}
			} else if (summary.type === 'outcome') {
				outcomes.push({summary, body, file: name});
			} else if (summary.type === 'observation') {
				observations.push(summary.observation);
				if (options.keepRecords) {
					foldedBodies.push(body);
				}
			} else if (summary.type === 'ops') {
				opsEvents.push(summary.event);
				if (options.keepRecords) {
					foldedBodies.push(body);
				}
			}
		}

		if (scan.tornAt !== undefined && options.repair) {
			await truncateIfWriterDead(options, file, scan.tornAt);
		}

		positions.set(name, scan.position);
	}

	// Every decision first, salvaged ones included, then every outcome: an outcome only counts for a known decision.
	const salvagedSummaries = salvaged.map(record => summarizeRecord(record));
	for (const summary of salvagedSummaries) {
		if (summary.type === 'decision') {
			index.add(summary.hash, summary.routedAtMs, summary.model, summary.tier);
		}
	}

	for (const hash of archivedOutcomes) {
		index.markOutcome(hash);
	}

	for (const summary of [...outcomes.map(({summary}) => summary), ...salvagedSummaries]) {
		if (summary.type === 'outcome') {
			index.markOutcome(summary.hash);
		} else if (summary.type === 'observation') {
			observations.push(summary.observation);
		} else if (summary.type === 'ops') {
			opsEvents.push(summary.event);
		}
	}

	if (options.keepRecords) {
		records.push(...outcomes);
	}

	if (pointer !== 'unreadable' && await readCurrentGeneration(options.fileSystem, layout).catch(() => 'unreadable') !== pointer) {
		throw compactedWhileRead();
	}

	return {
		pointer: pointer === 'unreadable' ? undefined : pointer,
		fellBackFrom,
		generation,
		meta,
		index,
		positions,
		records,
		learning: snapshot?.learning,
		observations,
		ops: snapshot?.ops,
		opsEvents,
		salvaged,
		journalDecisions,
		foldedArchives: folded?.header.archives ?? [],
		foldedBodies,
	};
}

/** The base generation's meta (undefined for none) as the damaged generation's folded log carries it forward. */
function carriedForward(base: SnapshotMeta | undefined, folded: FoldedLog): SnapshotMeta {
	const {header} = folded;
	return {
		schemaVersion: WORKSPACE_SCHEMA_VERSION,
		generation: base?.generation ?? header.folded,
		createdAt: base?.createdAt ?? header.createdAt,
		journals: header.journals,
		models: base?.models ?? [],
		archives: [...(base?.archives ?? []), ...header.archives],
		decisionRows: base?.decisionRows ?? 0,
		counters: header.counters,
	};
}

/**
 * Adds the decisions of an archive that a folded log names to `index`, each pointing at its line (archive number
 * `archive`), and the hashes of its outcomes to `outcomes`.
 */
async function readFoldedArchive(options: ReadWorkspaceOptions, name: string, archive: number, index: DecisionIndex, outcomes: string[]): Promise<void> {
	const {layout} = options;
	const file = layout.archiveFile(name);
	const scan = await scanSegment(options.fileSystem, file, startOfSegment(), archiveHeaderSchema);
	const damage = wholeFileDamage(scan);
	if (damage !== undefined) {
		if (options.onCorrupt === 'fail') {
			throw new TierwiseError('workspace_corrupt', `${layout.relative(file)} line ${damage.line}: ${damage.reason}. Run \`tierwise verify\`; open with onCorrupt: 'quarantine' to keep every valid record before it.`, {details: {file: layout.relative(file), line: damage.line}});
		}

		options.onWarning({code: 'quarantined', file: layout.relative(file), message: `${layout.relative(file)} line ${damage.line}: ${damage.reason}; the ${scan.entries.length} records before it were kept.`});
	}

	for (const {summary, offset} of scan.entries) {
		if (summary.type === 'decision') {
			index.add(summary.hash, summary.routedAtMs, summary.model, summary.tier);
			index.setArchive(summary.hash, archive, offset);
		} else if (summary.type === 'outcome') {
			outcomes.push(summary.hash);
		}
	}
}

/** The journal segment file names, oldest segment of each writer first. */
export async function listSegments(options: Pick<ReadWorkspaceOptions, 'fileSystem' | 'layout'>): Promise<string[]> {
	let names: string[];
	try {
		names = await options.fileSystem.readDirectory(options.layout.journalDirectory);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return [];
		}

		throw error;
	}

	return names.filter(name => parseSegmentName(name) !== undefined).sort();
}

/** What reading the live snapshot found. */
type LiveSnapshot = {
	/** What `CURRENT` named when the read began ('unreadable' when it was damaged and moved aside). */
	readonly pointer: number | undefined | 'unreadable';
	readonly generation: number | undefined;
	readonly snapshot: StoredSnapshot | undefined;
	readonly index: DecisionIndex;
	/** The folded log of a damaged generation that builds on `generation`: what it adds beyond it. */
	readonly folded: FoldedLog | undefined;
	/** The damaged generation `CURRENT` names, when the read fell back from it. */
	readonly fellBackFrom: number | undefined;
};

/**
 * The snapshot `CURRENT` names, loaded into a decision index. With quarantine, a damaged generation (unreadable,
 * or with rows failing their checksum) moves aside and its base is used instead, with the damaged generation's
 * folded log: the archives it names and the observations and ops events it holds are what the base lacks, since
 * the journals they came from are deleted once folded in. (A generation written before folded logs existed kept
 * those journals instead, one generation longer.) Only the oldest generation, with nothing to fall back to and
 * no folded log that starts from nothing, is used damaged, keeping its valid rows.
 */
async function readLiveSnapshot(options: ReadWorkspaceOptions): Promise<LiveSnapshot> {
	const {fileSystem, layout} = options;
	let pointer: LiveSnapshot['pointer'];
	let generation: number | undefined;
	try {
		generation = await readCurrentGeneration(fileSystem, layout);
		pointer = generation;
	} catch (error) {
		if (options.onCorrupt === 'fail') {
			throw error;
		}

		await moveToQuarantine(options, layout.currentSnapshotFile, (error as Error).message);
		generation = await newestGeneration(options);
		pointer = generation !== undefined && options.repair && await restorePointer(options, generation) ? generation : 'unreadable';
	}

	// Only the newest damaged generation's log: it starts from the generation below it, and nothing bridges two.
	let folded: FoldedLog | undefined;
	let damagedAlready = false;
	let fellBackFrom: number | undefined;
	const fallBackFrom = async (damaged: number, why: string | undefined) => {
		if (!damagedAlready) {
			damagedAlready = true;
			folded = await readFoldedLogOf(options, damaged);
		}

		fellBackFrom ??= damaged;
		if (why === undefined) {
			const directory = layout.relative(layout.generationDirectory(damaged));
			options.onWarning({code: 'quarantined', file: directory, message: `${directory}, which snapshots/CURRENT names, was moved to quarantine by an earlier open; the generation below it is used, with what ${directory} had folded in since.`});
		} else {
			await moveToQuarantine(options, layout.generationDirectory(damaged), why);
		}
	};

	const foldedOnto = (base: number | undefined) => {
		if (folded === undefined || folded.header.base === (base ?? null)) {
			return folded;
		}

		const file = layout.relative(layout.foldedFile(folded.header.folded));
		options.onWarning({code: 'quarantined', file, message: `${file} builds on generation ${folded.header.base ?? 'none'}, not on ${base ?? 'none'}, the newest intact one: what it folded in is kept only where archives and journals still hold it.`});
		return undefined;
	};

	while (generation !== undefined) {
		let snapshot: StoredSnapshot;
		try {
			snapshot = await readSnapshot(fileSystem, layout, generation, generation !== options.learningHeldFor);
		} catch (error) {
			const missing = !(await fileSystem.exists(layout.generationDirectory(generation)));
			if (missing && generation !== pointer) {
				// Listed a moment ago: a compaction deleted it since, and CURRENT names a newer generation.
				throw compactedWhileRead();
			}

			// The generation CURRENT names, gone, was moved to quarantine by an earlier open (compactions only
			// delete generations below the live one's base): fall back from it in either mode.
			const movedAside = missing && await readCurrentGeneration(fileSystem, layout).catch(() => undefined) === generation;
			if (missing && !movedAside) {
				throw compactedWhileRead();
			}

			// Only damage is fallen back from: a file of a newer tierwise, say, is not, and falling back would forget
			// what it holds.
			const damage = isTierwiseError(error) && error.code === 'workspace_corrupt';
			if ((options.onCorrupt === 'fail' && !movedAside) || !damage) {
				throw error;
			}

			const damaged = generation;
			await fallBackFrom(damaged, movedAside ? undefined : (error as Error).message);
			generation = (await generations(options)).find(candidate => candidate < damaged);
			continue;
		}

		const index = new DecisionIndex(options.maxDecisions);
		index.adoptModelNames(snapshot.meta.models);
		const damagedRows = loadDecisionTable(snapshot.table, index, snapshot.tableChecksum);
		if (damagedRows.length === 0) {
			return {pointer, generation, snapshot, index, folded: foldedOnto(generation), fellBackFrom};
		}

		const file = layout.relative(path.join(layout.generationDirectory(generation), 'decisions.bin'));
		if (options.onCorrupt === 'fail') {
			throw new TierwiseError('workspace_corrupt', `${file} row ${damagedRows[0] ?? 0} fails its checksum (${damagedRows.length} damaged rows). Run \`tierwise verify\`; open with onCorrupt: 'quarantine' to fall back to the previous generation, or keep every valid row.`, {details: {file, line: damagedRows[0], rows: damagedRows}});
		}

		const damaged = generation;
		const previous = (await generations(options)).find(candidate => candidate < damaged);
		if (previous === undefined) {
			// Nothing below it: only a folded log that starts from nothing can stand in for it.
			const log = damagedAlready ? undefined : await readFoldedLogOf(options, damaged);
			if (log?.header.base !== null) {
				options.onWarning({code: 'quarantined', file, message: `${file}: ${damagedRows.length} damaged rows were skipped, and there is no older generation to fall back to; every valid row was kept.`});
				return {pointer, generation, snapshot, index, folded: undefined, fellBackFrom};
			}

			damagedAlready = true;
			folded = log;
		}

		await fallBackFrom(damaged, `${damagedRows.length} rows of decisions.bin fail their checksum`);
		generation = previous;
	}

	return {pointer, generation: undefined, snapshot: undefined, index: new DecisionIndex(options.maxDecisions), folded: foldedOnto(undefined), fellBackFrom};
}

/**
 * Writes `CURRENT` again, naming `generation`, after the damaged one was moved aside; true once done. Without it,
 * the next reader would find no snapshot at all, and a compaction would build one from the journals alone. The
 * newest generation on disk is complete (each is synced before `CURRENT` names it) and nothing it holds has
 * been deleted, so naming it keeps everything, even when a compaction that wrote it died before naming it. If it
 * is damaged, the next reader falls back from it as this one does. Under the workspace lock, so that no
 * compaction is naming a newer one meanwhile; when another process holds it, `CURRENT` stays missing.
 */
async function restorePointer(options: ReadWorkspaceOptions, generation: number): Promise<boolean> {
	const {fileSystem, layout} = options;
	const restored = await tryWorkspaceLock(layout.directory, async () => {
		if (await fileSystem.exists(layout.currentSnapshotFile)) {
			return false;
		}

		await writeFileAtomically(fileSystem, layout.currentSnapshotFile, Buffer.from(`${String(generation).padStart(8, '0')}\n`, 'utf8'));
		return true;
	});
	if (restored === true) {
		options.onWarning({code: 'quarantined', file: layout.relative(layout.currentSnapshotFile), message: `${layout.relative(layout.currentSnapshotFile)} was written again, naming generation ${generation}, the newest on disk.`});
	}

	return restored === true;
}

/** A damaged generation's folded log, or undefined (with a warning when the log is damaged too). */
async function readFoldedLogOf(options: ReadWorkspaceOptions, generation: number): Promise<FoldedLog | undefined> {
	try {
		return await readFoldedLog(options.fileSystem, options.layout, generation);
	} catch (error) {
		const file = options.layout.relative(options.layout.foldedFile(generation));
		options.onWarning({code: 'quarantined', file, message: `${(error as Error).message} What generation ${generation} folded in is kept only where archives and journals still hold it.`});
		return undefined;
	}
}

/** Snapshot generations on disk, newest first. */
async function generations(options: ReadWorkspaceOptions): Promise<number[]> {
	const names = await options.fileSystem.readDirectory(options.layout.snapshotDirectory).catch(() => [] as string[]);
	return names.filter(name => /^\d{8}$/u.test(name)).map(Number).sort((a, b) => b - a);
}

async function newestGeneration(options: ReadWorkspaceOptions): Promise<number | undefined> {
	return (await generations(options))[0];
}

/** Moves a damaged segment to quarantine/ and returns every record of it that still decodes. */
async function quarantineSegment(options: ReadWorkspaceOptions, file: string, damage: {line: number; reason: string}): Promise<WorkspaceRecord[]> {
	const text = (await options.fileSystem.readFile(file)).toString('utf8');
	const kept: WorkspaceRecord[] = [];
	for (const line of text.split('\n')) {
		const decoded = decodeEntry(line);
		if (decoded.ok && decoded.entry.type !== 'seal') {
			kept.push(decoded.entry);
		}
	}

	await moveToQuarantine(options, file, `line ${damage.line}: ${damage.reason}; ${kept.length} valid records kept`);
	return kept;
}

async function moveToQuarantine(options: ReadWorkspaceOptions, target: string, why: string): Promise<void> {
	const {fileSystem, layout} = options;
	await fileSystem.makeDirectory(layout.quarantineDirectory);
	const destination = path.join(layout.quarantineDirectory, `${path.basename(target)}.${Date.now()}`);
	try {
		await fileSystem.rename(target, destination);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			// Another process opening the workspace moved it aside first.
			return;
		}

		throw error;
	}

	options.onWarning({code: 'quarantined', file: layout.relative(target), message: `${layout.relative(target)} was damaged (${why}) and moved to ${layout.relative(destination)}.`});
}

async function truncateIfWriterDead(options: ReadWorkspaceOptions, file: string, tornAt: number): Promise<void> {
	const writer = parseSegmentName(path.basename(file))?.writer;
	if (writer === undefined || await isWriterAlive(options.layout.journalDirectory, writer)) {
		// A live writer may be writing that line right now; readers simply stop before it.
		return;
	}

	const handle = await options.fileSystem.open(file, 'r+');
	try {
		const {size} = await handle.stat();
		if (size > tornAt) {
			await handle.truncate(tornAt);
			await handle.sync();
			options.onWarning({code: 'torn_tail_truncated', file: options.layout.relative(file), message: `${options.layout.relative(file)} ended in a record cut off by a crash; ${size - tornAt} bytes were truncated. Records acknowledged before the crash are all kept.`});
		}
	} finally {
		await handle.close();
	}
}
