import {tierAt, tierIndex, type Tier} from '../tiers.js';
import type {Lesson} from './observation.js';

/** What one poorly scored outcome teaches the classifier, against 1 for a prompt given to `teach`. */
export const OUTCOME_LESSON_WEIGHT = 0.25;

/**
 * What an outcome teaches the classifier: a poor score (below 0.5) on the model chosen for a prompt says the
 * prompt may be harder than its tier, so it pulls the next tier's centroid a little towards the prompt. A good
 * score teaches nothing: it would only confirm the classifier's own guess. Nor does an outcome of an explored
 * decision, whose model was drawn at random and may simply be weak.
 */
export function outcomeLesson(tier: Tier, score: number, explored: boolean): Lesson | undefined {
	if (explored || score >= 0.5 || tier === 'expert') {
		return undefined;
	}

	return {tier: tierAt(tierIndex(tier) + 1), weight: OUTCOME_LESSON_WEIGHT};
}
