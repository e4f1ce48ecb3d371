import type {Tier} from '../tiers.js';
import corpus from './seed-corpus.json' with {type: 'json'};

/** A prompt with the tier a person gave it. */
export type LabelledPrompt = {
	readonly text: string;
	readonly tier: Tier;
};

/** A prompt of the seed corpus, with what kind of task it is and its language (ISO 639-1). */
export type SeedPrompt = LabelledPrompt & {
	readonly kind: string;
	readonly lang: string;
};

/**
 * The labelled prompts the classifier starts from: about 75 per tier, covering chat, facts, code, maths,
 * writing, analysis, medicine, law, finance and science, in English, Spanish, French, German, Chinese,
 * Japanese, Portuguese and Italian. Written for tierwise and labelled by one rule: the tier is the least
 * capable class of model that would answer the prompt well (see the README's "Tiers" section).
 */
export const SEED_CORPUS = corpus as readonly SeedPrompt[];
