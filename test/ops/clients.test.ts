import {describe, expect, test} from 'vitest';
import {AdaptiveRouter, type ModelConfig, type WorkspaceWarning} from '../../src/index.js';
import type {AuditTransaction} from '../../src/ops/audit-client.js';
import {noExploration, pricedApart} from '../router/fixtures.js';

describe('pluggable clients', () => {
	test('an audit client receives every decision and every reported spend', async () => {
		const received: AuditTransaction[] = [];
		const router = await AdaptiveRouter.open({models: pricedApart, ...noExploration, auditClient: {record: transaction => {
			received.push(transaction);
		}}});
		const decision = router.route('Hi', {user: 'ann'});
		await router.reportOutcome(decision.hash, 0.9, {inputTokens: 3, outputTokens: 4});
		await router.logUsage(decision, {inputTokens: 1, outputTokens: 1, costUsd: 0.01});
		expect(received.map(transaction => transaction.kind)).toEqual(['decision', 'usage', 'usage']);
		expect(received[0]).toMatchObject({kind: 'decision', decision: {hash: decision.hash, user: 'ann', model: 'cheap'}});
		expect(received[1]).toMatchObject({kind: 'usage', usage: {source: 'outcome', hash: decision.hash, user: 'ann', score: 0.9, inputTokens: 3}});
		expect(received[2]).toMatchObject({kind: 'usage', usage: {source: 'log', costUsd: 0.01}});
	});

	test('a failing client is reported as a warning, and routing goes on', async () => {
		const warnings: WorkspaceWarning[] = [];
		const router = await AdaptiveRouter.open({
			models: pricedApart,
			onWarning: warning => warnings.push(warning),
			auditClient: {record: () => {
				throw new Error('SIEM unreachable');
			}},
			budgetClient: {check: () => ({allowed: true}), recordSpend: async () => Promise.reject(new Error('quota service down'))},
		});
		const decision = router.route('Hi');
		await router.reportOutcome(decision.hash, 1, {costUsd: 0.001});
		await new Promise(resolve => {
			setImmediate(resolve);
		});
		expect(warnings.map(warning => warning.message)).toEqual([
			'The audit client failed (SIEM unreachable); routing went on.',
			'The audit client failed (SIEM unreachable); routing went on.',
			'The budget client failed (quota service down); routing went on.',
		]);
	});

	test('a model source registers its models on open and reprices them on syncModels', async () => {
		let listed: ModelConfig[] = [{name: 'ft:custom-1', provider: 'openai', costPer1kInput: 0.0003, costPer1kOutput: 0.0012}];
		const router = await AdaptiveRouter.open({models: pricedApart, modelSource: {models: async () => Promise.resolve(listed)}});
		expect(router.models().map(model => model.name)).toEqual(['mid', 'cheap', 'premium', 'ft:custom-1']);
		listed = [{...listed[0] as ModelConfig, costPer1kInput: 0.0002}, {name: 'ft:custom-2', provider: 'openai', costPer1kInput: 0.001, costPer1kOutput: 0.002}];
		expect(await router.syncModels()).toEqual({added: ['ft:custom-2'], repriced: ['ft:custom-1']});
		expect(router.models().find(model => model.name === 'ft:custom-1')?.costPer1kInput).toBe(0.0002);
		await expect(AdaptiveRouter.open({modelSource: {models: () => [{name: 'bad', provider: 'x', costPer1kInput: -1, costPer1kOutput: 0}]}})).rejects.toMatchObject({code: 'invalid_model'});
		await expect(AdaptiveRouter.open({modelSource: {} as never})).rejects.toThrow(/Expected `modelSource` to be an object with a `models` method/u);
	});
});
