import path from 'node:path';
import type {z} from 'zod';
import {isTierwiseError} from '../../errors/tierwise-error.js';
import {DecisionIndex} from '../decision-index.js';
import {TEMPORARY_MARKER} from './atomic-write.js';
import {loadDecisionTable, tableMatches} from './decision-table.js';
import {nodeFileSystem, type FileSystem} from './file-system.js';
import {listSegments} from './read-workspace.js';
import {readFoldedLog} from './folded-log.js';
import {scanSegment, startOfSegment} from './segment-scan.js';
import {readCurrentGeneration, readSnapshot} from './snapshot-files.js';
import {parseDocument} from './workspace-document.js';
import {isWriterAlive} from './workspace-lock.js';
import {parseSegmentName, WorkspaceLayout} from './workspace-layout.js';
import {archiveHeaderSchema, experimentsFileSchema, modelsFileSchema, workspaceFileSchema} from './workspace-schemas.js';

/** One thing wrong with a workspace file. */
export type VerifyProblem = {
	readonly file: string;
	readonly line?: number;
	readonly problem: string;
	/** Whether opening the workspace repairs it by itself (a torn tail, a stray temporary file). */
	readonly repairable: boolean;
};

export type VerifyReport = {
	readonly ok: boolean;
	readonly files: number;
	readonly records: number;
	readonly problems: readonly VerifyProblem[];
};

/** Checks the live generation's folded log (a generation written before folded logs existed has none). */
async function verifyFoldedLog(fileSystem: FileSystem, layout: WorkspaceLayout, generation: number, damage: (file: string, problem: string, line?: number) => void): Promise<void> {
	try {
		await readFoldedLog(fileSystem, layout, generation);
	} catch (error) {
		const line = isTierwiseError(error) ? (error.details.line as number | undefined) : undefined;
		damage(layout.foldedFile(generation), (error as Error).message.replace(/^\[tierwise\] \S+ line \d+: /u, '').replace(/^\[tierwise\] /u, ''), line);
	}
}

/** Checks every file of a workspace without changing any: documents, snapshot, journals and archives. */
export async function verifyWorkspace(directory: string, fileSystem: FileSystem = nodeFileSystem): Promise<VerifyReport> {
	const layout = new WorkspaceLayout(directory);
	const problems: VerifyProblem[] = [];
	let files = 0;
	let records = 0;
	const damage = (file: string, problem: string, line?: number, repairable = false) => {
		problems.push({file: layout.relative(file), problem, repairable, ...(line === undefined ? {} : {line})});
	};

	// experiments.json appears with the first experiment; the others are there from the start.
	const documents: Array<[string, z.ZodType, boolean]> = [[layout.workspaceFile, workspaceFileSchema, true], [layout.modelsFile, modelsFileSchema, true], [layout.experimentsFile, experimentsFileSchema, false]];
	for (const [file, schema, required] of documents) {
		let text: Buffer;
		try {
			text = await fileSystem.readFile(file);
		} catch (error) {
			if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') {
				continue;
			}

			files++;
			damage(file, `cannot be read (${(error as Error).message})`);
			continue;
		}

		files++;
		try {
			parseDocument(text.toString('utf8'), layout.relative(file), schema);
		} catch (error) {
			damage(file, isTierwiseError(error) ? error.message.replace(/^\[tierwise\] /u, '') : `cannot be read (${(error as Error).message})`, isTierwiseError(error) ? (error.details.line as number | undefined) : undefined);
		}
	}

	const archives = new Set<string>();
	try {
		const generation = await readCurrentGeneration(fileSystem, layout);
		if (generation !== undefined) {
			files += 3;
			const snapshot = await readSnapshot(fileSystem, layout, generation);
			const index = new DecisionIndex(Number.MAX_SAFE_INTEGER);
			index.adoptModelNames(snapshot.meta.models);
			const tableFile = path.join(layout.generationDirectory(generation), 'decisions.bin');
			for (const row of loadDecisionTable(snapshot.table, index)) {
				damage(tableFile, 'row fails its checksum', row);
			}

			if (index.size + problems.filter(problem => problem.file === layout.relative(tableFile)).length !== snapshot.meta.decisionRows) {
				damage(tableFile, `holds ${index.size} valid rows where meta.json says ${snapshot.meta.decisionRows}`);
			}

			// The table's checksum only spares the rows' checks: said here when it is wrong about a sound table.
			const checksumFile = path.join(layout.generationDirectory(generation), 'decisions.crc');
			if (await fileSystem.exists(checksumFile)) {
				files++;
				if (!problems.some(problem => problem.file === layout.relative(tableFile)) && !tableMatches(snapshot.table, snapshot.tableChecksum)) {
					damage(checksumFile, 'does not match decisions.bin, whose rows all check out (opening checks them one by one)');
				}
			}

			records += index.size;
			for (const archive of snapshot.meta.archives) {
				archives.add(archive.name);
			}

			if (await fileSystem.exists(layout.foldedFile(generation))) {
				files++;
				await verifyFoldedLog(fileSystem, layout, generation, damage);
			}
		}
	} catch (error) {
		damage(layout.currentSnapshotFile, isTierwiseError(error) ? error.message.replace(/^\[tierwise\] /u, '') : (error as Error).message);
	}

	for (const name of await listSegments({fileSystem, layout})) {
		files++;
		const file = path.join(layout.journalDirectory, name);
		const scan = await scanSegment(fileSystem, file, startOfSegment());
		records += scan.entries.length;
		if (scan.damage !== undefined) {
			damage(file, scan.damage.reason, scan.damage.line);
		} else if (scan.tornAt !== undefined && scan.position.header !== undefined) {
			const writer = parseSegmentName(name)?.writer ?? '';
			if (!await isWriterAlive(layout.journalDirectory, writer)) {
				damage(file, 'ends in a record cut off by a crash (opening the workspace truncates it)', scan.position.lines + 1, true);
			}
		} else if (scan.position.header === undefined && scan.tornAt !== undefined) {
			damage(file, 'has no complete header line', 1);
		}
	}

	for (const archive of archives) {
		files++;
		const file = layout.archiveFile(archive);
		if (!await fileSystem.exists(file)) {
			damage(file, 'is named by the snapshot but missing');
			continue;
		}

		const scan = await scanSegment(fileSystem, file, startOfSegment(), archiveHeaderSchema);
		if (scan.damage !== undefined || scan.tornAt !== undefined) {
			damage(file, scan.damage?.reason ?? 'ends in an incomplete line', scan.damage?.line ?? scan.position.lines + 1);
		}
	}

	for (const folder of [layout.directory, layout.journalDirectory, layout.snapshotDirectory, layout.archiveDirectory]) {
		for (const name of await fileSystem.readDirectory(folder).catch(() => [] as string[])) {
			if (name.includes(TEMPORARY_MARKER)) {
				damage(path.join(folder, name), 'is a temporary file left by a crash (opening the workspace removes it)', undefined, true);
			}
		}
	}

	return {ok: problems.length === 0, files, records, problems};
}
