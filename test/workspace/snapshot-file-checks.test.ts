import {mkdtemp, readFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import {expect, test} from 'vitest';
import {AdaptiveRouter} from '../../src/index.js';
import {PROVIDER_EVENT_KINDS} from '../../src/ops/ops-event.js';
import {TIERS} from '../../src/tiers.js';
import {isOpsFile, isSnapshotMeta} from '../../src/workspace/file/snapshot-file-checks.js';
import {opsFileSchema, snapshotMetaSchema, WORKSPACE_SCHEMA_VERSION} from '../../src/workspace/file/workspace-schemas.js';
import {expectCheckWithinSchema} from './hand-check-property.js';

// Now and then a value of the wrong kind or range in place of a valid one.
const odd = fc.constantFrom<unknown>(null, -1, 0, 1.5, 24, 2 ** 60, '', 'x', true, [], {}, [1], Number.NaN, '2026-02-30T00:00:00.000Z', '2026-12-01T10:00:00Z');
const sometimesOdd = <T>(valid: fc.Arbitrary<T>) => fc.oneof({weight: 40, arbitrary: valid}, {weight: 1, arbitrary: odd});
const list = <T>(item: fc.Arbitrary<T>) => sometimesOdd(fc.array(item, {maxLength: 3}));
const count = sometimesOdd(fc.nat());
const number = sometimesOdd(fc.double({noNaN: true, noDefaultInfinity: true}));
const text = sometimesOdd(fc.string({maxLength: 6}));
const time = sometimesOdd(fc.date({min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true}).map(date => date.toISOString()));
const withExtra = (record: fc.Arbitrary<Record<string, unknown>>) => record.chain(value => fc.oneof({weight: 20, arbitrary: fc.constant(value)}, {weight: 1, arbitrary: fc.constant({...value, extra: 1})}));

const meta = withExtra(fc.record({
	schemaVersion: sometimesOdd(fc.constant(WORKSPACE_SCHEMA_VERSION)),
	generation: sometimesOdd(fc.integer({min: 1, max: 1000})),
	createdAt: time,
	journals: list(sometimesOdd(fc.record({file: text, offset: count, lines: count, seq: count, sealed: sometimesOdd(fc.boolean())}))),
	models: list(text),
	archives: list(sometimesOdd(fc.record({name: text, newestMs: number}))),
	decisionRows: count,
	counters: sometimesOdd(fc.record({decisions: count, outcomes: count})),
}));

const ops = withExtra(fc.record({
	schemaVersion: sometimesOdd(fc.constant(WORKSPACE_SCHEMA_VERSION)),
	events: count,
	ledger: list(sometimesOdd(fc.tuple(number, sometimesOdd(fc.constantFrom(1, 24)), text, text, sometimesOdd(fc.constantFrom(null, ...TIERS)), sometimesOdd(fc.option(fc.string({maxLength: 4}))), list(number)))),
	health: list(sometimesOdd(fc.record({
		model: text,
		events: list(sometimesOdd(fc.tuple(number, sometimesOdd(fc.constantFrom(-1, 0, 1)), number))),
		consecutiveFailures: count,
		openedAtMs: sometimesOdd(fc.option(fc.double({noNaN: true, noDefaultInfinity: true}))),
		cooldownMs: sometimesOdd(fc.double({min: 0, noNaN: true, noDefaultInfinity: true})),
		retryUntilMs: sometimesOdd(fc.option(fc.double({noNaN: true, noDefaultInfinity: true}))),
		lastEvent: sometimesOdd(fc.option(fc.tuple(fc.constantFrom(...PROVIDER_EVENT_KINDS), number, sometimesOdd(fc.option(fc.string({maxLength: 4})))))),
	}))),
}));

test.each([
	['meta.json', meta, isSnapshotMeta, snapshotMetaSchema],
	['ops.json', ops, isOpsFile, opsFileSchema],
] as const)('the hand check of %s accepts nothing its schema refuses', (_name, file, check, schema) => {
	expectCheckWithinSchema(file, check, schema, 3000, 50);
});

test('the hand checks accept the meta.json and ops.json a router writes', async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-snapshot-checks-'));
	const router = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0, models: [
		{name: 'small', provider: 'p', costPer1kInput: 0.0001, costPer1kOutput: 0.0002},
		{name: 'large', provider: 'q', costPer1kInput: 0.01, costPer1kOutput: 0.03},
	]});
	for (let index = 0; index < 20; index++) {
		const decision = router.route(`Explain step ${index} of the proof`, index % 2 === 0 ? {user: 'ann'} : {});
		await router.reportOutcome(decision.hash, (index % 5) / 4, {costUsd: 0.001, latencyMs: 300});
	}

	await router.recordProviderEvent('large', 'rate_limited', {retryAfterMs: 1000});
	await router.recordProviderEvent('small', 'success');
	await router.compact();
	await router.close();
	const generation = (await readFile(path.join(directory, 'snapshots', 'CURRENT'), 'utf8')).trim();
	const metaFile = JSON.parse(await readFile(path.join(directory, 'snapshots', generation, 'meta.json'), 'utf8')) as unknown;
	const opsFile = JSON.parse(await readFile(path.join(directory, 'snapshots', generation, 'ops.json'), 'utf8')) as {ledger: unknown[]; health: unknown[]};
	expect(opsFile.ledger.length).toBeGreaterThan(0);
	expect(opsFile.health.length).toBeGreaterThan(0);
	expect(isSnapshotMeta(metaFile)).toBe(true);
	expect(isOpsFile(opsFile)).toBe(true);
});
