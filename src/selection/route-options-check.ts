import {TIERS} from '../tiers.js';
import {isAmount, isFiniteNumber, isPlainObjectOf, isShare, isString, oneOf, type Check} from '../util/value-checks.js';
import type {RouteOptions} from './route-options.js';

/*
Route options checked by hand: route() checks the options of every call, and zod's schema cost a third of a
route with options. The check mirrors `routeOptionsSchema` and may only be stricter (a plain object, known keys):
options it refuses go to the schema, which accepts them or says what is wrong.
*/

const isName: Check = value => typeof value === 'string' && value.length > 0;
const isNames: Check = value => Array.isArray(value) && value.every(item => isName(item));

const contextChecks: Readonly<Record<string, Check>> = {
	conversationTokens: isAmount,
	iteration: value => Number.isSafeInteger(value) && (value as number) >= 1,
	urgency: oneOf(new Set(['low', 'normal', 'high'])),
};

const optionChecks: Readonly<Record<string, Check>> = {
	maxCostUsd: isAmount,
	maxLatencyMs: value => isFiniteNumber(value) && (value as number) > 0,
	minQuality: isShare,
	costWeight: isAmount,
	capability: value => isName(value) || isNames(value),
	prefer: isName,
	minTier: oneOf(new Set(TIERS)),
	domain: isName,
	estimateTokens: value => Array.isArray(value) && value.length === 2 && isAmount(value[0]) && isAmount(value[1]),
	user: isString,
	context: value => isPlainObjectOf(value, contextChecks),
	profile: isName,
	experiment: isName,
	subject: isName,
	fallbackChain: isNames,
};

/**
 * `value` as route options, when it is options that `routeOptionsSchema` accepts, checked without it; else
 * undefined. A copy, as the schema's would be, that the caller cannot change afterwards through the arrays and
 * the context it passed, without the options set to undefined.
 */
export function plainRouteOptions(value: unknown): RouteOptions | undefined {
	if (!isPlainObjectOf(value, optionChecks)) {
		return undefined;
	}

	const copy: Record<string, unknown> = {};
	for (const [key, option] of Object.entries(value)) {
		if (option !== undefined) {
			copy[key] = Array.isArray(option) ? (option as unknown[]).slice() : (typeof option === 'object' ? {...option} : option);
		}
	}

	return copy;
}
