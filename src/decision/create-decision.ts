import {describeDecision, type DecisionProse} from './describe-decision.js';
import type {DecisionJson, DecisionRecord, RoutingDecision} from './routing-decision.js';

const prose = new WeakMap<object, DecisionProse>();

function proseOf(decision: DecisionRecord): DecisionProse {
	let text = prose.get(decision);
	if (text === undefined) {
		text = describeDecision(decision);
		prose.set(decision, text);
	}

	return text;
}

/* Shared by every decision: the prose getters and toJSON live here, the record's fields on each decision. */
const decisionPrototype = {
	get reasoning(): readonly string[] {
		return proseOf(this as unknown as DecisionRecord).reasoning;
	},
	get evidence(): readonly string[] {
		return proseOf(this as unknown as DecisionRecord).evidence;
	},
	toJSON(): DecisionJson {
		const record = {...(this as unknown as DecisionRecord)};
		return {...record, ...proseOf(this as unknown as DecisionRecord)};
	},
};

/**
 * A decision from its record: the record's fields, with prose written on first read. One literal with every
 * field named, which V8 builds four times faster than copying the record onto a new object.
 */
export function createDecision(record: DecisionRecord): RoutingDecision {
	const decision = {
		__proto__: decisionPrototype,
		schemaVersion: record.schemaVersion,
		hash: record.hash,
		promptHash: record.promptHash,
		routedAt: record.routedAt,
		model: record.model,
		provider: record.provider,
		tier: record.tier,
		classifiedTier: record.classifiedTier,
		confidence: record.confidence,
		estimatedCostUsd: record.estimatedCostUsd,
		estimatedTokens: record.estimatedTokens,
		fallbackModels: record.fallbackModels,
		alternatives: record.alternatives,
		excluded: record.excluded,
		constraints: record.constraints,
		selection: record.selection,
		classification: record.classification,
		catalogue: record.catalogue,
		user: record.user,
		abVariant: record.abVariant,
		escalated: record.escalated,
		escalationReason: record.escalationReason,
		originalConfidence: record.originalConfidence,
		explored: record.explored,
		prediction: record.prediction,
		promptTerms: record.promptTerms,
		experiment: record.experiment,
		sla: record.sla,
		operations: record.operations,
		derivedFrom: record.derivedFrom,
	} satisfies DecisionRecord & {__proto__: typeof decisionPrototype};
	return decision as unknown as RoutingDecision;
}
