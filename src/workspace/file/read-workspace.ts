import path from 'node:path';
import {TierwiseError} from '../../errors/tierwise-error.js';
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
import {scanSegment, startOfSegment, type SegmentPosition} from './segment-scan.js';
import {readCurrentGeneration, readSnapshot, type StoredSnapshot} from './snapshot-files.js';
import {isWriterAlive} from './workspace-lock.js';
import {parseSegmentName, type WorkspaceLayout} from './workspace-layout.js';
import type {SnapshotMeta} from './workspace-schemas.js';

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
	/** Keep every record read from journals, with its segment, for compaction's archive. */
	readonly keepRecords: boolean;
};

/** A decision or outcome read beyond the snapshot: what the state needs of it, its exact text, and where it came from. */
export type ReadRecord = {
	readonly summary: Extract<RecordSummary, {type: 'decision' | 'outcome'}>;
	readonly body: string;
	readonly file: string;
};

/** A workspace's decisions as the snapshot and the journals make them. */
export type WorkspaceContents = {
	readonly generation: number | undefined;
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
};

/*
Reads before giving up when files vanish under the read. Another process's compaction deletes the journal
segments (and snapshot generations) that a newer snapshot has folded in, and may do so between this read
listing a file and opening it; the newer snapshot holds its records, so the read starts again from it.
*/
const readAttempts = 5;

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
	const {generation, snapshot, index} = await readLiveSnapshot(options);
	const positions = new Map<string, SegmentPosition>();
	if (snapshot !== undefined) {
		for (const journal of snapshot.meta.journals) {
			positions.set(journal.file, {offset: journal.offset, lines: journal.lines, seq: journal.seq, header: journal.offset > 0 ? {} : undefined, sealed: journal.sealed});
		}
	}

	const records: ReadRecord[] = [];
	const outcomes: ReadRecord[] = [];
	const observations: Observation[] = [];
	const opsEvents: OpsEvent[] = [];
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

		for (const {summary, body} of scan.entries) {
			if (summary.type === 'decision') {
				index.add(summary.hash, summary.routedAtMs, summary.model, summary.tier);
				if (options.keepRecords) {
					records.push({summary, body, file: name});
				}
			} else if (summary.type === 'outcome') {
				outcomes.push({summary, body, file: name});
			} else if (summary.type === 'observation') {
				observations.push(summary.observation);
			} else if (summary.type === 'ops') {
				opsEvents.push(summary.event);
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

	return {generation, meta: snapshot?.meta, index, positions, records, learning: snapshot?.learning, observations, ops: snapshot?.ops, opsEvents, salvaged};
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

/**
 * The snapshot `CURRENT` names, loaded into a decision index. With quarantine, a damaged generation (unreadable,
 * or with rows failing their checksum) moves aside and the previous one is tried: one generation of slack keeps
 * the journals it needs, so falling back loses nothing. Only the oldest generation, with nothing to fall back
 * to, is used damaged, keeping its valid rows.
 */
async function readLiveSnapshot(options: ReadWorkspaceOptions): Promise<{generation: number | undefined; snapshot: StoredSnapshot | undefined; index: DecisionIndex}> {
	const {fileSystem, layout} = options;
	let generation: number | undefined;
	try {
		generation = await readCurrentGeneration(fileSystem, layout);
	} catch (error) {
		if (options.onCorrupt === 'fail') {
			throw error;
		}

		await moveToQuarantine(options, layout.currentSnapshotFile, (error as Error).message);
		generation = await newestGeneration(options);
	}

	while (generation !== undefined) {
		let snapshot: StoredSnapshot;
		try {
			snapshot = await readSnapshot(fileSystem, layout, generation);
		} catch (error) {
			if (options.onCorrupt === 'fail') {
				throw error;
			}

			await moveToQuarantine(options, layout.generationDirectory(generation), (error as Error).message);
			generation = await newestGeneration(options);
			continue;
		}

		const index = new DecisionIndex(options.maxDecisions);
		index.adoptModelNames(snapshot.meta.models);
		const damagedRows = loadDecisionTable(snapshot.table, index);
		if (damagedRows.length === 0) {
			return {generation, snapshot, index};
		}

		const file = layout.relative(path.join(layout.generationDirectory(generation), 'decisions.bin'));
		if (options.onCorrupt === 'fail') {
			throw new TierwiseError('workspace_corrupt', `${file} row ${damagedRows[0] ?? 0} fails its checksum (${damagedRows.length} damaged rows). Run \`tierwise verify\`; open with onCorrupt: 'quarantine' to fall back to the previous generation, or keep every valid row.`, {details: {file, line: damagedRows[0], rows: damagedRows}});
		}

		const damaged = generation;
		const previous = (await generations(options)).find(candidate => candidate < damaged);
		if (previous === undefined) {
			options.onWarning({code: 'quarantined', file, message: `${file}: ${damagedRows.length} damaged rows were skipped, and there is no older generation to fall back to; every valid row was kept.`});
			return {generation, snapshot, index};
		}

		await moveToQuarantine(options, layout.generationDirectory(generation), `${damagedRows.length} rows of decisions.bin fail their checksum`);
		generation = previous;
	}

	return {generation: undefined, snapshot: undefined, index: new DecisionIndex(options.maxDecisions)};
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
	await fileSystem.rename(target, destination);
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
