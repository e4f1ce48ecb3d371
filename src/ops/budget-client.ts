/** What a {@link BudgetClient} is asked about one request. */
export type BudgetRequest = {
	readonly user: string | null;
	readonly model: string;
	readonly provider: string;
	readonly estimatedCostUsd: number;
	readonly atMs: number;
};

/** A budget client's answer: whether the request may go ahead, and why not. */
export type BudgetVerdict = {
	readonly allowed: boolean;
	readonly reason?: string;
};

/** Spend as it is reported, for a budget client to count. */
export type SpendReport = {
	readonly hash: string | null;
	readonly user: string | null;
	readonly model: string;
	readonly costUsd: number;
	readonly atMs: number;
};

/**
 * An external quota check (the coreason design's budget client), asked before each decision is made final, as
 * well as the workspace's own budgets. `check` is synchronous, because `route()` is: a client over a remote quota
 * service keeps a local view of it and refreshes that in the background. A denied request is handled as a hard
 * limit (`budgets.onLimit`: the cheapest model, asked again, or `budget_exceeded`).
 */
export type BudgetClient = {
	check(request: BudgetRequest): BudgetVerdict;
	/** Told of every reported spend; a rejection is reported as a warning and changes nothing else. */
	recordSpend?(spend: SpendReport): void | Promise<void>;
};
