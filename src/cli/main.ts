import {readFileSync} from 'node:fs';
import {isTierwiseError, type TierwiseErrorCode} from '../errors/tierwise-error.js';
import type {CliIo} from './cli-io.js';
import {compactCommand} from './commands/compact-command.js';
import {demoCommand} from './commands/demo-command.js';
import {experimentsCommand} from './commands/experiments-command.js';
import {initCommand} from './commands/init-command.js';
import {learnCommand} from './commands/learn-command.js';
import {statsCommand} from './commands/stats-command.js';
import {verifyCommand} from './commands/verify-command.js';
import {explainCommand} from './commands/explain-command.js';
import {modelsCommand} from './commands/models-command.js';
import {replayCommand} from './commands/replay-command.js';
import {routeCommand} from './commands/route-command.js';
import {auditCommand} from './commands/audit-command.js';
import {reportCommand} from './commands/report-command.js';
import {UsageError} from './usage-error.js';

const MAIN_HELP = `Usage: tierwise <command> [options]

Routes each LLM prompt to the cheapest model that will answer it well.

Commands:
  route "PROMPT"   pick the model for a prompt (--json for the whole decision)
  explain [FILE]   explain a decision (its JSON from FILE or standard input, or a hash
                   with --workspace)
  models           list the models routing chooses from
  demo             route sample prompts and show what routing saves
  init DIR         create a workspace that several processes can share
  stats            count a workspace's decisions and outcomes
  learn FILE       learn from a file of past outcomes (replay lines or a log)
  experiments      show a workspace's A/B experiments and their results
  report           a workspace's spend, savings, model mix, SLA record and provider health
  audit            a workspace's decisions and outcomes by time and user
  replay DATA      replay real outcomes: what routing would have saved, at what quality
  compact          fold a workspace's journals into a snapshot
  verify           check every file of a workspace

Run \`tierwise <command> --help\` for a command's options.
Options: -h, --help   show this help;  -v, --version   print the version`;

const commands: Readonly<Record<string, (args: readonly string[], io: CliIo) => Promise<number>>> = {
	route: routeCommand,
	explain: explainCommand,
	models: modelsCommand,
	demo: demoCommand,
	init: initCommand,
	stats: statsCommand,
	learn: learnCommand,
	experiments: experimentsCommand,
	report: reportCommand,
	audit: auditCommand,
	replay: replayCommand,
	compact: compactCommand,
	verify: verifyCommand,
};

/* Codes that mean the command line asked for something invalid, as opposed to a request that could not be served. */
const usageCodes = new Set<TierwiseErrorCode>(['invalid_input', 'invalid_model', 'duplicate_model', 'unknown_profile', 'unknown_experiment', 'prompt_too_large', 'schema_version_unsupported']);

/** Runs the CLI; returns the exit code: 0 done, 1 the request could not be served, 2 a usage mistake. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
	const [name, ...args] = argv;
	if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
		io.stdout(`${MAIN_HELP}\n`);
		return name === undefined ? 2 : 0;
	}

	if (name === '-v' || name === '--version') {
		const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version: string};
		io.stdout(`${manifest.version}\n`);
		return 0;
	}

	const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
	if (command === undefined) {
		io.stderr(`tierwise: unknown command "${name}". Run tierwise --help for the list.\n`);
		return 2;
	}

	try {
		return await command(args, io);
	} catch (error) {
		return reportFailure(error, name, io);
	}
}

function reportFailure(error: unknown, command: string, io: CliIo): number {
	const oneLine = (text: string) => text.replaceAll(/\s*\n\s*/gu, ' ');
	if (error instanceof UsageError || isParseArgsError(error)) {
		io.stderr(`tierwise ${command}: ${oneLine((error as Error).message)}. Run tierwise ${command} --help.\n`);
		return 2;
	}

	if (isTierwiseError(error)) {
		io.stderr(`tierwise ${command}: ${oneLine(error.message.replace(/^\[tierwise\] /u, ''))}\n`);
		return usageCodes.has(error.code) ? 2 : 1;
	}

	io.stderr(`tierwise ${command}: ${oneLine(error instanceof Error ? error.message : String(error))}\n`);
	return 1;
}

function isParseArgsError(error: unknown): boolean {
	const code = (error as {code?: unknown} | null)?.code;
	return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
