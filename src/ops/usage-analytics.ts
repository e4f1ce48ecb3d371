import {TIERS, type Tier} from '../tiers.js';
import type {CostLedger} from './cost-ledger.js';
import {field} from './ledger-bucket.js';

/** A count and its share of the total. */
export type CountShare = {readonly count: number; readonly share: number};

/** What {@link usageAnalytics} reports. */
export type UsageAnalytics = {
	readonly totalRouted: number;
	readonly tiers: Readonly<Record<Tier, CountShare>>;
	/** Most used first. */
	readonly models: ReadonlyArray<{readonly model: string; readonly provider: string} & CountShare>;
	readonly providers: ReadonlyArray<{readonly provider: string} & CountShare>;
	/** Mean classifier confidence of the decisions; null without any. */
	readonly averageConfidence: number | null;
	/** Mean reported quality score; null without any outcome. */
	readonly averageQuality: number | null;
	readonly outcomes: number;
	readonly totalCostUsd: number;
	/**
	 * By route()'s estimates: what the decisions would have cost on the dearest eligible model, less what they were
	 * estimated to cost as routed. An estimate, not a reported figure; `savingsEstimate` gives the reported one.
	 */
	readonly estimatedSavingsUsd: number;
	readonly mostUsedModel: string | null;
	readonly mostUsedProvider: string | null;
};

/** Decisions and outcomes in [sinceMs, untilMs), from the ledger: tier and model mix, confidence, quality, cost. */
export function usageAnalytics(ledger: CostLedger, sinceMs?: number, untilMs?: number): UsageAnalytics {
	const tierCounts = new Map<Tier, number>();
	const models = new Map<string, {model: string; provider: string; count: number}>();
	const providers = new Map<string, number>();
	let routed = 0;
	let confidence = 0;
	let scored = 0;
	let quality = 0;
	let costUsd = 0;
	let estimatedSavingsUsd = 0;
	for (const bucket of ledger.buckets(sinceMs, untilMs)) {
		estimatedSavingsUsd += field(bucket.sums, 'baselineCostUsd') - field(bucket.sums, 'estimatedCostUsd');
		const routes = field(bucket.sums, 'routes');
		routed += routes;
		confidence += field(bucket.sums, 'confidenceSum');
		scored += field(bucket.sums, 'scored');
		quality += field(bucket.sums, 'qualitySum');
		costUsd += field(bucket.sums, 'costUsd');
		if (routes === 0) {
			continue;
		}

		if (bucket.tier !== null) {
			tierCounts.set(bucket.tier, (tierCounts.get(bucket.tier) ?? 0) + routes);
		}

		const id = `${bucket.model}\u0000${bucket.provider}`;
		const model = models.get(id) ?? {model: bucket.model, provider: bucket.provider, count: 0};
		model.count += routes;
		models.set(id, model);
		providers.set(bucket.provider, (providers.get(bucket.provider) ?? 0) + routes);
	}

	const share = (count: number) => (routed === 0 ? 0 : count / routed);
	const modelRows = [...models.values()].sort((a, b) => (b.count - a.count) || a.model.localeCompare(b.model)).map(model => ({...model, share: share(model.count)}));
	const providerRows = [...providers].sort((a, b) => (b[1] - a[1]) || a[0].localeCompare(b[0])).map(([provider, count]) => ({provider, count, share: share(count)}));
	return {
		totalRouted: routed,
		tiers: Object.fromEntries(TIERS.map(tier => [tier, {count: tierCounts.get(tier) ?? 0, share: share(tierCounts.get(tier) ?? 0)}])) as Record<Tier, CountShare>,
		models: modelRows,
		providers: providerRows,
		averageConfidence: routed === 0 ? null : confidence / routed,
		averageQuality: scored === 0 ? null : quality / scored,
		outcomes: scored,
		totalCostUsd: costUsd,
		estimatedSavingsUsd,
		mostUsedModel: modelRows[0]?.model ?? null,
		mostUsedProvider: providerRows[0]?.provider ?? null,
	};
}
