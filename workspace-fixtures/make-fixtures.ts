/*
Builds the workspace fixtures and their EXPECTED.json: what opening each must give, by default and with
onCorrupt: 'quarantine'. test/reliability/fixtures.test.ts checks every one.

	npx tsx workspace-fixtures/make-fixtures.ts              (every fixture)
	npx tsx workspace-fixtures/make-fixtures.ts healthy-ops  (only those named: the others keep the format they
	                                                         were made in, older ones included)
*/
import {mkdir, readdir, readFile, rm, truncate, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {AdaptiveRouter} from '../src/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const century = 100 * 365 * 24 * 60 * 60 * 1000;

type Expectation = {result: 'ok'; decisions: number; outcomes: number; costUsd?: number} | {result: 'error'; code: string; file: string; line?: number};
const only = new Set(process.argv.slice(2));
type Fixture = {description: string; open: Expectation; quarantine?: Expectation};

/** Builds a fixture; `build` may return what to add to the expectation once the files exist (a file name, a line). */
async function fixture(name: string, expected: Fixture, build: (directory: string) => Promise<Partial<Record<'file' | 'line', string | number>> | undefined>): Promise<void> {
	if (only.size > 0 && !only.has(name)) {
		return;
	}

	const directory = path.join(here, name);
	await rm(directory, {recursive: true, force: true});
	const found = await build(directory);
	const open = found === undefined ? expected.open : {...expected.open, ...found} as Expectation;
	await writeFile(path.join(here, `${name}.expected.json`), `${JSON.stringify({...expected, open}, undefined, '\t')}\n`);
}

const fixtureModels = [{name: 'small', provider: 'alpha', costPer1kInput: 0.0001, costPer1kOutput: 0.0004}, {name: 'large', provider: 'beta', costPer1kInput: 0.003, costPer1kOutput: 0.015}];

/** Changes one byte in row 2 of generation 2's decision table. */
async function flipBitInRow(directory: string): Promise<void> {
	const table = path.join(directory, 'snapshots', '00000002', 'decisions.bin');
	const bytes = await readFile(table);
	bytes[40 + 17] = (bytes[40 + 17] ?? 0) ^ 0x10;
	await writeFile(table, bytes);
}

/** 20 decisions, 10 outcomes, two snapshot generations, and journal records since. */
async function healthy(directory: string): Promise<void> {
	const router = await AdaptiveRouter.open({workspace: directory, models: fixtureModels, decisionRetentionMs: century, refreshIntervalMs: 0});
	const route = async (from: number, to: number, reported: number) => {
		for (let index = from; index < to; index++) {
			const decision = router.route(`Fixture question ${index}: explain what ${index} means in binary.`);
			if (index - from < reported) {
				await router.reportOutcome(decision.hash, 0.75, {costUsd: 0.001});
			}
		}
	};

	await route(0, 8, 4);
	await router.compact();
	await route(8, 14, 3);
	await router.compact();
	await route(14, 20, 3);
	await router.close();
}

async function journalFiles(directory: string): Promise<string[]> {
	return (await readdir(path.join(directory, 'journal'))).filter(name => name.endsWith('.jsonl')).sort();
}

/**
 * The one journal segment `healthy` leaves (its router wrote everything there), its lines, and the index of its
 * last decision: decision 19, which has no outcome, followed only by the seal.
 */
async function lastDecision(directory: string): Promise<{file: string; lines: string[]; index: number}> {
	const [file = ''] = await journalFiles(directory);
	const lines = (await readFile(path.join(directory, 'journal', file), 'utf8')).split('\n');
	return {file, lines, index: lines.findLastIndex(line => line.includes('"type":"decision"'))};
}

await mkdir(here, {recursive: true});
await fixture('healthy', {description: 'A workspace as tierwise leaves it: two snapshot generations, archives, journal records since.', open: {result: 'ok', decisions: 20, outcomes: 10}}, async directory => {
	await healthy(directory);
	return undefined;
});

await fixture('healthy-ops', {
	description: 'A workspace with operations: the healthy one\'s traffic with usage logged by two users and provider events, its ops events folded into ops.json by two compactions and some in the journal since. The ledger must give the same spend after opening.',
	open: {result: 'ok', decisions: 20, outcomes: 10, costUsd: 0.015},
}, async directory => {
	const clock = {now: Date.UTC(2026, 11, 1, 9)};
	const router = await AdaptiveRouter.open({workspace: directory, models: fixtureModels, decisionRetentionMs: century, refreshIntervalMs: 0, clock: () => clock.now});
	for (let index = 0; index < 20; index++) {
		clock.now += 60_000;
		const decision = router.route(`Fixture question ${index}: explain what ${index} means in binary.`, {user: index % 2 === 0 ? 'ann' : 'bob'});
		if (index % 2 === 0) {
			await router.reportOutcome(decision.hash, 0.75, {costUsd: 0.001, latencyMs: 300});
		} else {
			await router.logUsage(decision, {inputTokens: 10, outputTokens: 10, costUsd: 0.0005});
		}

		if (index === 7 || index === 13) {
			await router.recordProviderEvent('large', 'timeout', {latencyMs: 30_000, details: 'fixture'});
			await router.compact();
		}
	}

	await router.close();
	return undefined;
});

await fixture('torn-tail', {
	description: 'A dead writer\'s last record cut in half by a crash: opening truncates it (with a warning) and keeps everything before it.',
	open: {result: 'ok', decisions: 19, outcomes: 10},
}, async directory => {
	await healthy(directory);
	// Keep everything before the last decision, then half of it: no seal, no newline, as a crash mid-write leaves it.
	const {file, lines, index} = await lastDecision(directory);
	const last = lines[index] ?? '';
	await writeFile(path.join(directory, 'journal', file), `${lines.slice(0, index).join('\n')}\n${last.slice(0, Math.floor(last.length / 2))}`);
	return undefined;
});

await fixture('flipped-bit-journal', {
	description: 'One byte changed in the middle of a journal segment: damage, not a tear, since valid lines follow it.',
	open: {result: 'error', code: 'workspace_corrupt', file: 'journal/…', line: 0},
	quarantine: {result: 'ok', decisions: 19, outcomes: 10},
}, async directory => {
	await healthy(directory);
	// One character of the last decision's prompt hash, followed by the valid seal line: damage, not a tear.
	const {file, lines, index} = await lastDecision(directory);
	const line = lines[index] ?? '';
	const at = line.indexOf('"promptHash":"') + 14;
	lines[index] = `${line.slice(0, at)}${line[at] === '0' ? '1' : '0'}${line.slice(at + 1)}`;
	await writeFile(path.join(directory, 'journal', file), lines.join('\n'));
	return {file: `journal/${file}`, line: index + 1};
});

await fixture('flipped-bit-snapshot', {
	description: 'One byte changed in a row of the live snapshot\'s decision table: quarantine falls back to the previous generation and the journals it still needs, losing nothing.',
	open: {result: 'error', code: 'workspace_corrupt', file: 'snapshots/00000002/decisions.bin', line: 2},
	quarantine: {result: 'ok', decisions: 20, outcomes: 10},
}, async directory => {
	await healthy(directory);
	await flipBitInRow(directory);
	return undefined;
});

/** Two generations, each folding in a closed writer's journal (10 decisions, 5 outcomes), which compaction then deleted. */
async function foldedGenerations(directory: string): Promise<void> {
	for (const [from, to] of [[0, 10], [10, 20]] as const) {
		const writer = await AdaptiveRouter.open({workspace: directory, models: fixtureModels, decisionRetentionMs: century, refreshIntervalMs: 0});
		for (let index = from; index < to; index++) {
			const decision = writer.route(`Fixture question ${index}: explain what ${index} means in binary.`);
			if (index % 2 === 0) {
				await writer.reportOutcome(decision.hash, 0.75, {costUsd: 0.001});
			}
		}

		await writer.close();
		const compactor = await AdaptiveRouter.open({workspace: directory, refreshIntervalMs: 0});
		await compactor.compact();
		await compactor.close();
	}
}

/** Rewrites the learning.json of {@link foldedGenerations}' live generation as `edit` changes it. */
async function editLiveLearning(directory: string, edit: (learning: {schemaVersion: number; memory: {packed: string}}) => void): Promise<void> {
	const file = path.join(directory, 'snapshots', '00000002', 'learning.json');
	const learning = JSON.parse(await readFile(file, 'utf8')) as {schemaVersion: number; memory: {packed: string}};
	edit(learning);
	await writeFile(file, `${JSON.stringify(learning)}\n`);
}

await fixture('flipped-bit-folded-snapshot', {
	description: 'Two generations, each folding in a closed writer\'s journal, which compaction then deleted; one byte changed in a row of the live generation\'s decision table. Quarantine falls back to the generation before with the damaged one\'s folded log and archive, losing nothing, spend included.',
	open: {result: 'error', code: 'workspace_corrupt', file: 'snapshots/00000002/decisions.bin', line: 2},
	quarantine: {result: 'ok', decisions: 20, outcomes: 10, costUsd: 0.01},
}, async directory => {
	await foldedGenerations(directory);
	await flipBitInRow(directory);
	return undefined;
});

await fixture('flipped-bit-packed-memory', {
	description: 'The generations of flipped-bit-folded-snapshot, with the live generation\'s similar-prompt memory packed (as learning.json has it since the memory was packed) and one bit changed inside its block. Its checksum catches it; quarantine falls back to the generation before with the damaged one\'s folded log, losing nothing.',
	open: {result: 'error', code: 'workspace_corrupt', file: 'snapshots/00000002/learning.json', line: 1},
	quarantine: {result: 'ok', decisions: 20, outcomes: 10, costUsd: 0.01},
}, async directory => {
	await foldedGenerations(directory);
	await editLiveLearning(directory, learning => {
		const block = Buffer.from(learning.memory.packed, 'base64');
		block[block.length >> 1] = (block[block.length >> 1] ?? 0) ^ 0x04;
		learning.memory.packed = block.toString('base64');
	});
	return undefined;
});

await fixture('future-learning-version', {
	description: 'The generations of flipped-bit-folded-snapshot, undamaged, with the live generation\'s learning.json written by a newer tierwise (schemaVersion 3). Quarantine gives the same error: nothing in it is damaged, and falling back would forget what it learned.',
	open: {result: 'error', code: 'schema_version_unsupported', file: 'snapshots/00000002/learning.json'},
}, async directory => {
	await foldedGenerations(directory);
	await editLiveLearning(directory, learning => {
		learning.schemaVersion = 3;
	});
	return undefined;
});

await fixture('wrong-schema', {
	description: 'models.json with a model that lacks its provider. Quarantine gives the same error: documents are never moved aside, since a workspace without its models would route differently without saying so.',
	open: {result: 'error', code: 'workspace_corrupt', file: 'models.json', line: 1},
}, async directory => {
	await healthy(directory);
	const models = JSON.parse(await readFile(path.join(directory, 'models.json'), 'utf8')) as {models: Array<Record<string, unknown>>};
	delete models.models[0]?.provider;
	await writeFile(path.join(directory, 'models.json'), JSON.stringify(models, undefined, '\t'));
	return undefined;
});

await fixture('future-version', {
	description: 'workspace.json written by a newer tierwise (schemaVersion 2). Quarantine gives the same error: nothing in it is damaged.',
	open: {result: 'error', code: 'schema_version_unsupported', file: 'workspace.json'},
}, async directory => {
	await healthy(directory);
	const workspace = JSON.parse(await readFile(path.join(directory, 'workspace.json'), 'utf8')) as Record<string, unknown>;
	workspace.schemaVersion = 2;
	await writeFile(path.join(directory, 'workspace.json'), JSON.stringify(workspace, undefined, '\t'));
	return undefined;
});

await fixture('empty-files', {
	description: 'An empty snapshots/CURRENT and an empty journal segment, as a crash on a disk that lies about fsync can leave them. Quarantine moves CURRENT aside and opens the newest generation.',
	open: {result: 'error', code: 'workspace_corrupt', file: 'snapshots/CURRENT', line: 1},
	quarantine: {result: 'ok', decisions: 20, outcomes: 10},
}, async directory => {
	await healthy(directory);
	await truncate(path.join(directory, 'snapshots', 'CURRENT'), 0);
	await writeFile(path.join(directory, 'journal', '00000000000000ff.000000.jsonl'), '');
	return undefined;
});

console.log('workspace fixtures written');
