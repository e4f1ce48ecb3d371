import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';

const childScript = fileURLToPath(new URL('workspace-child.ts', import.meta.url));

export type ChildRun = {
	/** Decision hashes whose outcome's promise had resolved when the child printed them. */
	readonly acknowledged: string[];
	readonly exitCode: number | null;
	readonly signal: NodeJS.Signals | null;
	readonly stderr: string;
};

/**
 * Runs {@link childScript} on a workspace. With `killAfterMs`, SIGKILLs it that long after it is ready; only
 * complete output lines count, so a hash cut off mid-print is simply not claimed.
 */
export async function runChild(directory: string, count: number, options: {compactEvery?: number; label?: string; killAfterMs?: number} = {}): Promise<ChildRun> {
	const child = spawn(process.execPath, ['--import', 'tsx', childScript, directory, String(count), String(options.compactEvery ?? 0), options.label ?? 'child'], {stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString('utf8');
	});
	const ready = new Promise<void>(resolve => {
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString('utf8');
			if (stdout.startsWith('ready\n')) {
				resolve();
			}
		});
	});
	const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>(resolve => {
		child.on('exit', (code, signal) => {
			resolve({code, signal});
		});
	});
	if (options.killAfterMs !== undefined) {
		await Promise.race([ready, exited]);
		await new Promise(resolve => setTimeout(resolve, options.killAfterMs));
		child.kill('SIGKILL');
	}

	const {code, signal} = await exited;
	const complete = stdout.slice(0, stdout.lastIndexOf('\n') + 1);
	const acknowledged = complete.split('\n').filter(line => /^[\da-f]{32}$/u.test(line));
	return {acknowledged, exitCode: code, signal, stderr};
}
