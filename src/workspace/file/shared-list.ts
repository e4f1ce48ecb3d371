import type {WorkspaceDocument} from './workspace-document.js';

/** A workspace document that holds a list, with a revision that grows with every write. */
type ListFile = {readonly schemaVersion: number; readonly revision: number};

/**
 * A list kept in a small workspace document (`models.json`, `experiments.json`) that any process may change.
 * Changes are queued in order, each read, changed and written under the workspace lock, so that two processes
 * changing the list at once both keep their change; readers reload only when the revision has moved.
 */
export class SharedList<File extends ListFile, Item> {
	readonly #document: WorkspaceDocument<File>;
	readonly #itemsOf: (file: File) => readonly Item[];
	readonly #fileOf: (revision: number, items: Item[]) => File;
	#revision = -1;
	#changes: Promise<void> = Promise.resolve();
	#error: unknown;

	constructor(document: WorkspaceDocument<File>, shape: {readonly itemsOf: (file: File) => readonly Item[]; readonly fileOf: (revision: number, items: Item[]) => File}) {
		this.#document = document;
		this.#itemsOf = shape.itemsOf;
		this.#fileOf = shape.fileOf;
	}

	/** The items when the document has changed since the last read, or `always`; an absent document holds none. */
	async readIfChanged(always: boolean): Promise<readonly Item[] | undefined> {
		const file = await this.#document.read();
		if (file === undefined) {
			return always ? [] : undefined;
		}

		if (!always && file.revision === this.#revision) {
			return undefined;
		}

		this.#revision = file.revision;
		return this.#itemsOf(file);
	}

	/** Queues a change of the list; `onWritten` receives the list as written. A failure waits for {@link settled}. */
	change(edit: (items: Item[]) => Item[], onWritten: (items: readonly Item[]) => void): void {
		this.#changes = this.#changes.then(async () => {
			const written = await this.#document.update(current => this.#fileOf((current?.revision ?? 0) + 1, edit(current === undefined ? [] : [...this.#itemsOf(current)])));
			this.#revision = written.revision;
			onWritten(this.#itemsOf(written));
		}).catch((error: unknown) => {
			this.#error ??= error;
		});
	}

	/** Waits for every queued change; throws the first failure since the last call. */
	async settled(): Promise<void> {
		await this.#changes;
		if (this.#error !== undefined) {
			const error = this.#error;
			this.#error = undefined;
			throw error instanceof Error ? error : new Error(`A change of a workspace document failed: ${JSON.stringify(error)}`);
		}
	}
}
