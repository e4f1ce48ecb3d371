import {TierwiseError} from '../errors/tierwise-error.js';
import {describeZodIssues} from '../errors/zod-issues.js';
import type {ReadReplayLine} from './read-replay.js';
import {quickReplayLine, replayLineSchema} from './replay-line.js';

/** One CSV record with the line it starts on. */
type CsvRecord = {readonly fields: string[]; readonly line: number};

/**
 * The records of CSV text lines (RFC 4180): fields separated by commas, quoted fields may hold commas, newlines
 * and doubled quotes. Streams: a record needs memory for itself only.
 */
async function * csvRecords(lines: AsyncIterable<string> | Iterable<string>): AsyncIterable<CsvRecord> {
	let fields: string[] = [];
	let field = '';
	// Set inside the loop over characters, which control-flow narrowing does not follow.
	let quoted = false as boolean;
	let startLine = 0;
	let number = 0;
	for await (const text of lines) {
		number++;
		if (!quoted) {
			if (text === '' && fields.length === 0) {
				continue;
			}

			startLine = number;
		} else {
			field += '\n';
		}

		for (let index = 0; index < text.length; index++) {
			const character = text.charAt(index);
			if (quoted) {
				if (character === '"' && text.charAt(index + 1) === '"') {
					field += '"';
					index++;
				} else if (character === '"') {
					quoted = false;
				} else {
					field += character;
				}
			} else if (character === '"' && field === '') {
				quoted = true;
			} else if (character === ',') {
				fields.push(field);
				field = '';
			} else {
				field += character;
			}
		}

		if (!quoted) {
			fields.push(field);
			yield {fields, line: startLine};
			fields = [];
			field = '';
		}
	}

	if (quoted) {
		throw new TierwiseError('invalid_input', `The CSV record that starts on line ${startLine} has a quote that is never closed. Close it, or remove the stray quote.`, {details: {line: startLine}});
	}
}

/**
 * A RouterBench prompt cell as text: a Python list literal of strings (`['Question …', 'Answer …']`) becomes
 * its strings joined by newlines; anything else is the prompt as it is.
 */
export function routerBenchPrompt(cell: string): string {
	const trimmed = cell.trim();
	if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) {
		return cell;
	}

	const parts: string[] = [];
	let index = 1;
	const end = trimmed.length - 1;
	while (index < end) {
		const character = trimmed[index];
		if (character === ' ' || character === ',' || character === '\n') {
			index++;
			continue;
		}

		if (character !== '\'' && character !== '"') {
			return cell;
		}

		let part = '';
		index++;
		while (index < end && trimmed[index] !== character) {
			if (trimmed[index] === '\\' && index + 1 < end) {
				const escaped = trimmed[index + 1] ?? '';
				part += escaped === 'n' ? '\n' : (escaped === 't' ? '\t' : escaped);
				index += 2;
			} else {
				part += trimmed.charAt(index);
				index++;
			}
		}

		if (index >= end) {
			return cell;
		}

		parts.push(part);
		index++;
	}

	return parts.join('\n');
}

/**
 * The replay lines of a RouterBench CSV (`sample_id`, `prompt`, `eval_name`, a column per model with its score,
 * `<model>|total_cost`, and columns this reader passes over: `<model>|model_response`,
 * `oracle_model_to_route_to`). The models are the columns that have a `|total_cost` column beside them. A bad
 * record throws `invalid_input` naming the line it starts on, or, with `skipBad`, is yielded as skipped.
 */
export async function * readRouterBench(lines: AsyncIterable<string> | Iterable<string>, source: string, skipBad: boolean): AsyncIterable<ReadReplayLine> {
	let header: string[] | undefined;
	let models: string[] = [];
	const column = new Map<string, number>();
	for await (const {fields, line} of csvRecords(lines)) {
		if (header === undefined) {
			header = fields.map(name => name.trim());
			for (const [index, name] of header.entries()) {
				column.set(name, index);
			}

			models = header.filter(name => !name.includes('|') && column.has(`${name}|total_cost`));
			const missing = ['sample_id', 'prompt'].filter(name => !column.has(name));
			if (missing.length > 0 || models.length === 0) {
				throw new TierwiseError('invalid_input', `${source} is not in RouterBench's layout: ${missing.length > 0 ? `it lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` : 'no model column has a <model>|total_cost column beside it'}.`, {details: {file: source, line}});
			}

			continue;
		}

		const cell = (name: string) => fields[column.get(name) ?? -1];
		// Without a prototype, so that a model named `__proto__` is a key like any other.
		const outcomes = Object.create(null) as Record<string, {quality: number; costUsd: number}>;
		for (const model of models) {
			outcomes[model] = {quality: Number(cell(model)), costUsd: Number(cell(`${model}|total_cost`))};
		}

		const task = cell('eval_name');
		const candidate = {id: cell('sample_id'), prompt: routerBenchPrompt(cell('prompt') ?? ''), ...(task === undefined ? {} : {task}), outcomes};
		const quick = quickReplayLine(candidate);
		if (quick !== undefined) {
			yield {line: quick, number: line};
			continue;
		}

		const parsed = replayLineSchema.safeParse(candidate, {reportInput: true});
		if (parsed.success) {
			yield {line: parsed.data, number: line};
		} else if (skipBad) {
			yield {skipped: line};
		} else {
			throw new TierwiseError('invalid_input', `${describeZodIssues(parsed.error, `${source} line ${line}`)}. Fix the record, or pass --skip-bad to skip such records.`, {details: {file: source, line}});
		}
	}
}
