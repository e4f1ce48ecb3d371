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
