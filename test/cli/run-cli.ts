import {access, readFile} from 'node:fs/promises';
import {fileLines} from '../../src/cli/file-lines.js';
import {openFileWriter} from '../../src/cli/file-writer.js';
import {main} from '../../src/cli/main.js';

export type CliResult = {code: number; stdout: string; stderr: string};

/** Runs the CLI in this process with captured output, `stdin` as piped input (undefined: a terminal). */
export async function runCli(argv: readonly string[], stdin?: string): Promise<CliResult> {
	let stdout = '';
	let stderr = '';
	const code = await main(argv, {
		stdout(text) {
			stdout += text;
		},
		stderr(text) {
			stderr += text;
		},
		readStdin: () => Promise.resolve(stdin),
		readFile: async path => readFile(path, 'utf8'),
		readLines: fileLines,
		exists: async path => access(path).then(() => true, () => false),
		openWriter: openFileWriter,
		isTty: false,
		isStderrTty: false,
	});
	return {code, stdout, stderr};
}
