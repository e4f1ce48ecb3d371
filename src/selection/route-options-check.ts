import {TIERS} from '../tiers.js';
import type {RouteOptions} from './route-options.js';

/*
Route options checked by hand: route() checks the options of every call, and zod's schema cost a third of a
route with options. The check mirrors `routeOptionsSchema` and may only be stricter (a plain object, known keys):
options it refuses go to the schema, which accepts them or says what is wrong.
*/

type OptionCheck = (value: unknown) => boolean;

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isNonNegative: OptionCheck = value => isNumber(value) && value >= 0;
const isName: OptionCheck = value => typeof value === 'string' && value.length > 0;
const isNames: OptionCheck = value => Array.isArray(value) && value.every(item => isName(item));
const tiers: ReadonlySet<unknown> = new Set(TIERS);
const urgencies: ReadonlySet<unknown> = new Set(['low', 'normal', 'high']);

const contextChecks: Readonly<Record<string, OptionCheck>> = {
	conversationTokens: isNonNegative,
	iteration: value => Number.isSafeInteger(value) && (value as number) >= 1,
	urgency: value => urgencies.has(value),
};

const optionChecks: Readonly<Record<string, OptionCheck>> = {
	maxCostUsd: isNonNegative,
	maxLatencyMs: value => isNumber(value) && value > 0,
	minQuality: value => isNumber(value) && value >= 0 && value <= 1,
	costWeight: isNonNegative,
	capability: value => isName(value) || isNames(value),
	prefer: isName,
	minTier: value => tiers.has(value),
	domain: isName,
	estimateTokens: value => Array.isArray(value) && value.length === 2 && isNonNegative(value[0]) && isNonNegative(value[1]),
	user: value => typeof value === 'string',
	context: value => isPlainObjectOf(value, contextChecks),
	profile: isName,
	experiment: isName,
	subject: isName,
	fallbackChain: isNames,
};

/** Whether `value` is a plain object whose every key has a check that its value (or undefined) passes. */
function isPlainObjectOf(value: unknown, checks: Readonly<Record<string, OptionCheck>>): boolean {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return false;
	}

	const prototype: unknown = Object.getPrototypeOf(value);
	if (prototype !== Object.prototype && prototype !== null) {
		return false;
	}

	for (const key of Object.keys(value)) {
		const check = Object.hasOwn(checks, key) ? checks[key] : undefined;
		const option = (value as Record<string, unknown>)[key];
		if (check === undefined || (option !== undefined && !check(option))) {
			return false;
		}
	}

	return true;
}

/** Whether `value` is route options that `routeOptionsSchema` accepts, checked without it. */
export function isPlainRouteOptions(value: unknown): value is RouteOptions {
	return isPlainObjectOf(value, optionChecks);
}
