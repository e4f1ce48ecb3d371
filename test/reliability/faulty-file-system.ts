import {nodeFileSystem, type FileHandle, type FileSystem} from '../../src/workspace/file/file-system.js';

/** The operations a fault can hit. */
export type FaultKind = 'write' | 'fsync' | 'rename';

/**
 * A file system that counts writes, fsyncs and renames, and fails the `failAt`-th of them (from 1) with EIO.
 * With no `failAt` it only counts: how many there are in an operation is the range of `failAt` to test.
 */
export class FaultyFileSystem implements FileSystem {
	count = 0;
	readonly failAt: number | undefined;
	failed: FaultKind | undefined;

	constructor(failAt?: number) {
		this.failAt = failAt;
	}

	async open(path: string, flags: 'a' | 'r' | 'r+' | 'wx'): Promise<FileHandle> {
		const handle = await nodeFileSystem.open(path, flags);
		return {
			write: async (data, offset, length, position) => {
				this.#step('write');
				return handle.write(data, offset, length, position);
			},
			read: async (buffer, offset, length, position) => handle.read(buffer, offset, length, position),
			datasync: async () => {
				this.#step('fsync');
				await handle.datasync();
			},
			sync: async () => {
				this.#step('fsync');
				await handle.sync();
			},
			truncate: async length => handle.truncate(length),
			stat: async () => handle.stat(),
			close: async () => handle.close(),
		};
	}

	async readFile(path: string): Promise<Buffer> {
		return nodeFileSystem.readFile(path);
	}

	async rename(from: string, to: string): Promise<void> {
		this.#step('rename');
		await nodeFileSystem.rename(from, to);
	}

	async unlink(path: string): Promise<void> {
		await nodeFileSystem.unlink(path);
	}

	async removeDirectory(path: string): Promise<void> {
		await nodeFileSystem.removeDirectory(path);
	}

	async makeDirectory(path: string): Promise<void> {
		await nodeFileSystem.makeDirectory(path);
	}

	async readDirectory(path: string): Promise<string[]> {
		return nodeFileSystem.readDirectory(path);
	}

	async stat(path: string): Promise<{size: number; mtimeMs: number; isDirectory: boolean}> {
		return nodeFileSystem.stat(path);
	}

	async syncDirectory(path: string): Promise<void> {
		this.#step('fsync');
		await nodeFileSystem.syncDirectory(path);
	}

	async exists(path: string): Promise<boolean> {
		return nodeFileSystem.exists(path);
	}

	#step(kind: FaultKind): void {
		this.count++;
		if (this.count === this.failAt) {
			this.failed = kind;
			throw Object.assign(new Error(`injected ${kind} failure (operation ${this.count})`), {code: 'EIO'});
		}
	}
}
