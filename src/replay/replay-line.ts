import {z} from 'zod';
import {isRecord} from '../util/value-checks.js';

/** One line of a replay file: a prompt and every model's real outcome on it (the format of ../shared/data). */
export type ReplayLine = {
	readonly id: string;
	readonly prompt: string;
	/** The benchmark or task the prompt comes from, for the per-task breakdown. */
	readonly task?: string | undefined;
	readonly outcomes: Readonly<Record<string, ReplayOutcome>>;
};

/** What one model's real answer to the prompt scored and cost. */
export type ReplayOutcome = {
	readonly quality: number;
	readonly costUsd: number;
};

const quality = z.number({error: 'a quality from 0 to 1'}).min(0, {error: 'a quality from 0 to 1'}).max(1, {error: 'a quality from 0 to 1'});
const costUsd = z.number({error: 'a cost in USD from 0 up'}).nonnegative({error: 'a cost in USD from 0 up'});

export const replayLineSchema = z.object({
	id: z.union([z.string().min(1), z.number()], {error: 'a string or number id'}).transform(String),
	prompt: z.string({error: 'a non-empty prompt'}).regex(/\S/u, {error: 'a non-empty prompt'}),
	task: z.string({error: 'a task name'}).optional(),
	outcomes: z.record(z.string().min(1), z.object({quality, costUsd}, {error: 'an object {quality, costUsd}'}).loose(), {error: 'an object of model names to {quality, costUsd}'})
		.refine(outcomes => Object.keys(outcomes).length > 0, {error: 'at least one model'}),
}, {error: 'an object {id, prompt, outcomes}'}).loose();

const nonBlank = /\S/u;

/**
 * A parsed replay line as `replayLineSchema` gives it, checked by hand, or undefined when the schema is needed to
 * say what is wrong: the replay reads one for every prompt, and the schema took a tenth of its time.
 */
export function quickReplayLine(json: unknown): ReplayLine | undefined {
	if (!isRecord(json)) {
		return undefined;
	}

	const {id, prompt, task, outcomes} = json;
	const idValid = (typeof id === 'string' && id.length > 0) || (typeof id === 'number' && Number.isFinite(id));
	if (!idValid || typeof prompt !== 'string' || !nonBlank.test(prompt) || (task !== undefined && typeof task !== 'string') || !isRecord(outcomes)) {
		return undefined;
	}

	let models = 0;
	for (const [model, outcome] of Object.entries(outcomes)) {
		if (model.length === 0 || !isRecord(outcome)) {
			return undefined;
		}

		const {quality: score, costUsd: cost} = outcome;
		if (typeof score !== 'number' || !(score >= 0 && score <= 1) || typeof cost !== 'number' || !(cost >= 0) || !Number.isFinite(cost)) {
			return undefined;
		}

		models++;
	}

	if (models === 0) {
		return undefined;
	}

	return {...json, id: String(id)} as ReplayLine;
}
