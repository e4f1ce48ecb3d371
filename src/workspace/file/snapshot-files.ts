import path from 'node:path';
import {TierwiseError} from '../../errors/tierwise-error.js';
import {writeAll, writeFileAtomically} from './atomic-write.js';
import {encodeTableChecksum, readTableChecksum} from './decision-table.js';
import type {FileSystem} from './file-system.js';
import {parseDocument} from './workspace-document.js';
import type {WorkspaceLayout} from './workspace-layout.js';
import {isLearningFile} from './learning-file-check.js';
import {isOpsFile, isSnapshotMeta} from './snapshot-file-checks.js';
import {LEARNING_SCHEMA_VERSION, learningFileSchema, opsFileSchema, snapshotMetaSchema, WORKSPACE_SCHEMA_VERSION, type SnapshotMeta} from './workspace-schemas.js';
import type {LearningJson} from '../../learning/learning-state.js';
import {unpackMemory} from '../../learning/packed-memory.js';
import type {OpsJson} from '../../ops/ops-state.js';

/** A snapshot generation as read from disk. */
export type StoredSnapshot = {
	readonly meta: SnapshotMeta;
	readonly table: Buffer;
	/** The whole table's checksum from `decisions.crc`; undefined when that file is missing or unreadable. */
	readonly tableChecksum: number | undefined;
	/** What was learned up to this generation; undefined for a generation written before learning was kept. */
	readonly learning: LearningJson | undefined;
	/** What operations knew up to this generation; undefined for a generation written before they were kept. */
	readonly ops: OpsJson | undefined;
};

/** The generation `CURRENT` names, or undefined before the first compaction. Throws `workspace_corrupt` for a bad pointer. */
export async function readCurrentGeneration(fileSystem: FileSystem, layout: WorkspaceLayout): Promise<number | undefined> {
	let text: string;
	try {
		text = (await fileSystem.readFile(layout.currentSnapshotFile)).toString('utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return undefined;
		}

		throw error;
	}

	const generation = Number(text.trim());
	if (!/^\d{8}\n?$/u.test(text) || !Number.isInteger(generation) || generation < 1) {
		throw new TierwiseError('workspace_corrupt', `${layout.relative(layout.currentSnapshotFile)} line 1 does not name a snapshot generation. Run \`tierwise verify\`; open with onCorrupt: 'quarantine' to fall back to the journals.`, {details: {file: layout.relative(layout.currentSnapshotFile), line: 1}});
	}

	return generation;
}

/**
 * Reads a generation's meta, decision table, learning and operations; without `withLearning`, not the last two
 * (whoever asks already holds them). Throws `workspace_corrupt` naming the file when one is unreadable.
 */
export async function readSnapshot(fileSystem: FileSystem, layout: WorkspaceLayout, generation: number, withLearning = true): Promise<StoredSnapshot> {
	const directory = layout.generationDirectory(generation);
	const metaFile = path.join(directory, 'meta.json');
	const tableFile = path.join(directory, 'decisions.bin');
	const learningFile = path.join(directory, 'learning.json');
	const opsFile = path.join(directory, 'ops.json');
	let metaText: string;
	let table: Buffer;
	let checksumText: string | undefined;
	let learningText: string | undefined;
	let opsText: string | undefined;
	try {
		metaText = (await fileSystem.readFile(metaFile)).toString('utf8');
		table = await fileSystem.readFile(tableFile);
		checksumText = await readIfPresent(fileSystem, path.join(directory, 'decisions.crc')).catch(() => undefined);
		learningText = withLearning ? await readIfPresent(fileSystem, learningFile) : undefined;
		opsText = withLearning ? await readIfPresent(fileSystem, opsFile) : undefined;
	} catch (error) {
		throw new TierwiseError('workspace_corrupt', `Snapshot generation ${generation} is incomplete (${(error as Error).message}). Run \`tierwise verify\`; open with onCorrupt: 'quarantine' to fall back to the previous generation.`, {cause: error, details: {file: layout.relative(directory)}});
	}

	const meta = parseDocument(metaText, layout.relative(metaFile), snapshotMetaSchema, isSnapshotMeta);
	let learning: LearningJson | undefined;
	if (learningText !== undefined) {
		const {schemaVersion, ...rest} = parseDocument(learningText, layout.relative(learningFile), learningFileSchema, isLearningFile, LEARNING_SCHEMA_VERSION);
		const memoryProblem = 'packed' in rest.memory ? unpackMemory(rest.memory) : undefined;
		if (typeof memoryProblem === 'string') {
			throw new TierwiseError('workspace_corrupt', `${layout.relative(learningFile)} line 1 holds a similar-prompt memory that does not check out (${memoryProblem}). Run \`tierwise verify\`; open with onCorrupt: 'quarantine' to fall back to the previous generation.`, {details: {file: layout.relative(learningFile), line: 1}});
		}

		learning = rest;
	}

	let ops: OpsJson | undefined;
	if (opsText !== undefined) {
		const {schemaVersion, ...rest} = parseDocument(opsText, layout.relative(opsFile), opsFileSchema, isOpsFile);
		ops = rest;
	}

	return {meta, table, tableChecksum: checksumText === undefined ? undefined : readTableChecksum(checksumText, table.length), learning, ops};
}

/** A file's text, or undefined when it does not exist. */
async function readIfPresent(fileSystem: FileSystem, file: string): Promise<string | undefined> {
	return fileSystem.readFile(file).then(bytes => bytes.toString('utf8'), (error: unknown) => {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return undefined;
		}

		throw error;
	});
}

/** Only the meta of a generation: its archives and journal watermarks, without the tables. */
export async function readSnapshotMeta(fileSystem: FileSystem, layout: WorkspaceLayout, generation: number): Promise<SnapshotMeta> {
	const metaFile = path.join(layout.generationDirectory(generation), 'meta.json');
	const text = (await fileSystem.readFile(metaFile)).toString('utf8');
	return parseDocument(text, layout.relative(metaFile), snapshotMetaSchema, isSnapshotMeta);
}

/**
 * Writes a generation, every file and the directory synced, then points `CURRENT` at it with an atomic rename.
 * A crash or failure at any step leaves `CURRENT` naming the previous, complete generation.
 */
export async function writeSnapshot(fileSystem: FileSystem, layout: WorkspaceLayout, meta: SnapshotMeta, table: Buffer, learning: LearningJson, ops: OpsJson, folded: Buffer): Promise<void> {
	const directory = layout.generationDirectory(meta.generation);
	await fileSystem.removeDirectory(directory);
	await fileSystem.makeDirectory(directory);
	// A compaction that failed before its commit point may have left this very file behind.
	await fileSystem.unlink(layout.foldedFile(meta.generation)).catch(() => undefined);
	await writeNewFile(fileSystem, layout.foldedFile(meta.generation), folded);
	await writeNewFile(fileSystem, path.join(directory, 'decisions.bin'), table);
	await writeNewFile(fileSystem, path.join(directory, 'decisions.crc'), Buffer.from(encodeTableChecksum(table), 'utf8'));
	await writeNewFile(fileSystem, path.join(directory, 'learning.json'), Buffer.from(`${JSON.stringify({schemaVersion: LEARNING_SCHEMA_VERSION, ...learning})}\n`, 'utf8'));
	await writeNewFile(fileSystem, path.join(directory, 'ops.json'), Buffer.from(`${JSON.stringify({schemaVersion: WORKSPACE_SCHEMA_VERSION, ...ops})}\n`, 'utf8'));
	await writeNewFile(fileSystem, path.join(directory, 'meta.json'), Buffer.from(`${JSON.stringify(meta, undefined, '\t')}\n`, 'utf8'));
	await fileSystem.syncDirectory(directory);
	await fileSystem.syncDirectory(layout.snapshotDirectory);
	await writeFileAtomically(fileSystem, layout.currentSnapshotFile, Buffer.from(`${String(meta.generation).padStart(8, '0')}\n`, 'utf8'));
}

async function writeNewFile(fileSystem: FileSystem, file: string, data: Uint8Array): Promise<void> {
	const handle = await fileSystem.open(file, 'wx');
	try {
		await writeAll(handle, data);
		await handle.sync();
	} finally {
		await handle.close();
	}
}
