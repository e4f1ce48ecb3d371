import type {Tier} from '../tiers.js';

/** The counts behind a classification, as a caller or an audit log sees them. */
export type PromptSignals = {
	readonly characters: number;
	readonly estimatedTokens: number;
	/** Questions, action verbs and list items: roughly how many things the prompt asks for. */
	readonly asks: number;
	readonly questions: number;
	readonly actionWords: number;
	readonly listItems: number;
	readonly paragraphs: number;
	readonly codeBlocks: number;
	readonly codeSymbols: number;
	readonly mathSymbols: number;
	readonly constraintWords: number;
	readonly depthWords: number;
	readonly expertWords: number;
	readonly greetingWords: number;
	readonly brevityWords: number;
	readonly enumerationMarks: number;
	readonly longWords: number;
	readonly opensWithQuestionWord: boolean;
	/** Words of each subject area, by count; only areas that occur are listed. */
	readonly domainWords: Readonly<Partial<Record<'code' | 'maths' | 'medical' | 'legal' | 'finance' | 'science', number>>>;
};

/** A prompt's most distinctive term, with its weight in the prompt's unit TF-IDF vector. */
export type WeightedTerm = {
	readonly term: string;
	readonly weight: number;
};

/** What the classifier says about a prompt. */
export type Classification = {
	readonly tier: Tier;
	/** The probability of `tier`, from the calibrated model: how often a prompt given this confidence is right. Four decimals. */
	readonly confidence: number;
	/** The probability of each tier, four decimals each; they sum to 1 within rounding. */
	readonly scores: Readonly<Record<Tier, number>>;
	/** Cosine similarity of the prompt to each tier's centroid. */
	readonly similarity: Readonly<Record<Tier, number>>;
	readonly signals: PromptSignals;
	/** Up to eight of the prompt's most distinctive known terms, heaviest first. */
	readonly topTerms: readonly WeightedTerm[];
};
