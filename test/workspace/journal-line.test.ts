import {mkdtemp, readdir, readFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {AdaptiveRouter, MemoryStore} from '../../src/index.js';
import {decodeEntry, encodeBody, encodeEntry, readLine, summarizeDecisionHead} from '../../src/workspace/file/journal-line.js';
import {summarizeRecord} from '../../src/workspace/record-summary.js';

const model = {name: 'm "quoted" \\ ünïcode', provider: 'p', costPer1kInput: 0.001, costPer1kOutput: 0.002};

async function routedDecision() {
	const store = new MemoryStore();
	const router = await AdaptiveRouter.open({store, models: [model]});
	router.route('Summarize this paragraph in one sentence.');
	await router.close();
	const record = store.records().find(candidate => candidate.type === 'decision');
	if (record?.type !== 'decision') {
		throw new Error('no decision recorded');
	}

	return record;
}

test('summarizes a decision as route() writes it without parsing it, and the summary is that of the full record', async () => {
	const record = await routedDecision();
	const line = encodeEntry(7, record).trimEnd();
	const read = readLine(line);
	expect(read).toMatchObject({ok: true, seq: 7, summary: summarizeRecord(record)});
	expect(summarizeDecisionHead(JSON.stringify(record))).toEqual(summarizeRecord(record));
	expect(decodeEntry(line)).toEqual({ok: true, seq: 7, entry: record});
	// The same record with its fields in another order takes the full parse and gives the same summary.
	const {tier, ...rest} = record.decision;
	const shuffled = JSON.stringify({type: 'decision', decision: {...rest, tier}});
	expect(summarizeDecisionHead(shuffled)).toBeUndefined();
	expect(readLine(encodeBody(7, shuffled).trimEnd())).toMatchObject({ok: true, summary: summarizeRecord(record)});
});

test('rejects a decision line whose checksum or schema fails, whichever way it is read', async () => {
	const record = await routedDecision();
	const line = encodeEntry(1, record).trimEnd();
	expect(readLine(line.replace('"tier":"', '"tier":"x'))).toEqual({ok: false, reason: 'checksum mismatch'});
	const badTier = JSON.stringify(record).replace(/"tier":"\w+"/u, '"tier":"legendary"');
	expect(readLine(encodeBody(1, badTier).trimEnd())).toMatchObject({ok: false, reason: expect.stringContaining('does not match its schema') as string});
	expect(readLine(encodeBody(1, '{"type":"decision"').trimEnd())).toEqual({ok: false, reason: 'record is not valid JSON'});
});

test('reads the ops events a router writes, and rejects one with a field of the wrong type, naming it', async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'tierwise-ops-lines-'));
	const router = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0, models: [model]});
	const decision = router.route('Hi', {user: 'ann'});
	await router.reportOutcome(decision.hash, 0.5, {costUsd: 0.01, latencyMs: 120, error: 'timeout'});
	await router.recordProviderEvent(model.name, 'rate_limited', {retryAfterMs: 1000, details: '429'});
	await router.close();
	const journal = path.join(directory, 'journal');
	const [segment = ''] = (await readdir(journal)).filter(name => name.endsWith('.jsonl'));
	const reads = (await readFile(path.join(journal, segment), 'utf8')).split('\n').map(line => readLine(line));
	const ops = reads.flatMap(read => (read.ok && read.summary.type === 'ops' ? [read.summary.event] : []));
	expect(ops.map(event => event.kind)).toEqual(['route', 'usage', 'provider']);
	expect(ops[1]).toMatchObject({kind: 'usage', source: 'outcome', user: 'ann', costUsd: 0.01, score: 0.5, latencyMs: 120, error: 'timeout'});

	const bad = (change: Record<string, unknown>) => readLine(encodeBody(1, JSON.stringify({type: 'ops', event: {...ops[1], ...change}})).trimEnd());
	expect(bad({})).toMatchObject({ok: true});
	expect(bad({costUsd: -1})).toEqual({ok: false, reason: 'record does not match its schema (usage event field costUsd is missing or of the wrong type)'});
	expect(bad({at: '2026-13-45T99:00:00.000Z'})).toMatchObject({ok: false});
	expect(bad({kind: 'payment'})).toEqual({ok: false, reason: 'record does not match its schema (event kind "payment" is not route, usage or provider)'});
	expect(bad({user: 42})).toMatchObject({ok: false});
});
