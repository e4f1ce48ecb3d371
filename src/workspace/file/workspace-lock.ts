import path from 'node:path';
import lockfile from 'proper-lockfile';
import {TierwiseError} from '../../errors/tierwise-error.js';

/* The same staleness everywhere: proper-lockfile warns that mixed values let two processes hold one lock. */
export const LOCK_STALE_MS = 10_000;
const lockUpdateMs = 5000;

/** The lock a process holds while it compacts, writes a document, or removes stray files. */
export async function withWorkspaceLock<T>(directory: string, waitMs: number, action: () => Promise<T>): Promise<T> {
	const release = await acquire(path.join(directory, 'workspace'), waitMs);
	try {
		return await action();
	} finally {
		await release().catch(() => undefined);
	}
}

/** Like {@link withWorkspaceLock}, but gives up at once when another process holds the lock; returns undefined then. */
export async function tryWorkspaceLock<T>(directory: string, action: () => Promise<T>): Promise<T | undefined> {
	let release: () => Promise<void>;
	try {
		release = await acquire(path.join(directory, 'workspace'), 0);
	} catch (error) {
		if (error instanceof TierwiseError && error.code === 'workspace_locked') {
			return undefined;
		}

		throw error;
	}

	try {
		return await action();
	} finally {
		await release().catch(() => undefined);
	}
}

/**
 * A writer's liveness lock, held for as long as the writer is open; others read a missing or stale lock as a
 * dead writer. A compromised lock (its refresh failed, or another process took it as stale) calls `onLost`
 * instead of throwing out of a timer.
 */
export async function holdWriterLock(journalDirectory: string, writerId: string, onLost: (error: Error) => void): Promise<() => Promise<void>> {
	return lockfile.lock(path.join(journalDirectory, writerId), {
		realpath: false,
		stale: LOCK_STALE_MS,
		update: lockUpdateMs,
		onCompromised: onLost,
	});
}

/** Whether a writer's liveness lock is held and fresh. */
export async function isWriterAlive(journalDirectory: string, writerId: string): Promise<boolean> {
	return lockfile.check(path.join(journalDirectory, writerId), {realpath: false, stale: LOCK_STALE_MS});
}

async function acquire(target: string, waitMs: number): Promise<() => Promise<void>> {
	try {
		return await lockfile.lock(target, {
			realpath: false,
			stale: LOCK_STALE_MS,
			update: lockUpdateMs,
			retries: waitMs <= 0 ? 0 : {retries: Math.ceil(waitMs / 100), minTimeout: 50, maxTimeout: 200, factor: 1.5},
			// A compaction or document write never outlasts the stale period; if one did, its own writes fail.
			onCompromised: () => undefined,
		});
	} catch (error) {
		if ((error as {code?: unknown}).code === 'ELOCKED') {
			throw new TierwiseError('workspace_locked', `Another process holds the lock of the workspace ${path.dirname(target)} (${target}.lock). Try again; a lock left by a crashed process counts as stale after ${LOCK_STALE_MS / 1000} s.`, {cause: error});
		}

		throw error;
	}
}
