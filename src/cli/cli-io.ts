import type {FileWriter} from './file-writer.js';

/** What a command may touch: output streams, standard input and files. Tests pass fakes. */
export type CliIo = {
	readonly stdout: (text: string) => void;
	readonly stderr: (text: string) => void;
	/** All of standard input as text, or undefined when it is a terminal (nothing was piped). */
	readonly readStdin: () => Promise<string | undefined>;
	readonly readFile: (path: string) => Promise<string>;
	/** A file's lines, streamed. */
	readonly readLines: (path: string) => AsyncIterable<string>;
	readonly exists: (path: string) => Promise<boolean>;
	/** A file to write, streamed. */
	readonly openWriter: (path: string) => FileWriter;
	/** Whether standard output is a terminal (colour and progress bars only then). */
	readonly isTty: boolean;
	/** Whether standard error is a terminal (progress is drawn there only then). */
	readonly isStderrTty: boolean;
};
