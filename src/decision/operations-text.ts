import {formatUsd, listInProse} from './format.js';
import type {DecisionRecord} from './routing-decision.js';

/** How budgets, health, load balancing and the SLA shaped a decision, in plain sentences; empty when they did not. */
export function describeOperations(decision: DecisionRecord): string[] {
	const sentences: string[] = [];
	const {derivedFrom} = decision;
	if (derivedFrom !== null) {
		sentences.push({
			failover: `Failover: made in place of decision ${derivedFrom.hash}, whose model failed; ${decision.model} was next in its fallbacks.`,
			cascade: `Cascade: made in place of decision ${derivedFrom.hash}, whose cheaper model's answer was judged weak.`,
			ensemble: `Ensemble: ${decision.model} was one of several models asked in parallel for decision ${derivedFrom.hash}.`,
		}[derivedFrom.reason]);
	}

	const operations = decision.operations;
	const budget = operations?.budget;
	if (budget !== undefined && budget.window !== null) {
		const window = `${budget.window.scope === 'user' ? `${decision.user ?? 'the user'}'s ` : ''}${budget.window.period === 'day' ? 'daily' : `${budget.window.period}ly`} budget`;
		const standing = `${formatUsd(budget.spentUsd ?? 0)} of ${formatUsd(budget.limitUsd ?? 0)} spent`;
		if (budget.mode === 'economy') {
			sentences.push(`Budget economy: the ${window} has ${((budget.remainingShare ?? 0) * 100).toFixed(0)}% left (${standing}), so the cheapest eligible model came first.`);
		} else if (budget.mode === 'limit' && budget.deniedBy === null) {
			sentences.push(`Budget limit: the ${window} is spent (${standing}), so the cheapest eligible model came first (budgets.onLimit).`);
		}
	}

	if (budget?.deniedBy !== null && budget?.deniedBy !== undefined) {
		sentences.push(`Budget client: ${budget.deniedBy}; the cheapest eligible model was chosen instead (budgets.onLimit).`);
	}

	if (operations !== null) {
		if (operations.health === 'half_open') {
			sentences.push(`${decision.model} is half-open after failures: this request is the probe that closes its circuit if it succeeds.`);
		} else if (operations.health !== 'healthy') {
			sentences.push(`${decision.model} is ${operations.health === 'down' ? 'down' : 'degraded'}, but no healthier model was eligible.`);
		}

		if (operations.scaledFrom !== null) {
			sentences.push(`autoScale moved this request from ${operations.scaledFrom}, which is degraded, to ${decision.model}.`);
		}

		if (operations.loadBalanced !== null) {
			sentences.push(`Load balanced (${operations.loadBalanced.strategy.replace('_', ' ')}) among the equivalent ${listInProse([...operations.loadBalanced.pool])}.`);
		}
	}

	const {sla} = decision;
	for (const adjustment of sla.adjustments) {
		sentences.push(`SLA: ${adjustment}.`);
	}

	if (!sla.compliant) {
		sentences.push(`SLA breached: ${sla.breaches.filter(kind => !sla.adjustedFor.includes(kind)).join(', ') || sla.breaches.join(', ')}${sla.adjustments.length === 0 ? ' (not adjusted: autoEscalateOnBreach is off, or no eligible model meets the limits)' : ''}.`);
	}

	return sentences;
}
