// A local stand-in for OpenAI's chat completions API, for the examples: it answers every model, counts tokens
// roughly, and can refuse a model's next requests with a 429 to show failover. It listens on 127.0.0.1 only.
import {createServer} from 'node:http';

/**
 * Starts the server on a free port. Returns its base URL, the log of requests, refuse(model, times) to answer a
 * model's next requests with a 429, and close().
 */
export async function startMockOpenAI() {
	const requests = [];
	const failNext = {};
	const server = createServer(async (request, response) => {
		let body = '';
		for await (const chunk of request) {
			body += chunk;
		}

		if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
			response.writeHead(404, {'content-type': 'application/json'}).end(JSON.stringify({error: {message: 'not found'}}));
			return;
		}

		const params = JSON.parse(body);
		requests.push({model: params.model, user: params.user});
		if ((failNext[params.model] ?? 0) > 0) {
			failNext[params.model]--;
			response.writeHead(429, {'content-type': 'application/json', 'retry-after': '20'});
			response.end(JSON.stringify({error: {message: `Rate limit reached for ${params.model}`, type: 'requests', code: 'rate_limit_exceeded'}}));
			return;
		}

		const question = params.messages.at(-1)?.content ?? '';
		const answer = `(${params.model}) A short answer to: ${question.slice(0, 60)}`;
		const promptTokens = Math.ceil(JSON.stringify(params.messages).length / 4);
		const completionTokens = Math.ceil(answer.length / 4);
		response.writeHead(200, {'content-type': 'application/json'});
		response.end(JSON.stringify({
			id: `chatcmpl-${requests.length}`,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model: params.model,
			choices: [{index: 0, message: {role: 'assistant', content: answer}, finish_reason: 'stop'}],
			usage: {prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens},
		}));
	});
	await new Promise(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address();
	return {
		baseURL: `http://127.0.0.1:${port}/v1`,
		requests,
		refuse(model, times = 1) {
			failNext[model] = (failNext[model] ?? 0) + times;
		},
		close: async () => new Promise(resolve => {
			server.close(resolve);
		}),
	};
}
