import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

/**
 * Puts every temporary file of a test run (the suite makes hundreds of workspaces, some of them large) in one
 * directory, removed when the run ends: the test processes and the processes they start inherit TMPDIR. Left in
 * the system's temporary directory, runs had piled up 14,000 directories and 6 GB there.
 */
export default function setup(): () => void {
	const directory = mkdtempSync(path.join(tmpdir(), 'tierwise-tests-'));
	process.env.TMPDIR = directory;
	return () => {
		rmSync(directory, {recursive: true, force: true});
	};
}
