import {tierAt, tierIndex, type Tier} from '../tiers.js';

/** What to do when the classifier is unsure of a prompt's tier. */
export type EscalationStrategy = 'always' | 'log_only' | 'ask';

/** Confidence-gated escalation, set when the router opens. */
export type EscalationPolicy = {
	/** Below this classifier confidence, the gate fires. */
	readonly lowConfidenceThreshold: number;
	/** The model to escalate to; without one, the prompt is routed one tier up. */
	readonly escalationModel?: string;
	/**
	 * `always`: escalate. `log_only`: route as usual and record that the gate fired. `ask`: route as usual and say
	 * on the decision what escalating would mean, for the caller to decide.
	 * @default 'always'
	 */
	readonly strategy?: EscalationStrategy;
};

/** What the gate did for one decision. */
export type GateResult = {
	/** The tier to route as. */
	readonly tier: Tier;
	/** The model to put first, when the strategy escalates to a named model. */
	readonly model: string | undefined;
	readonly escalates: boolean;
	/** Why, given whether the escalation could be made. */
	readonly reason: (applied: boolean) => string;
};

/** The gate's result for a confidence, or undefined when it does not fire. */
export function lowConfidenceGate(policy: EscalationPolicy | undefined, confidence: number, tier: Tier): GateResult | undefined {
	if (policy === undefined || confidence >= policy.lowConfidenceThreshold) {
		return undefined;
	}

	const strategy = policy.strategy ?? 'always';
	const unsure = `confidence ${confidence.toFixed(2)} is below lowConfidenceThreshold ${policy.lowConfidenceThreshold}`;
	const target = policy.escalationModel ?? tierAt(tierIndex(tier) + 1);
	switch (strategy) {
		case 'always': {
			if (policy.escalationModel === undefined) {
				const raised = tierAt(tierIndex(tier) + 1);
				return {tier: raised, model: undefined, escalates: true, reason: () => `${unsure}: routed as ${raised} instead of ${tier}`};
			}

			return {
				tier,
				model: policy.escalationModel,
				escalates: true,
				reason: applied => applied ? `${unsure}: escalated to ${target}` : `${unsure}, but ${target} is not eligible for this request: routed as usual`,
			};
		}

		case 'log_only': {
			return {tier, model: undefined, escalates: false, reason: () => `${unsure} (logged only)`};
		}

		case 'ask': {
			return {tier, model: undefined, escalates: false, reason: () => `${unsure}: ask before escalating to ${target}`};
		}
	}
}
