/*
Checks written by hand, for what is checked in bulk: parsed JSON of the files and records a workspace reads (ops
records, a snapshot's learning), where zod's schema costs several times the JSON parse, and the options and
details callers pass with every route and outcome. Each check mirrors its schema and may only be stricter: a
value that fails one goes to the schema, which says what is wrong.
*/

/** Whether a parsed JSON value has the expected shape. */
export type Check = (value: unknown) => boolean;

/** An object that is not an array (a JSON object, or a caller's options). */
export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const isString: Check = value => typeof value === 'string';
export const isBoolean: Check = value => typeof value === 'boolean';
export const isFiniteNumber: Check = value => typeof value === 'number' && Number.isFinite(value);
export const isAmount: Check = value => isFiniteNumber(value) && (value as number) >= 0;
export const isShare: Check = value => isFiniteNumber(value) && (value as number) >= 0 && (value as number) <= 1;
export const isCount: Check = value => Number.isSafeInteger(value) && (value as number) >= 0;
export const isPositiveCount: Check = value => Number.isSafeInteger(value) && (value as number) > 0;
/*
A time exactly as `toISOString` writes it (milliseconds, UTC), as tierwise writes every time: zod's
`z.iso.datetime()` pattern for the date, so that a day a month lacks fails, with the rest of it fixed. Five
times quicker than a round trip through `Date`, which took a third of an outcome record's check.
*/
const isoTimePattern = /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2[0-8])))T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/u;
export const isIsoTime: Check = value => typeof value === 'string' && isoTimePattern.test(value);

export function nullable(check: Check): Check {
	return value => value === null || check(value);
}

export function oneOf(set: ReadonlySet<unknown>): Check {
	return value => set.has(value);
}

export function listOf(check: Check): Check {
	return value => {
		if (!Array.isArray(value)) {
			return false;
		}

		for (const item of value) {
			if (!check(item)) {
				return false;
			}
		}

		return true;
	};
}

/** An array of exactly the given items; `optionalFrom` items on may be missing (not `undefined`: JSON has none). */
export function tupleOf(items: readonly Check[], optionalFrom = items.length): Check {
	return value => {
		if (!Array.isArray(value) || value.length < optionalFrom || value.length > items.length) {
			return false;
		}

		for (let index = 0; index < value.length; index++) {
			if (!(items[index]?.(value[index]) ?? false)) {
				return false;
			}
		}

		return true;
	};
}

/** A plain object with exactly these keys (those in `optional` may be absent) and no others. */
export function objectOf(fields: Readonly<Record<string, Check>>, optional: ReadonlySet<string> = new Set()): Check {
	const entries = Object.entries(fields);
	return value => {
		if (!isRecord(value)) {
			return false;
		}

		let present = 0;
		for (const [name, check] of entries) {
			if (Object.hasOwn(value, name)) {
				present++;
				if (!check(value[name])) {
					return false;
				}
			} else if (!optional.has(name)) {
				return false;
			}
		}

		return Object.keys(value).length === present;
	};
}

/**
 * A JSON object whose keys listed pass their checks (those in `optional` may be absent), other keys allowed: a
 * zod `looseObject`. For parsed JSON, where a key is absent exactly when its value is undefined.
 */
export function looseObjectOf(fields: Readonly<Record<string, Check>>, optional: ReadonlySet<string> = new Set()): Check {
	const names = Object.keys(fields);
	const checks = Object.values(fields);
	const required = names.map(name => !optional.has(name));
	return value => {
		if (!isRecord(value)) {
			return false;
		}

		for (let index = 0; index < names.length; index++) {
			const field = value[names[index] ?? ''];
			if (field === undefined ? required[index] : !(checks[index]?.(field) ?? false)) {
				return false;
			}
		}

		return true;
	};
}

/**
 * A caller's plain object (its prototype `Object.prototype` or null) whose every key has a check that its value
 * passes. A value of undefined passes, as an optional field left out does: for options and details a caller
 * passes, checked by hand before a schema words what is wrong.
 */
export function isPlainObjectOf(value: unknown, checks: Readonly<Record<string, Check>>): value is Record<string, unknown> {
	if (!isRecord(value)) {
		return false;
	}

	const prototype: unknown = Object.getPrototypeOf(value);
	if (prototype !== Object.prototype && prototype !== null) {
		return false;
	}

	for (const key of Object.keys(value)) {
		const check = Object.hasOwn(checks, key) ? checks[key] : undefined;
		const field = value[key];
		if (check === undefined || (field !== undefined && !check(field))) {
			return false;
		}
	}

	return true;
}
