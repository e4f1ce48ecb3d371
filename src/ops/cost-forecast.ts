import {describeValue} from '../errors/describe-value.js';
import {TierwiseError} from '../errors/tierwise-error.js';
import {formatUsd} from '../decision/format.js';
import type {ModelRegistry} from '../models/model-registry.js';
import {estimateCostUsd} from '../selection/token-estimate.js';
import type {CostLedger} from './cost-ledger.js';
import type {CostOptimization} from './cost-optimizations.js';
import {field} from './ledger-bucket.js';
import {DAY_MS, HOUR_MS} from './time-periods.js';

/** The traffic to forecast for. */
export type ForecastInput = {
	requestsPerHour: number;
	avgInputTokens: number;
	avgOutputTokens: number;
};

export type CostForecast = {
	readonly hourlyUsd: number;
	/** 24 × hourly. */
	readonly dailyUsd: number;
	/** 30 × daily. */
	readonly monthlyUsd: number;
	/** By model, in the mix the last `days` of decisions had; shares sum to 1. */
	readonly breakdown: ReadonlyArray<{readonly model: string; readonly share: number; readonly costPerRequestUsd: number; readonly hourlyUsd: number}>;
	/** Decisions the mix was read from. */
	readonly basedOnDecisions: number;
	readonly tip: string;
};

/** Checks forecast input from a caller; throws `invalid_input`. */
export function checkForecastInput(input: unknown): ForecastInput {
	if (typeof input !== 'object' || input === null) {
		throw new TierwiseError('invalid_input', `Expected \`{requestsPerHour, avgInputTokens, avgOutputTokens}\`, got ${describeValue(input)}.`);
	}

	for (const name of ['requestsPerHour', 'avgInputTokens', 'avgOutputTokens'] as const) {
		const value = (input as Record<string, unknown>)[name];
		if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
			throw new TierwiseError('invalid_input', `Expected \`${name}\` to be a finite number from 0 up, got ${describeValue(value)}.`);
		}
	}

	return input as ForecastInput;
}

/**
 * What the given traffic would cost with the model mix of the decisions of the last `days`: each model's share
 * of them times the request's price on it. The tip is the largest saving the outcome data suggests, else the
 * model that takes most of the forecast. Throws `insufficient_data` before any decision is recorded.
 */
export function forecastCost(ledger: CostLedger, registry: ModelRegistry, input: ForecastInput, optimizations: readonly CostOptimization[], nowMs: number, days = 7): CostForecast {
	const mix = new Map<string, number>();
	let decisions = 0;
	for (const bucket of ledger.buckets(nowMs - (days * DAY_MS), nowMs + HOUR_MS)) {
		const routes = field(bucket.sums, 'routes');
		if (routes > 0 && registry.get(bucket.model) !== undefined) {
			mix.set(bucket.model, (mix.get(bucket.model) ?? 0) + routes);
			decisions += routes;
		}
	}

	if (decisions === 0) {
		throw new TierwiseError('insufficient_data', `No decisions on registered models in the last ${days} days to take a model mix from. Route some requests first, or forecast once traffic has been recorded.`);
	}

	const breakdown = [...mix]
		.map(([model, count]) => {
			const prices = registry.get(model);
			const costPerRequestUsd = prices === undefined ? 0 : estimateCostUsd(prices, {input: input.avgInputTokens, output: input.avgOutputTokens});
			const share = count / decisions;
			return {model, share, costPerRequestUsd, hourlyUsd: input.requestsPerHour * share * costPerRequestUsd};
		})
		.sort((a, b) => (b.hourlyUsd - a.hourlyUsd) || a.model.localeCompare(b.model));
	const hourlyUsd = breakdown.reduce((sum, row) => sum + row.hourlyUsd, 0);
	const dailyUsd = 24 * hourlyUsd;
	return {hourlyUsd, dailyUsd, monthlyUsd: 30 * dailyUsd, breakdown, basedOnDecisions: decisions, tip: tipFor(breakdown, hourlyUsd, optimizations)};
}

function tipFor(breakdown: CostForecast['breakdown'], hourlyUsd: number, optimizations: readonly CostOptimization[]): string {
	const [best] = optimizations;
	if (best !== undefined) {
		return best.message;
	}

	const [dearest] = breakdown;
	if (dearest === undefined || hourlyUsd === 0) {
		return 'At these prices the forecast is nothing: every model in the mix is free.';
	}

	const costShare = dearest.hourlyUsd / hourlyUsd;
	return `${dearest.model} takes ${(costShare * 100).toFixed(0)}% of the forecast spend on ${(dearest.share * 100).toFixed(0)}% of the requests (${formatUsd(dearest.costPerRequestUsd)} a request); report outcomes so that cheaper models can earn its work on the tiers where they do as well.`;
}
