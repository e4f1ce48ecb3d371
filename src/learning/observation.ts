import type {Tier} from '../tiers.js';

/** A prompt's distinct terms with how often each occurs, as the classifier reads them. */
export type PromptTerms = ReadonlyArray<readonly [term: string, count: number]>;

/** How one model did on a prompt. */
export type ModelResult = {
	readonly model: string;
	/** Quality of the answer, 0 to 1. */
	readonly score: number;
	/** Whether the answer did its job; from the caller, or a score of at least 0.5. */
	readonly success: boolean;
	readonly outputTokens?: number;
	readonly costUsd?: number;
};

/**
 * What the router learns from: one prompt's terms and tier, and how one or more models did on it. An outcome
 * reported for a decision gives one result; a line of history (`learn`) may give every model's.
 */
export type Observation = {
	readonly tier: Tier;
	readonly terms: PromptTerms;
	readonly inputTokens: number;
	/** The prompt's quality features (`qualityFeatures`); absent in observations written before they were kept, which then teach no slopes. */
	readonly features?: readonly number[];
	readonly observedAt: string;
	readonly results: readonly ModelResult[];
	/** For an outcome of a decision in an experiment: its arm, and what the request cost. */
	readonly experiment?: ArmOutcomeRef;
	/** A lesson for the classifier: the prompt is of this tier (`teach`, or an outcome that says so), at a weight. */
	readonly lesson?: Lesson;
	/** True for the outcome of the model the router chose for the prompt (not explored, not history): it moves the tier's floor. */
	readonly chosen?: boolean;
};

/** What moves a tier centroid towards a prompt. */
export type Lesson = {
	readonly tier: Tier;
	/** 1 for `teach`; less for what an outcome suggests. */
	readonly weight: number;
};

/** The experiment arm an observation counts for. */
export type ArmOutcomeRef = {
	readonly name: string;
	readonly arm: 'A' | 'B';
	/** The reported cost, or the estimate from the reported tokens or the decision. */
	readonly costUsd: number;
};
