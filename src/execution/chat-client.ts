import type {RoutingDecision} from '../decision/routing-decision.js';
import type {AdaptiveRouter} from '../router.js';
import type {RouteOptions} from '../selection/route-options.js';
import type {ExecuteOptions} from './execute.js';
import type {ExecutionAttempt} from './execution-attempt.js';
import {usageOf} from './response-reading.js';

/** Anything with `chat.completions.create`: the `openai` package's client, or one of the same shape. */
export type ChatCompletionsClient = {
	readonly chat: {
		readonly completions: {
			create(params: never, options?: never): Promise<unknown>;
		};
	};
};

/** A chat message as OpenAI's API takes it: the content a string or a list of parts. */
type ChatMessage = {readonly role?: unknown; readonly content?: unknown};

/** What the router adds to every response: the decision it was made under and every attempt. */
export type RoutedResponse = {
	readonly tierwise: {readonly decision: RoutingDecision; readonly attempts: readonly ExecutionAttempt[]};
};

export type ChatClientOptions = {
	readonly router: AdaptiveRouter;
	readonly client: ChatCompletionsClient;
	/** Route options for every request (the request's `user` is added). */
	readonly route?: RouteOptions;
	/** Execute options for every request: timeouts, retries, a scorer. */
	readonly execute?: Omit<ExecuteOptions<unknown>, 'route' | 'signal'>;
};

type CreateParams = {readonly messages?: readonly ChatMessage[]; readonly user?: unknown; readonly stream?: unknown; readonly stream_options?: unknown; readonly model?: unknown};
type RequestOptions = {readonly signal?: AbortSignal} & Record<string, unknown>;

/**
 * A client whose `chat.completions.create({messages, user, ...})` lets the router pick the model (the last user
 * message is the prompt; `user` counts for budgets and the audit; a `model` given is replaced), calls through
 * your client with failover (see `router.execute`), records usage from the response's `usage`, and returns the
 * response with `tierwise: {decision, attempts}` attached. A stream (`stream: true`) passes through chunk by
 * chunk, asking for usage in its last chunk unless `stream_options` is set, and records it when the stream ends.
 *
 * @example
 * const chat = createChatClient({router, client: new OpenAI()});
 * const response = await chat.chat.completions.create({messages: [{role: 'user', content: 'Hi'}], user: 'u-42'});
 * response.tierwise.decision.model;
 */
export function createChatClient(options: ChatClientOptions) {
	const {router, client} = options;
	const create = client.chat.completions.create.bind(client.chat.completions) as (params: unknown, requestOptions?: unknown) => Promise<unknown>;
	return {
		chat: {
			completions: {
				async create<R = unknown>(params: CreateParams & Record<string, unknown>, requestOptions: RequestOptions = {}): Promise<R & RoutedResponse> {
					const messages = params.messages ?? [];
					const prompt = promptOf(messages);
					const route: RouteOptions = {
						...options.route,
						...(typeof params.user === 'string' ? {user: params.user} : {}),
						context: {...options.route?.context, conversationTokens: earlierTokens(messages)},
					};
					const streaming = params.stream === true;
					const sent = streaming && params.stream_options === undefined ? {...params, stream_options: {include_usage: true}} : params;
					const executed = await router.execute(prompt, async ({model, signal}) => create({...sent, model}, {...requestOptions, signal}), {
						...options.execute,
						route,
						...(requestOptions.signal === undefined ? {} : {signal: requestOptions.signal}),
						// A stream's usage comes in its last chunk, recorded when it ends.
						...(streaming ? {usage: () => undefined} : {}),
					});
					const attached = {decision: executed.decision, attempts: executed.attempts};
					if (streaming) {
						return recordingStream(router, executed.result as AsyncIterable<unknown>, attached) as unknown as R & RoutedResponse;
					}

					Object.defineProperty(executed.result, 'tierwise', {value: attached, enumerable: false});
					return executed.result as R & RoutedResponse;
				},
			},
		},
	};
}

/** The last user message's text: what the router classifies. */
function promptOf(messages: readonly ChatMessage[]): string {
	const last = messages.findLast(message => message.role === 'user') ?? messages.at(-1);
	const text = contentText(last?.content);
	return text.trim() === '' ? JSON.stringify(messages).slice(0, 10_000) : text;
}

function contentText(content: unknown): string {
	if (typeof content === 'string') {
		return content;
	}

	if (Array.isArray(content)) {
		return content.map(part => (typeof (part as {text?: unknown}).text === 'string' ? (part as {text: string}).text : '')).join('\n');
	}

	return '';
}

/** The earlier messages' length in tokens, as the router estimates text: about four characters a token. */
function earlierTokens(messages: readonly ChatMessage[]): number {
	const last = messages.findLastIndex(message => message.role === 'user');
	let characters = 0;
	for (const [index, message] of messages.entries()) {
		if (index !== last) {
			characters += contentText(message.content).length;
		}
	}

	return Math.ceil(characters / 4);
}

/** The stream's chunks as they come; the usage of the chunk that carries it is logged when the stream ends. */
function recordingStream(router: AdaptiveRouter, stream: AsyncIterable<unknown>, attached: RoutedResponse['tierwise']): AsyncIterable<unknown> & RoutedResponse {
	return {
		tierwise: attached,
		async *[Symbol.asyncIterator]() {
			let usage: ReturnType<typeof usageOf>;
			for await (const chunk of stream) {
				usage = usageOf(chunk) ?? usage;
				yield chunk;
			}

			if (usage !== undefined) {
				await router.logUsage(attached.decision.hash, usage);
			}
		},
	};
}
