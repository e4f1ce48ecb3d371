import type {ModelRegistry} from '../models/model-registry.js';
import {QUALITY_TOLERANCE} from '../selection/choose-candidate.js';
import {TIERS, type Tier} from '../tiers.js';
import {formatUsd} from '../decision/format.js';
import type {CostLedger} from './cost-ledger.js';
import {field} from './ledger-bucket.js';
import {DAY_MS, HOUR_MS} from './time-periods.js';

/** A change the outcome data says would save money, with what it would cost in quality. */
export type CostOptimization = {
	readonly kind: 'switch_model';
	readonly tier: Tier;
	readonly from: string;
	readonly to: string;
	/** Decisions a day that went to `from` on this tier, over the period looked at. */
	readonly dailyRequests: number;
	readonly estimatedDailySavingUsd: number;
	/** Mean reported quality of `to` less that of `from` on this tier (negative: a little worse). */
	readonly qualityChange: number;
	readonly evidence: {readonly fromOutcomes: number; readonly toOutcomes: number; readonly fromCostUsd: number; readonly toCostUsd: number};
	readonly message: string;
};

/** Outcomes a model needs on a tier before suggestions lean on its figures. */
export const MIN_OUTCOMES_FOR_SUGGESTION = 10;

type TierModel = {routes: number; scored: number; qualitySum: number; priced: number; costUsd: number};

/**
 * Suggestions from the outcomes reported over the last `days`: for each tier, a model that was chosen there and
 * a cheaper one whose mean reported quality on the tier is within the tier's tolerance of it (both with at least
 * {@link MIN_OUTCOMES_FOR_SUGGESTION} outcomes), with the daily saving at the observed volume. Largest saving
 * first; one suggestion per tier and model.
 */
export function costOptimizations(ledger: CostLedger, registry: ModelRegistry, nowMs: number, days = 7): CostOptimization[] {
	const sinceMs = nowMs - (days * DAY_MS);
	const byTier = new Map<Tier, Map<string, TierModel>>();
	let firstMs = nowMs;
	for (const bucket of ledger.buckets(sinceMs, nowMs + HOUR_MS)) {
		if (bucket.tier === null) {
			continue;
		}

		firstMs = Math.min(firstMs, bucket.startMs);
		const models = byTier.get(bucket.tier) ?? new Map<string, TierModel>();
		byTier.set(bucket.tier, models);
		const sums = models.get(bucket.model) ?? {routes: 0, scored: 0, qualitySum: 0, priced: 0, costUsd: 0};
		models.set(bucket.model, sums);
		sums.routes += field(bucket.sums, 'routes');
		sums.scored += field(bucket.sums, 'scored');
		sums.qualitySum += field(bucket.sums, 'qualitySum');
		sums.priced += field(bucket.sums, 'pricedEntries');
		sums.costUsd += field(bucket.sums, 'costUsd');
	}

	const observedDays = Math.max(1 / 24, (nowMs - firstMs) / DAY_MS);
	const suggestions: CostOptimization[] = [];
	for (const tier of TIERS) {
		const models = [...(byTier.get(tier) ?? new Map<string, TierModel>())]
			.filter(([name, sums]) => sums.scored >= MIN_OUTCOMES_FOR_SUGGESTION && sums.priced > 0 && registry.get(name) !== undefined)
			.map(([name, sums]) => ({name, sums, quality: sums.qualitySum / sums.scored, costUsd: sums.costUsd / sums.priced}));
		for (const from of models) {
			let best: CostOptimization | undefined;
			for (const to of models) {
				const qualityChange = to.quality - from.quality;
				if (to.costUsd >= from.costUsd || qualityChange < -QUALITY_TOLERANCE[tier] || from.sums.routes === 0) {
					continue;
				}

				const dailyRequests = from.sums.routes / observedDays;
				const saving = dailyRequests * (from.costUsd - to.costUsd);
				if (best === undefined || saving > best.estimatedDailySavingUsd) {
					best = {
						kind: 'switch_model',
						tier,
						from: from.name,
						to: to.name,
						dailyRequests,
						estimatedDailySavingUsd: saving,
						qualityChange,
						evidence: {fromOutcomes: from.sums.scored, toOutcomes: to.sums.scored, fromCostUsd: from.costUsd, toCostUsd: to.costUsd},
						message: `Route ${tier} prompts from ${from.name} to ${to.name}: about ${formatUsd(saving)} a day at ${Math.round(dailyRequests)} requests a day (${formatUsd(from.costUsd)} against ${formatUsd(to.costUsd)} a request), for a mean quality of ${to.quality.toFixed(3)} against ${from.quality.toFixed(3)} over ${to.sums.scored} and ${from.sums.scored} reported outcomes.`,
					};
				}
			}

			if (best !== undefined) {
				suggestions.push(best);
			}
		}
	}

	return suggestions.sort((a, b) => b.estimatedDailySavingUsd - a.estimatedDailySavingUsd);
}
