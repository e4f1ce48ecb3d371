/** What the default response check found. */
export type ResponseCheck = {
	/** 0 (the answer is weak) to 1 (nothing suggests it is). */
	readonly confidence: number;
	readonly signals: readonly string[];
};

const hedges = /\b(?:i(?:'m| am) not (?:sure|certain)|i don't know|i do not know|i'm unsure|it(?:'s| is) (?:hard|difficult) to say|i (?:can(?:'t|not)|am unable to) (?:be sure|determine|say for certain)|might be|may or may not|possibly|perhaps|not entirely clear)\b/giu;
const refusals = /\b(?:i (?:can(?:'t|not)|won't|am unable to|am not able to) (?:help|assist|answer|provide|do that|comply)|as an ai(?: language model)?|i(?:'m| am) sorry, but)\b/iu;

/**
 * A cheap look at an answer for signs that it is weak: a refusal, hedging, or an answer far shorter than the
 * question warrants. Every sign lowers the confidence; a refusal or an empty answer takes it to 0.1 or below.
 */
export function checkResponse(prompt: string, answer: string): ResponseCheck {
	const text = answer.trim();
	const signals: string[] = [];
	if (text.length === 0) {
		return {confidence: 0, signals: ['empty answer']};
	}

	let confidence = 1;
	if (refusals.test(text)) {
		signals.push('refusal');
		confidence = Math.min(confidence, 0.1);
	}

	const hedging = text.match(hedges)?.length ?? 0;
	if (hedging > 0) {
		signals.push(`${hedging} hedge${hedging === 1 ? '' : 's'}`);
		confidence -= Math.min(0.6, 0.3 * hedging);
	}

	// A long or many-part question answered in a few words; a short question may take a one-word answer.
	const words = text.split(/\s+/u).length;
	const expected = Math.min(40, Math.floor(prompt.split(/\s+/u).length / 6));
	if (expected >= 3 && words < expected) {
		signals.push(`short answer (${words} words)`);
		confidence -= 0.3;
	}

	return {confidence: Math.max(0, Math.min(1, confidence)), signals};
}
