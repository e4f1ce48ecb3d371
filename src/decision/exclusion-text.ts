import type {RegisteredModel} from '../models/registered-model.js';
import type {Exclusion, ExclusionReason} from '../selection/eligibility.js';
import {TIERS} from '../tiers.js';
import {formatUsd, listInProse} from './format.js';
import type {DecisionRecord} from './routing-decision.js';

/** Short names of the exclusion reasons, for summaries. */
export const EXCLUSION_SUMMARY: Readonly<Record<ExclusionReason, string>> = {
	tier_range: 'outside their tier range',
	capability: 'missing a required capability',
	domain: 'specialists of another domain, or generalists set aside for a specialist',
	context_window: 'too small a context window',
	max_cost: 'over maxCostUsd',
	max_latency: 'over maxLatencyMs',
	min_quality: 'below minQuality',
	budget: 'over the budget for one request',
	provider: 'not the preferred provider',
	unhealthy: 'unhealthy (degraded, or down with an open circuit)',
	rate_limit: 'at their rate limit',
};

/** Why one model was excluded, in a sentence fragment; uses the model's settings when it is still registered. */
export function describeExclusion(
	exclusion: Exclusion,
	request: Pick<DecisionRecord, 'tier' | 'estimatedTokens' | 'constraints'>,
	model: RegisteredModel | undefined,
): string {
	const {constraints} = request;
	switch (exclusion.reason) {
		case 'tier_range': {
			if (model === undefined) {
				return `does not serve ${request.tier} prompts`;
			}

			const range = `${TIERS[model.minTier] ?? '?'} to ${TIERS[model.maxTier] ?? '?'}`;
			return TIERS.indexOf(request.tier) < model.minTier
				? `is meant for harder prompts (${range}), and a model suited to ${request.tier} ones was eligible`
				: `serves ${range} prompts, not ${request.tier}`;
		}

		case 'capability': {
			const missing = (constraints.capabilities ?? []).filter(capability => model === undefined || !model.capabilities.has(capability));
			return `lacks ${listInProse(missing.map(capability => `\`${capability}\``)) || 'a required capability'}`;
		}

		case 'domain': {
			if (model !== undefined && model.domains.size > 0 && (constraints.domain === undefined || !model.domains.has(constraints.domain))) {
				return `is a specialist for ${listInProse([...model.domains])}; pass \`domain\` to use it`;
			}

			return `is set aside because a specialist for ${constraints.domain ?? 'the domain'} is eligible`;
		}

		case 'context_window': {
			const needed = request.estimatedTokens.input + request.estimatedTokens.output;
			return `has a context window of ${model?.config.contextWindow ?? '?'} tokens; the request needs about ${needed}`;
		}

		case 'max_cost': {
			return `would cost more than maxCostUsd ${formatUsd(constraints.maxCostUsd ?? 0)}`;
		}

		case 'max_latency': {
			return `averages ${model?.config.avgLatencyMs ?? '?'} ms, above maxLatencyMs ${constraints.maxLatencyMs ?? '?'}`;
		}

		case 'min_quality': {
			return `is predicted to score below minQuality ${constraints.minQuality ?? '?'}`;
		}

		case 'provider': {
			return `is not from the preferred provider ${constraints.prefer ?? '?'}`;
		}

		case 'budget': {
			return 'would cost more than the budget allows for one request (budgets.perRequestUsd)';
		}

		case 'rate_limit': {
			return 'has used its requests or tokens a minute (rateLimits) for now';
		}

		case 'unhealthy': {
			return 'was set aside for its health (recent errors, timeouts or rate limits) while a healthier model was eligible';
		}
	}
}
