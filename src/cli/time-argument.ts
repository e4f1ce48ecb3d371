import {UsageError} from './usage-error.js';

const units: Readonly<Record<string, number>> = {m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000};

/** A time given on the command line: a span back from now (`30m`, `1h`, `7d`, `2w`) or an ISO 8601 date. */
export function parseTimeArgument(text: string, option: string, nowMs: number): number {
	const span = /^(\d+(?:\.\d+)?)([mhdw])$/u.exec(text);
	if (span !== null) {
		return nowMs - (Number(span[1]) * (units[span[2] ?? 'h'] ?? 0));
	}

	const ms = Date.parse(text);
	if (/^\d{4}-\d\d-\d\d/u.test(text) && !Number.isNaN(ms)) {
		return ms;
	}

	throw new UsageError(`${option} takes a span back from now (30m, 1h, 7d, 2w) or an ISO date, got "${text}"`);
}
