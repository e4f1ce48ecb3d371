import {expect, test} from 'vitest';
import {classifyFailure} from '../../src/index.js';

const nowMs = Date.UTC(2026, 11, 1, 12);
const classify = (error: unknown) => classifyFailure(error, false, nowMs);

test('sorts errors as the openai and anthropic clients and fetch throw them', () => {
	expect(classify({status: 429, headers: new Headers({'retry-after': '7'})})).toMatchObject({kind: 'rate_limited', status: 429, retryAfterMs: 7000});
	expect(classify({status: 429, headers: {'retry-after-ms': '250'}})).toMatchObject({kind: 'rate_limited', retryAfterMs: 250});
	expect(classify({status: 503, headers: {'retry-after': new Date(nowMs + 3000).toUTCString()}})).toMatchObject({kind: 'transient', retryAfterMs: 3000});
	expect(classify({status: 529, error: {type: 'overloaded_error'}})).toMatchObject({kind: 'transient'});
	expect(classify({status: 400, error: {type: 'rate_limit_error'}})).toMatchObject({kind: 'rate_limited'});
	expect(classify({status: 400, code: 'context_length_exceeded', message: 'too long'})).toMatchObject({kind: 'context_window'});
	expect(classify({status: 400, message: 'prompt is too long: 210000 tokens > 200000 maximum'})).toMatchObject({kind: 'context_window'});
	expect(classify({status: 400, message: 'Invalid value for temperature'})).toMatchObject({kind: 'permanent'});
	expect(classify({status: 401, message: 'Incorrect API key'})).toMatchObject({kind: 'permanent'});
	expect(classify({status: 408})).toMatchObject({kind: 'timeout'});
	expect(classify(Object.assign(new Error('socket hang up'), {code: 'ECONNRESET'}))).toMatchObject({kind: 'transient', status: null});
	expect(classify(new TypeError('fetch failed', {cause: Object.assign(new Error('connect ECONNREFUSED'), {code: 'ECONNREFUSED'})}))).toMatchObject({kind: 'transient', message: 'fetch failed'});
	expect(classify(Object.assign(new Error('The operation was aborted'), {name: 'AbortError'}))).toMatchObject({kind: 'aborted'});
	expect(classifyFailure(new Error('anything'), true, nowMs).kind).toBe('timeout');
	expect(classify('a string thrown')).toMatchObject({kind: 'permanent', message: 'a string thrown'});
});
