#!/usr/bin/env node
import {access, readFile} from 'node:fs/promises';
import {text} from 'node:stream/consumers';
import {fileLines} from './file-lines.js';
import {openFileWriter} from './file-writer.js';
import {main} from './main.js';

// A reader that stops early (`tierwise models | head`) closes the pipe; that is not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code !== 'EPIPE') {
		throw error;
	}

	process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv.slice(2), {
	stdout: output => process.stdout.write(output),
	stderr: output => process.stderr.write(output),
	readStdin: async () => (process.stdin.isTTY ? undefined : text(process.stdin)),
	readFile: async path => readFile(path, 'utf8'),
	readLines: fileLines,
	exists: async path => access(path).then(() => true, () => false),
	openWriter: openFileWriter,
	isTty: process.stdout.isTTY,
	isStderrTty: process.stderr.isTTY,
});
