import {describeEvidence} from './evidence.js';
import {describeReasoning} from './reasoning.js';
import type {DecisionRecord} from './routing-decision.js';

/** A decision's prose. */
export type DecisionProse = {
	readonly reasoning: readonly string[];
	readonly evidence: readonly string[];
};

/** Writes a decision's reasoning and evidence from its record; the same record always gives the same prose. */
export function describeDecision(decision: DecisionRecord): DecisionProse {
	return {reasoning: describeReasoning(decision), evidence: describeEvidence(decision.classification)};
}
