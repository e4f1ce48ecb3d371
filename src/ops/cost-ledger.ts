import type {Tier} from '../tiers.js';
import {parseIsoTime} from '../util/iso-time.js';
import {addEvent, emptySums, field, mergeSums, type BucketSums} from './ledger-bucket.js';
import type {RouteEvent, UsageEvent} from './ops-event.js';
import {DAY_MS, HOUR_MS, periodStart, type Period} from './time-periods.js';

/** Who and what a bucket counts. `tier` and `user` are null for spend logged without them. */
export type LedgerKey = {
	readonly model: string;
	readonly provider: string;
	readonly tier: Tier | null;
	readonly user: string | null;
};

/** One bucket: an hour (a day, once older than {@link HOURLY_DAYS}) of one model, provider, tier and user. */
export type LedgerBucket = LedgerKey & {
	readonly startMs: number;
	readonly hours: 1 | 24;
	readonly sums: readonly number[];
};

/** A bucket as snapshots keep it: start, hours, model, provider, tier, user, sums. */
export type LedgerBucketJson = [startMs: number, hours: number, model: string, provider: string, tier: string | null, user: string | null, sums: number[]];

/** Buckets younger than this many days (before the newest event) are kept by the hour; older ones by the day. */
export const HOURLY_DAYS = 7;

/** Buckets older than this many days before the newest event are dropped. */
export const LEDGER_RETENTION_DAYS = 400;

/** Budget windows the ledger keeps running spend for. */
type SpendPeriod = Extract<Period, 'hour' | 'day' | 'month'>;
const spendPeriods: readonly SpendPeriod[] = ['hour', 'day', 'month'];

type Bucket = {key: LedgerKey; startMs: number; hours: 1 | 24; sums: BucketSums};

type WindowSpend = {all: number; byUser: Map<string, number>};

/**
 * Buckets by period (the start, negated and less one for a day bucket), then model, then user (null for none); the
 * few buckets left differ by provider and tier. Nested maps of the event's own strings, whose hashes V8 keeps,
 * cost a route less than building one key string.
 */
type BucketIndex = Map<number, Map<string, Map<string | null, Bucket[]>>>;

/**
 * Every decision and every reported spend, summed by the hour per model, provider, tier and user: what cost
 * reports, analytics, SLA reports and budgets read. Adding is order-independent, so every process that applies
 * the same events holds the same sums; memory is bounded by the buckets, not by the requests.
 */
export class CostLedger {
	readonly #buckets: BucketIndex = new Map();
	/** Spend (reported cost) per budget window: by period, by the window's start, for everyone and by user. */
	readonly #spend = new Map<SpendPeriod, Map<number, WindowSpend>>(spendPeriods.map(period => [period, new Map()]));
	#newestMs = Number.NEGATIVE_INFINITY;
	/** Hour buckets before this are merged into day buckets. */
	#dailyBeforeMs = Number.NEGATIVE_INFINITY;

	static fromJSON(json: readonly LedgerBucketJson[]): CostLedger {
		const ledger = new CostLedger();
		for (const [startMs, hours, model, provider, tier, user, sums] of json) {
			const key = {model, provider, tier: tier as Tier | null, user};
			ledger.#mergeBucket(key, startMs, hours === 24 ? 24 : 1, sums);
			ledger.#newestMs = Math.max(ledger.#newestMs, startMs);
		}

		ledger.#prune();
		return ledger;
	}

	apply(event: RouteEvent | UsageEvent): void {
		const atMs = parseIsoTime(event.at);
		const daily = atMs < this.#dailyBeforeMs;
		const startMs = daily ? periodStart('day', atMs) : periodStart('hour', atMs);
		const bucket = this.#bucket(event, startMs, daily ? 24 : 1);
		addEvent(bucket.sums, event);
		if (event.kind === 'usage' && event.costUsd !== null) {
			this.#addSpend(atMs, event.user, event.costUsd);
		}

		if (atMs > this.#newestMs) {
			const previousHour = periodStart('hour', this.#newestMs);
			this.#newestMs = atMs;
			if (periodStart('hour', atMs) !== previousHour) {
				this.#prune();
			}
		}
	}

	/** Reported spend in the hour, day or month holding `atMs`, for everyone or for one user. */
	spend(period: SpendPeriod, atMs: number, user?: string | null): number {
		const window = this.#spend.get(period)?.get(periodStart(period, atMs));
		return (user === undefined || user === null ? window?.all : window?.byUser.get(user)) ?? 0;
	}

	/** The buckets that start in [sinceMs, untilMs). */
	buckets(sinceMs = Number.NEGATIVE_INFINITY, untilMs = Number.POSITIVE_INFINITY): LedgerBucket[] {
		const found: LedgerBucket[] = [];
		for (const bucket of this.#all()) {
			if (bucket.startMs >= sinceMs && bucket.startMs < untilMs) {
				found.push({...bucket.key, startMs: bucket.startMs, hours: bucket.hours, sums: bucket.sums});
			}
		}

		return found.sort((a, b) => a.startMs - b.startMs);
	}

	toJSON(): LedgerBucketJson[] {
		return this.buckets().map(bucket => [bucket.startMs, bucket.hours, bucket.model, bucket.provider, bucket.tier, bucket.user, [...bucket.sums]]);
	}

	#bucket(key: LedgerKey, startMs: number, hours: 1 | 24): Bucket {
		const period = hours === 1 ? startMs : -startMs - 1;
		let models = this.#buckets.get(period);
		if (models === undefined) {
			models = new Map();
			this.#buckets.set(period, models);
		}

		let users = models.get(key.model);
		if (users === undefined) {
			users = new Map();
			models.set(key.model, users);
		}

		let buckets = users.get(key.user);
		if (buckets === undefined) {
			buckets = [];
			users.set(key.user, buckets);
		}

		for (const bucket of buckets) {
			if (bucket.key.provider === key.provider && bucket.key.tier === key.tier) {
				return bucket;
			}
		}

		const bucket = {key: {model: key.model, provider: key.provider, tier: key.tier, user: key.user}, startMs, hours, sums: emptySums()};
		buckets.push(bucket);
		return bucket;
	}

	*#all(): Generator<Bucket> {
		for (const models of this.#buckets.values()) {
			for (const users of models.values()) {
				for (const buckets of users.values()) {
					yield* buckets;
				}
			}
		}
	}

	#mergeBucket(key: LedgerKey, startMs: number, hours: 1 | 24, sums: readonly number[]): void {
		mergeSums(this.#bucket(key, startMs, hours).sums, sums);
		const cost = field(sums, 'costUsd');
		if (cost !== 0) {
			// A bucket lies within one window of each period longer than itself.
			for (const period of spendPeriods) {
				if (hours === 1 || period !== 'hour') {
					this.#addSpendInWindow(period, periodStart(period, startMs), key.user, cost);
				}
			}
		}
	}

	#addSpend(atMs: number, user: string | null, costUsd: number): void {
		for (const period of spendPeriods) {
			this.#addSpendInWindow(period, periodStart(period, atMs), user, costUsd);
		}
	}

	#addSpendInWindow(period: SpendPeriod, start: number, user: string | null, costUsd: number): void {
		const windows = this.#spend.get(period) as Map<number, WindowSpend>;
		let window = windows.get(start);
		if (window === undefined) {
			window = {all: 0, byUser: new Map()};
			windows.set(start, window);
		}

		window.all += costUsd;
		if (user !== null) {
			window.byUser.set(user, (window.byUser.get(user) ?? 0) + costUsd);
		}
	}

	/** Merges hour buckets older than {@link HOURLY_DAYS} into day buckets, drops what is past retention, and forgets finished budget windows. */
	#prune(): void {
		const newest = this.#newestMs;
		this.#dailyBeforeMs = periodStart('day', newest - (HOURLY_DAYS * DAY_MS));
		const dropBeforeMs = newest - (LEDGER_RETENTION_DAYS * DAY_MS);
		for (const [period, models] of [...this.#buckets]) {
			const hourly = period >= 0;
			const startMs = hourly ? period : -period - 1;
			if (startMs + ((hourly ? 1 : 24) * HOUR_MS) <= dropBeforeMs) {
				this.#buckets.delete(period);
			} else if (hourly && startMs < this.#dailyBeforeMs) {
				this.#buckets.delete(period);
				for (const users of models.values()) {
					for (const buckets of users.values()) {
						for (const bucket of buckets) {
							mergeSums(this.#bucket(bucket.key, periodStart('day', startMs), 24).sums, bucket.sums);
						}
					}
				}
			}
		}

		// Budgets ask about the window holding now; one window back stays for events that arrive late.
		for (const [period, windows] of this.#spend) {
			const previous = periodStart(period, periodStart(period, newest) - 1);
			for (const start of windows.keys()) {
				if (start < previous) {
					windows.delete(start);
				}
			}
		}
	}
}
