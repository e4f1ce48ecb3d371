import {Low, type Adapter} from 'lowdb';
import type {z} from 'zod';
import {TierwiseError} from '../../errors/tierwise-error.js';
import {describeZodIssues} from '../../errors/zod-issues.js';
import {writeFileAtomically} from './atomic-write.js';
import type {Check} from '../../util/value-checks.js';
import type {FileSystem} from './file-system.js';
import {WORKSPACE_SCHEMA_VERSION} from './workspace-schemas.js';
import {withWorkspaceLock} from './workspace-lock.js';

/**
 * lowdb's adapter for a workspace document: reads validate with zod and name the file and line of any damage;
 * writes replace the file atomically. lowdb's own JSONFile adapter is not used: with two processes it lost
 * updates and tore reads on this machine.
 */
export class DocumentAdapter<T> implements Adapter<T> {
	readonly #fileSystem: FileSystem;
	readonly #file: string;
	readonly #displayName: string;
	readonly #schema: z.ZodType<T>;

	constructor(fileSystem: FileSystem, file: string, displayName: string, schema: z.ZodType<T>) {
		this.#fileSystem = fileSystem;
		this.#file = file;
		this.#displayName = displayName;
		this.#schema = schema;
	}

	async read(): Promise<T | null> {
		let text: string;
		try {
			text = (await this.#fileSystem.readFile(this.#file)).toString('utf8');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
				return null;
			}

			throw error;
		}

		return parseDocument(text, this.#displayName, this.#schema);
	}

	async write(data: T): Promise<void> {
		await writeFileAtomically(this.#fileSystem, this.#file, Buffer.from(`${JSON.stringify(data, undefined, '\t')}\n`, 'utf8'));
	}
}

/**
 * Parses and validates a document's text; throws `workspace_corrupt` or `schema_version_unsupported` (past
 * `newestVersion`, the workspace's unless the file moves on its own). A `quickCheck` that accepts the parsed value
 * takes it as it is, without the schema: see `../../util/value-checks.ts`.
 */
export function parseDocument<T>(text: string, displayName: string, schema: z.ZodType<T>, quickCheck?: Check, newestVersion = WORKSPACE_SCHEMA_VERSION): T {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		const position = /position (\d+)/u.exec((error as Error).message)?.[1];
		const line = position === undefined ? 1 : text.slice(0, Number(position)).split('\n').length;
		throw new TierwiseError('workspace_corrupt', `${displayName} line ${line} is not valid JSON (${(error as Error).message}). Restore it from a backup, or run \`tierwise verify\` to see what else is damaged.`, {cause: error, details: {file: displayName, line}});
	}

	const version = (json as {schemaVersion?: unknown} | null)?.schemaVersion;
	if (typeof version === 'number' && version > newestVersion) {
		throw new TierwiseError('schema_version_unsupported', `${displayName} has schemaVersion ${version}; this tierwise reads up to ${newestVersion}. Upgrade tierwise to open this workspace.`, {details: {file: displayName, schemaVersion: version}});
	}

	if (quickCheck?.(json) === true) {
		return json as T;
	}

	const result = schema.safeParse(json, {reportInput: true});
	if (!result.success) {
		throw new TierwiseError('workspace_corrupt', `${displayName} does not match its schema: ${describeZodIssues(result.error, displayName)}. Restore it from a backup, or run \`tierwise verify\`.`, {cause: result.error, details: {file: displayName, line: 1}});
	}

	return result.data;
}

/**
 * A small JSON document of the workspace, read freely (renames make every read whole) and changed only under the
 * workspace lock, read and write in one critical section: two processes changing it at once both keep their
 * change.
 */
export class WorkspaceDocument<T> {
	readonly #database: Low<T | null>;
	readonly #directory: string;
	readonly #lockWaitMs: number;

	constructor(fileSystem: FileSystem, directory: string, file: string, displayName: string, schema: z.ZodType<T>, lockWaitMs: number) {
		const adapter = new DocumentAdapter(fileSystem, file, displayName, schema);
		// lowdb wants default data; null stands for "no document yet".
		this.#database = new Low<T | null>(adapter as Adapter<T | null>, null);
		this.#directory = directory;
		this.#lockWaitMs = lockWaitMs;
	}

	/** The document as on disk, or undefined when there is none. */
	async read(): Promise<T | undefined> {
		await this.#database.read();
		return this.#database.data ?? undefined;
	}

	/** Reads, changes and writes the document under the workspace lock; returns what was written. */
	async update(change: (current: T | undefined) => T): Promise<T> {
		return withWorkspaceLock(this.#directory, this.#lockWaitMs, async () => {
			await this.#database.read();
			const next = change(this.#database.data ?? undefined);
			this.#database.data = next;
			await this.#database.write();
			return next;
		});
	}
}
