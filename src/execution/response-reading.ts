/** Tokens a response says it used. */
export type ResponseUsage = {readonly inputTokens: number; readonly outputTokens: number};

type UsageShape = {
	prompt_tokens?: unknown;
	completion_tokens?: unknown;
	input_tokens?: unknown;
	output_tokens?: unknown;
	inputTokens?: unknown;
	outputTokens?: unknown;
};

/**
 * The usage a response reports: OpenAI's `usage.prompt_tokens` and `completion_tokens`, Anthropic's and OpenAI
 * Responses' `input_tokens` and `output_tokens`, or `inputTokens` and `outputTokens`. Undefined when it reports
 * none: usage is never guessed.
 */
export function usageOf(response: unknown): ResponseUsage | undefined {
	const usage = (response as {usage?: unknown} | null | undefined)?.usage;
	if (typeof usage !== 'object' || usage === null) {
		return undefined;
	}

	const shape = usage as UsageShape;
	const input = shape.prompt_tokens ?? shape.input_tokens ?? shape.inputTokens;
	const output = shape.completion_tokens ?? shape.output_tokens ?? shape.outputTokens;
	return isCount(input) && isCount(output) ? {inputTokens: input, outputTokens: output} : undefined;
}

function isCount(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/**
 * The text of a response: a string itself, OpenAI chat's `choices[0].message.content`, OpenAI Responses'
 * `output_text`, Anthropic's text blocks, or `text`. Empty when there is none.
 */
export function textOf(response: unknown): string {
	if (typeof response === 'string') {
		return response;
	}

	const shape = (response ?? {}) as {choices?: Array<{message?: {content?: unknown}; text?: unknown}>; output_text?: unknown; content?: unknown; text?: unknown};
	const choice = shape.choices?.[0];
	if (typeof choice?.message?.content === 'string') {
		return choice.message.content;
	}

	if (typeof choice?.text === 'string') {
		return choice.text;
	}

	if (typeof shape.output_text === 'string') {
		return shape.output_text;
	}

	if (Array.isArray(shape.content)) {
		return shape.content.map(block => (typeof (block as {text?: unknown}).text === 'string' ? (block as {text: string}).text : '')).join('');
	}

	return typeof shape.text === 'string' ? shape.text : '';
}
