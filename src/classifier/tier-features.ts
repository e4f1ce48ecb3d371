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
 * The classifier's inputs for one prompt: counts on a log scale (the tenth requirement matters less than the
 * second), then the cosine similarity to each tier's centroid.
 */
export function tierFeatures(analysis: PromptAnalysis, similarities: Float64Array): Float64Array {
	const {structure, lexiconCounts} = analysis;
	const features = new Float64Array(TIER_FEATURE_NAMES.length);
	const counts = [
		structure.estimatedTokens,
		structure.questions,
		lexiconCounts.action,
		structure.enumerationMarks,
		structure.longWords,
		structure.listItems,
		Math.max(0, structure.paragraphs - 1),
	];
	let index = 0;
	for (const count of counts) {
		features[index++] = Math.log1p(count);
	}

	features[index++] = structure.codeBlocks > 0 ? 1 : 0;
	features[index++] = structure.opensWithQuestionWord ? 1 : 0;
	for (const count of [
		structure.codeSymbols,
		structure.mathSymbols,
		lexiconCounts.constraint,
		lexiconCounts.depth,
		lexiconCounts.expert,
		lexiconCounts.greeting,
		lexiconCounts.brevity,
		lexiconCounts.medical + lexiconCounts.legal + lexiconCounts.finance + lexiconCounts.science,
		lexiconCounts.code,
		lexiconCounts.maths,
	]) {
		features[index++] = Math.log1p(count);
	}

	features.set(similarities, index);
	return features;
}
