import {TIERS} from '../tiers.js';
import type {PromptAnalysis} from './prompt-analysis.js';

/** Names of the classifier's inputs, in the order of {@link tierFeatures}; used in explanations and benches. */
export const TIER_FEATURE_NAMES = [
	'log tokens',
	'log questions',
	'log action verbs',
	'log enumeration marks',
	'log long words',
	'log list items',
	'log extra paragraphs',
	'code block',
	'opens with a question word',
	'log code symbols',
	'log math symbols',
	'log constraint words',
	'log depth words',
	'log expert words',
	'log greetings',
	'log brevity words',
	'log domain words',
	'log code words',
	'log maths words',
	...TIERS.map(tier => `similarity to ${tier}`),
] as const;

/** How many things a prompt asks for: questions, action verbs and list items, at least one. */
export function countAsks(analysis: PromptAnalysis): number {
	const {structure, lexiconCounts} = analysis;
	return Math.max(1, structure.questions + lexiconCounts.action + structure.listItems);
}

/**
 * The classifier's inputs for one prompt, written into `out` (a fresh array when omitted): counts on a log
 * scale (the tenth requirement matters less than the second), then the cosine similarity to each tier's
 * centroid.
 */
export function tierFeatures(analysis: PromptAnalysis, similarities: Float64Array, out = new Float64Array(TIER_FEATURE_NAMES.length)): Float64Array {
	const {structure, lexiconCounts: counts} = analysis;
	out[0] = Math.log1p(structure.estimatedTokens);
	out[1] = Math.log1p(structure.questions);
	out[2] = Math.log1p(counts.action);
	out[3] = Math.log1p(structure.enumerationMarks);
	out[4] = Math.log1p(structure.longWords);
	out[5] = Math.log1p(structure.listItems);
	out[6] = Math.log1p(Math.max(0, structure.paragraphs - 1));
	out[7] = structure.codeBlocks > 0 ? 1 : 0;
	out[8] = structure.opensWithQuestionWord ? 1 : 0;
	out[9] = Math.log1p(structure.codeSymbols);
	out[10] = Math.log1p(structure.mathSymbols);
	out[11] = Math.log1p(counts.constraint);
	out[12] = Math.log1p(counts.depth);
	out[13] = Math.log1p(counts.expert);
	out[14] = Math.log1p(counts.greeting);
	out[15] = Math.log1p(counts.brevity);
	out[16] = Math.log1p(counts.medical + counts.legal + counts.finance + counts.science);
	out[17] = Math.log1p(counts.code);
	out[18] = Math.log1p(counts.maths);
	out.set(similarities, 19);
	return out;
}
