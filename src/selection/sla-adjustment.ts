import {formatUsd} from '../decision/format.js';
import type {SlaBreachKind} from '../ops/ops-event.js';
import type {Candidate} from './eligibility.js';
import type {OperationsView} from './operations-view.js';

/** What the SLA made of a decision. */
export type SlaOutcome<T extends Candidate> = {
	readonly ranked: readonly T[];
	/** Limits the first choice breached. */
	readonly breaches: readonly SlaBreachKind[];
	/** The kinds switched away from, and the sentences saying how. */
	readonly adjusted: readonly SlaBreachKind[];
	readonly adjustments: readonly string[];
	/** Whether the final choice meets every limit. */
	readonly compliant: boolean;
};

const none: readonly never[] = Object.freeze([]);

/** The limits `candidate` breaks under the view's SLA. */
export function slaBreaches(candidate: Candidate, view: OperationsView): SlaBreachKind[] {
	const {sla} = view;
	if (sla === undefined) {
		return [];
	}

	const breaches: SlaBreachKind[] = [];
	const latency = view.latencyMs(candidate.model);
	if (sla.maxLatencyMs !== undefined && latency !== undefined && latency > sla.maxLatencyMs) {
		breaches.push('latency');
	}

	if (sla.budgetPerHourUsd !== undefined && view.spentThisHourUsd + candidate.estimatedCostUsd > sla.budgetPerHourUsd) {
		breaches.push('budget');
	}

	if (sla.minQualityScore !== undefined && candidate.prediction.quality < sla.minQualityScore) {
		breaches.push('quality');
	}

	return breaches;
}

/**
 * Checks the chosen model (first in `ranked`) against the SLA. With `autoEscalateOnBreach`, switches to a
 * candidate that meets every limit (the cheapest such when the hourly budget is breached, else the first in
 * order); when none does and the hourly budget is breached, to the cheapest candidate that meets the other
 * limits the choice breached, since spending less is the adjustment a budget allows; otherwise the choice
 * stands, breaches and all.
 */
export function applySla<T extends Candidate>(ranked: readonly T[], view: OperationsView): SlaOutcome<T> {
	const chosen = ranked[0];
	if (chosen === undefined || view.sla === undefined) {
		return {ranked, breaches: none, adjusted: none, adjustments: none, compliant: true};
	}

	const breaches = slaBreaches(chosen, view);
	if (breaches.length === 0 || view.sla.autoEscalateOnBreach !== true) {
		return {ranked, breaches, adjusted: none, adjustments: none, compliant: breaches.length === 0};
	}

	const overBudget = breaches.includes('budget');
	const cheapestOf = (pool: readonly T[]) => [...pool].sort((a, b) => a.estimatedCostUsd - b.estimatedCostUsd)[0];
	const meeting = ranked.filter(candidate => slaBreaches(candidate, view).length === 0);
	let replacement = overBudget ? cheapestOf(meeting) : meeting[0];
	if (replacement === undefined && overBudget) {
		replacement = cheapestOf(ranked.filter(candidate => !slaBreaches(candidate, view).some(kind => kind !== 'budget' && breaches.includes(kind))));
	}

	if (replacement === undefined || replacement === chosen) {
		return {ranked, breaches, adjusted: none, adjustments: none, compliant: false};
	}

	const remaining = slaBreaches(replacement, view);
	const cheaper = replacement.estimatedCostUsd < chosen.estimatedCostUsd;
	const adjusted = breaches.filter(kind => !remaining.includes(kind) || (kind === 'budget' && cheaper));
	const why = adjusted.map(kind => breachText(kind, chosen, view)).join('; ');
	return {
		ranked: [replacement, ...ranked.filter(candidate => candidate !== replacement)],
		breaches,
		adjusted,
		adjustments: [`${replacement.model.name} instead of ${chosen.model.name}: ${why}`],
		compliant: remaining.length === 0,
	};
}

/** Why a model breaks one limit, in a phrase. */
export function breachText(kind: SlaBreachKind, candidate: Candidate, view: OperationsView): string {
	const {sla} = view;
	switch (kind) {
		case 'latency': {
			return `${candidate.model.name} takes ${Math.round(view.latencyMs(candidate.model) ?? 0)} ms, above the SLA's ${sla?.maxLatencyMs ?? '?'} ms`;
		}

		case 'budget': {
			return `${formatUsd(view.spentThisHourUsd)} spent this hour and ${formatUsd(candidate.estimatedCostUsd)} more would pass the SLA's ${formatUsd(sla?.budgetPerHourUsd ?? 0)} an hour`;
		}

		case 'quality': {
			return `${candidate.model.name} is predicted ${candidate.prediction.quality.toFixed(2)}, below the SLA's ${sla?.minQualityScore ?? '?'}`;
		}
	}
}
