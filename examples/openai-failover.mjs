// Routing real `openai` client calls through tierwise, against a local mock of OpenAI's API: each request goes to
// the cheapest suitable model, a 429 fails over to the next one, and the ledger says what it all cost.
//
//   npm run build && node examples/openai-failover.mjs
import OpenAI from 'openai';
import {AdaptiveRouter, createChatClient} from 'tierwise';
import {startMockOpenAI} from './mock-openai-server.mjs';

const mock = await startMockOpenAI();
const openai = new OpenAI({baseURL: mock.baseURL, apiKey: 'mock-key', maxRetries: 0});

const router = await AdaptiveRouter.open({
	seed: 'example',
	abTestRate: 0,
	models: [
		{name: 'gpt-4o-mini', provider: 'openai', costPer1kInput: 0.000_15, costPer1kOutput: 0.0006, tierRange: ['trivial', 'moderate']},
		{name: 'gpt-4.1-mini', provider: 'openai', costPer1kInput: 0.0004, costPer1kOutput: 0.0016, tierRange: ['trivial', 'complex']},
		{name: 'gpt-4o', provider: 'openai', costPer1kInput: 0.0025, costPer1kOutput: 0.01},
	],
});
const chat = createChatClient({router, client: openai});

const prompts = [
	'What is the capital of Portugal?',
	'Translate "good morning" into Italian.',
	'Write a Python function that parses ISO 8601 durations such as P3DT4H, with tests for the edge cases.',
	'Design a multi-region, strongly consistent order service: data model, consensus, failover, and how to migrate from one Postgres primary without downtime.',
];

for (const content of prompts) {
	const response = await chat.chat.completions.create({messages: [{role: 'user', content}], user: 'demo-user'});
	const {decision, attempts} = response.tierwise;
	const path = attempts.map(attempt => `${attempt.model} ${attempt.outcome}`).join(' -> ');
	console.log(`${decision.tier.padEnd(8)} ${decision.model.padEnd(13)} ${path}`);
	console.log(`         ${response.choices[0].message.content}`);
}

// Now gpt-4o-mini refuses its next request with a 429 (retry after 20 s): the request fails over at once.
mock.refuse('gpt-4o-mini');
const response = await chat.chat.completions.create({messages: [{role: 'user', content: 'What is the capital of Norway?'}], user: 'demo-user'});
const {decision, attempts} = response.tierwise;
console.log(`failover ${attempts.map(attempt => `${attempt.model} ${attempt.outcome}${attempt.status === null ? '' : ` ${attempt.status}`}`).join(' -> ')}; answered by ${decision.model}`);
console.log(`gpt-4o-mini is ${router.providerHealth('gpt-4o-mini').status} until its retry-after passes`);

const report = router.costReport({period: 'day', by: 'model'});
for (const row of report.rows) {
	console.log(`cost     ${String(row.key).padEnd(13)} ${row.usageEntries} requests  ${row.inputTokens} in / ${row.outputTokens} out  $${row.costUsd.toFixed(6)}`);
}

const savings = router.savingsEstimate('gpt-4o');
console.log(`total    $${report.totalCostUsd.toFixed(6)} against $${savings.comparisonCostUsd.toFixed(6)} on gpt-4o alone (${(savings.savedShare * 100).toFixed(0)}% saved)`);
console.log(`mock     ${mock.requests.length} requests served or refused`);
await router.close();
await mock.close();
