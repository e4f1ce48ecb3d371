import {describe, expect, test} from 'vitest';
import {AdaptiveRouter, createChatClient, type ModelConfig} from '../../src/index.js';
import {noExploration} from '../router/fixtures.js';

const models: readonly ModelConfig[] = [
	{name: 'small', provider: 'openai', costPer1kInput: 0.00015, costPer1kOutput: 0.0006},
	{name: 'large', provider: 'openai', costPer1kInput: 0.0025, costPer1kOutput: 0.01},
];

type Params = {model: string; messages: unknown[]; stream?: boolean; stream_options?: unknown; user?: string};

/** A client of the openai package's shape: records each request, fails the first ones for `failing`. */
function fakeClient(failing: Record<string, number> = {}) {
	const requests: Params[] = [];
	return {
		requests,
		chat: {
			completions: {
				async create(params: Params, options?: {signal?: AbortSignal}): Promise<unknown> {
					requests.push(params);
					expect(options?.signal).toBeInstanceOf(AbortSignal);
					if ((failing[params.model] ?? 0) > 0) {
						failing[params.model] = (failing[params.model] ?? 0) - 1;
						return Promise.reject(Object.assign(new Error('429 Rate limit reached'), {status: 429, headers: new Headers({'retry-after': '1'})}));
					}

					if (params.stream === true) {
						return Promise.resolve((function * () {
							yield {choices: [{delta: {content: 'Hel'}}]};
							yield {choices: [{delta: {content: 'lo'}}]};
							yield {choices: [], usage: {prompt_tokens: 12, completion_tokens: 2}};
						})());
					}

					return Promise.resolve({id: 'chatcmpl-1', model: params.model, choices: [{message: {role: 'assistant', content: 'Hello!'}}], usage: {prompt_tokens: 12, completion_tokens: 3}});
				},
			},
		},
	};
}

describe('createChatClient', () => {
	test('picks the model, calls through, records usage and attaches the decision', async () => {
		const router = await AdaptiveRouter.open({models, ...noExploration});
		const client = fakeClient();
		const chat = createChatClient({router, client});
		const response = await chat.chat.completions.create<{choices: Array<{message: {content: string}}>}>({model: 'ignored', messages: [{role: 'system', content: 'Be brief.'}, {role: 'user', content: 'Say hello'}], user: 'u-7'});
		expect(client.requests[0]?.model).toBe('small');
		expect(response.choices[0]?.message.content).toBe('Hello!');
		expect(response.tierwise.decision).toMatchObject({model: 'small', user: 'u-7'});
		expect(Object.keys(response)).not.toContain('tierwise');
		expect(router.costReport({by: 'user'}).rows).toMatchObject([{key: 'u-7', usageEntries: 1, inputTokens: 12, outputTokens: 3}]);
	});

	test('fails over on a 429 to the next model', async () => {
		const router = await AdaptiveRouter.open({models, ...noExploration});
		const client = fakeClient({small: 1});
		const chat = createChatClient({router, client});
		const response = await chat.chat.completions.create({messages: [{role: 'user', content: 'Say hello'}]});
		expect(client.requests.map(request => request.model)).toEqual(['small', 'large']);
		expect(response.tierwise.attempts.map(attempt => attempt.outcome)).toEqual(['rate_limited', 'success']);
		expect(router.providerHealth('small').status).toBe('down');
	});

	test('passes a stream through and records its usage when it ends', async () => {
		const router = await AdaptiveRouter.open({models, ...noExploration});
		const client = fakeClient();
		const chat = createChatClient({router, client});
		const stream = await chat.chat.completions.create<AsyncIterable<{choices: Array<{delta?: {content?: string}}>}>>({messages: [{role: 'user', content: 'Say hello'}], stream: true});
		expect(client.requests[0]?.stream_options).toEqual({include_usage: true});
		let text = '';
		for await (const chunk of stream) {
			text += chunk.choices[0]?.delta?.content ?? '';
		}

		expect(text).toBe('Hello');
		expect(stream.tierwise.decision.model).toBe('small');
		expect(router.costReport().rows[0]).toMatchObject({usageEntries: 1, inputTokens: 12, outputTokens: 2});
	});
});
