import {z} from 'zod';
import {describeZodIssues} from '../errors/zod-issues.js';

/** Spending limits in USD for one scope (everyone, or each user). Every limit is optional. */
export type BudgetLimits = {
	hourlyUsd?: number;
	dailyUsd?: number;
	monthlyUsd?: number;
};

/**
 * Spending limits. Windows are calendar periods in UTC (the hour from :00, the day from midnight, the month from
 * the 1st) and count reported spend (`logUsage`, and the tokens or cost given to `reportOutcome`) of every process
 * sharing the workspace.
 *
 * @example
 * {dailyUsd: 50, perUser: {dailyUsd: 2}, perRequestUsd: 0.05, economyBelow: 0.2, onLimit: 'cheapest'}
 */
export type BudgetConfig = BudgetLimits & {
	/** No request may be estimated above this: dearer models are excluded. */
	perRequestUsd?: number;
	/** The same limits for each user (the route option `user`). */
	perUser?: BudgetLimits;
	/** Below this share of a window's limit left, routing runs in economy: the cheapest eligible model. @default 0.2 */
	economyBelow?: number;
	/** At a limit: route to the cheapest eligible model, or throw `budget_exceeded`. @default 'reject' */
	onLimit?: 'cheapest' | 'reject';
};

const usd = z.number({error: 'a finite number of USD above 0'}).positive({error: 'a finite number of USD above 0'});
const limits = {hourlyUsd: usd.optional(), dailyUsd: usd.optional(), monthlyUsd: usd.optional()};

const budgetConfigSchema = z.strictObject({
	...limits,
	perRequestUsd: usd.optional(),
	perUser: z.strictObject(limits, {error: 'an object with hourlyUsd, dailyUsd or monthlyUsd'}).optional(),
	economyBelow: z.number({error: 'a share from 0 to 1'}).min(0, {error: 'a share from 0 to 1'}).max(1, {error: 'a share from 0 to 1'}).optional(),
	onLimit: z.enum(['cheapest', 'reject'], {error: "'cheapest' or 'reject'"}).optional(),
}, {error: 'an object of budget limits'});

/** Checks budgets given to `open`; bad ones are programming errors: RangeError in p-queue's form. */
export function checkBudgetConfig(value: unknown): BudgetConfig {
	const result = budgetConfigSchema.safeParse(value, {reportInput: true});
	if (!result.success) {
		throw new RangeError(describeZodIssues(result.error, 'budgets'));
	}

	return result.data as BudgetConfig;
}
