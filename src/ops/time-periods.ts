/** Calendar periods, in UTC: reports group by them and budgets reset at their starts. */
export const PERIODS = ['hour', 'day', 'week', 'month'] as const;

export type Period = (typeof PERIODS)[number];

const hourMs = 60 * 60 * 1000;
const dayMs = 24 * hourMs;

/** The start of the period holding `ms`: the hour, the UTC day, the ISO week (from Monday) or the month. */
export function periodStart(period: Period, ms: number): number {
	switch (period) {
		case 'hour': {
			return Math.floor(ms / hourMs) * hourMs;
		}

		case 'day': {
			return Math.floor(ms / dayMs) * dayMs;
		}

		case 'week': {
			const day = Math.floor(ms / dayMs) * dayMs;
			// 1 January 1970 was a Thursday: Monday is three days before.
			const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
			return day - (sinceMonday * dayMs);
		}

		case 'month': {
			const date = new Date(ms);
			return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
		}
	}
}

/** The start of the next period after the one holding `ms`. */
export function periodEnd(period: Period, ms: number): number {
	const start = periodStart(period, ms);
	if (period === 'month') {
		const date = new Date(start);
		return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
	}

	return start + ({hour: hourMs, day: dayMs, week: 7 * dayMs} as const)[period];
}

export const HOUR_MS = hourMs;
export const DAY_MS = dayMs;
