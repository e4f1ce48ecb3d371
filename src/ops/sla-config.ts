import {z} from 'zod';
import {describeZodIssues} from '../errors/zod-issues.js';

/**
 * Service levels every decision is checked against. A limit left out is not checked.
 *
 * @example
 * {maxLatencyMs: 2000, budgetPerHourUsd: 5, minQualityScore: 0.8, autoEscalateOnBreach: true}
 */
export type SlaConfig = {
	/** The chosen model's latency (mean of reported latencies in the health window, else its `avgLatencyMs`) may not exceed this. */
	maxLatencyMs?: number;
	/** Reported spend this hour (every process) plus this request's estimate may not exceed this. */
	budgetPerHourUsd?: number;
	/** The chosen model's predicted quality on the prompt may not be below this. */
	minQualityScore?: number;
	/** On a breach, switch to an eligible model that meets the limits (recorded in `sla.adjustments`); otherwise only record it. @default false */
	autoEscalateOnBreach?: boolean;
};

const slaConfigSchema = z.strictObject({
	maxLatencyMs: z.number({error: 'a number of milliseconds above 0'}).positive({error: 'a number of milliseconds above 0'}).optional(),
	budgetPerHourUsd: z.number({error: 'a finite number of USD above 0'}).positive({error: 'a finite number of USD above 0'}).optional(),
	minQualityScore: z.number({error: 'a number from 0 to 1'}).min(0, {error: 'a number from 0 to 1'}).max(1, {error: 'a number from 0 to 1'}).optional(),
	autoEscalateOnBreach: z.boolean({error: 'true or false'}).optional(),
}, {error: 'an object of SLA limits'});

/** Checks an SLA given to `open`: RangeError in p-queue's form. */
export function checkSlaConfig(value: unknown): SlaConfig {
	const result = slaConfigSchema.safeParse(value, {reportInput: true});
	if (!result.success) {
		throw new RangeError(describeZodIssues(result.error, 'sla'));
	}

	return result.data as SlaConfig;
}
