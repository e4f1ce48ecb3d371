import type {RegisteredModel} from '../models/registered-model.js';
import {estimateCostUsd} from '../selection/token-estimate.js';
import type {CostLedger} from './cost-ledger.js';
import {field} from './ledger-bucket.js';

/** What routing saved against always using one model, on the requests whose tokens and cost were reported. */
export type SavingsEstimate = {
	readonly comparisonModel: string;
	/** Requests compared: those that reported input and output tokens (and so a cost). */
	readonly requests: number;
	readonly actualCostUsd: number;
	/** What the same tokens would have cost on the comparison model. */
	readonly comparisonCostUsd: number;
	readonly savedUsd: number;
	/** `savedUsd` as a share of `comparisonCostUsd`; 0 when there is nothing to compare. */
	readonly savedShare: number;
	/** Usage entries left out for lacking token counts. */
	readonly excluded: number;
};

/**
 * Prices the reported tokens of every request in [sinceMs, untilMs) on `comparison` and compares that with what
 * they cost. Prices are linear in tokens, so the ledger's sums give the exact figure.
 */
export function savingsEstimate(ledger: CostLedger, comparison: RegisteredModel, sinceMs?: number, untilMs?: number): SavingsEstimate {
	let requests = 0;
	let actual = 0;
	let compared = 0;
	let entries = 0;
	for (const bucket of ledger.buckets(sinceMs, untilMs)) {
		entries += field(bucket.sums, 'usageEntries');
		requests += field(bucket.sums, 'tokenEntries');
		actual += field(bucket.sums, 'tokenCostUsd');
		compared += estimateCostUsd(comparison, {input: field(bucket.sums, 'tokenInputTokens'), output: field(bucket.sums, 'tokenOutputTokens')});
	}

	const saved = compared - actual;
	return {
		comparisonModel: comparison.name,
		requests,
		actualCostUsd: actual,
		comparisonCostUsd: compared,
		savedUsd: saved,
		savedShare: compared > 0 ? saved / compared : 0,
		excluded: entries - requests,
	};
}
