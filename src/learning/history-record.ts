import {z} from 'zod';

/**
 * A line of history for `learn`: a replay line (one prompt, every model's outcome) or a log line (one prompt,
 * one model's outcome).
 */
export type HistoryRecord =
	| {readonly prompt: string; readonly outcomes: Readonly<Record<string, {readonly quality: number; readonly costUsd?: number | undefined}>>}
	| {readonly prompt: string; readonly model: string; readonly quality: number; readonly costUsd?: number | undefined};

const quality = z.number({error: 'a quality from 0 to 1'}).min(0, {error: 'a quality from 0 to 1'}).max(1, {error: 'a quality from 0 to 1'});
const costUsd = z.number({error: 'a cost in USD from 0 up'}).nonnegative({error: 'a cost in USD from 0 up'}).optional();
const prompt = z.string({error: 'a non-empty prompt'}).regex(/\S/u, {error: 'a non-empty prompt'});

const replayLine = z.object({
	prompt,
	outcomes: z.record(z.string().min(1), z.object({quality, costUsd}).loose(), {error: 'an object of model names to {quality, costUsd}'})
		.refine(outcomes => Object.keys(outcomes).length > 0, {error: 'at least one model'}),
}).loose();

const logLine = z.object({prompt, model: z.string({error: 'a model name'}).min(1, {error: 'a model name'}), quality, costUsd}).loose();

export const historyRecordSchema = z.union([replayLine, logLine], {error: 'a replay line {prompt, outcomes} or a log line {prompt, model, quality, costUsd}'});

/** Each model's result in a history record. */
export function historyResults(record: HistoryRecord): Array<{model: string; quality: number; costUsd: number | undefined}> {
	if ('outcomes' in record) {
		return Object.entries(record.outcomes).map(([model, outcome]) => ({model, quality: outcome.quality, costUsd: outcome.costUsd}));
	}

	return [{model: record.model, quality: record.quality, costUsd: record.costUsd}];
}
