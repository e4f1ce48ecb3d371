import type {Classification} from '../classifier/classification.js';
import {TIERS} from '../tiers.js';
import {plural} from './format.js';

/** The signals behind a classification as short plain phrases, strongest kinds first; empty signals are left out. */
export function describeEvidence(classification: Classification): string[] {
	const signals = classification.signals;
	const evidence = [`about ${plural(signals.estimatedTokens, 'token')}`];
	const asks = [
		signals.questions > 0 ? plural(signals.questions, 'question') : '',
		signals.actionWords > 0 ? plural(signals.actionWords, 'action verb') : '',
		signals.listItems > 0 ? plural(signals.listItems, 'list item') : '',
	].filter(part => part !== '');
	evidence.push(`${plural(signals.asks, 'ask')}${asks.length > 0 ? ` (${asks.join(', ')})` : ''}`);
	if (signals.paragraphs > 1) {
		evidence.push(plural(signals.paragraphs, 'paragraph'));
	}

	if (signals.codeBlocks > 0 || signals.codeSymbols > 2) {
		evidence.push(`code: ${plural(signals.codeBlocks, 'block')}, ${plural(signals.codeSymbols, 'code symbol')}`);
	}

	if (signals.mathSymbols > 0) {
		evidence.push(plural(signals.mathSymbols, 'maths symbol'));
	}

	const words: Array<[number, string]> = [
		[signals.expertWords, 'specialist'],
		[signals.depthWords, 'depth'],
		[signals.constraintWords, 'requirement'],
		[signals.brevityWords, 'brevity'],
		[signals.greetingWords, 'greeting'],
	];
	for (const [count, kind] of words) {
		if (count > 0) {
			evidence.push(plural(count, `${kind} word`));
		}
	}

	const domains = Object.entries(signals.domainWords).map(([domain, count]) => `${domain} ${count}`);
	if (domains.length > 0) {
		evidence.push(`subject words: ${domains.join(', ')}`);
	}

	let nearest = 0;
	for (let index = 1; index < TIERS.length; index++) {
		if (classification.similarity[TIERS[index] ?? 'trivial'] > classification.similarity[TIERS[nearest] ?? 'trivial']) {
			nearest = index;
		}
	}

	const nearestTier = TIERS[nearest] ?? 'trivial';
	if (classification.similarity[nearestTier] > 0) {
		evidence.push(`closest tier centroid: ${nearestTier} (cosine ${classification.similarity[nearestTier].toFixed(2)})`);
	}

	if (classification.topTerms.length > 0) {
		evidence.push(`most distinctive terms (stemmed): ${classification.topTerms.slice(0, 5).map(({term}) => term).join(', ')}`);
	}

	return evidence;
}
