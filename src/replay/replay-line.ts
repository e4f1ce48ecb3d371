import {z} from 'zod';

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
