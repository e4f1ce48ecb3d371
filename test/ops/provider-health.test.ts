import {expect, test} from 'vitest';
import {ProviderHealth} from '../../src/ops/provider-health.js';

test('health goes healthy → degraded → down → half-open → healthy', () => {
	const health = new ProviderHealth({windowMs: 60_000, minEvents: 5, consecutiveFailures: 5, cooldownMs: 10_000});
	let now = 1_000_000;
	const event = (kind: 'success' | 'error') => {
		now += 100;
		health.record('m', kind, now, 200, null, null);
	};

	for (let index = 0; index < 9; index++) {
		event('success');
	}

	expect(health.status('m', now)).toBe('healthy');
	event('error');
	expect(health.status('m', now)).toBe('degraded');
	for (let index = 0; index < 3; index++) {
		event('error');
	}

	// Four failures in a row, 4 of 13 in the window: still degraded; the fifth in a row opens the circuit.
	expect(health.status('m', now)).toBe('degraded');
	event('error');
	expect(health.report('m', now)).toMatchObject({status: 'down', circuit: 'open', consecutiveFailures: 5});
	expect(health.status('m', now + 9_999)).toBe('down');
	expect(health.status('m', now + 10_000)).toBe('half_open');

	// A failed probe opens the circuit again, for twice as long.
	now += 10_000;
	health.record('m', 'timeout', now, null, null, 'probe timed out');
	expect(health.status('m', now + 19_999)).toBe('down');
	expect(health.status('m', now + 20_000)).toBe('half_open');

	// A successful probe closes it with a clean window.
	now += 20_000;
	health.record('m', 'success', now, 150, null, null);
	expect(health.report('m', now)).toMatchObject({status: 'healthy', circuit: 'closed', events: 1, errorRate: 0, averageLatencyMs: 150});
});

test('a rate limit with retry-after keeps a model down until then', () => {
	const health = new ProviderHealth();
	health.record('m', 'rate_limited', 1000, null, 30_000, '429');
	expect(health.status('m', 30_999)).toBe('down');
	expect(health.status('m', 31_000)).toBe('degraded');
	expect(health.status('m', 1000 + 300_001)).toBe('healthy');
});

test('health read back from JSON says the same', () => {
	const health = new ProviderHealth({cooldownMs: 5000});
	for (let index = 0; index < 6; index++) {
		health.record('m', 'error', 1000 + index, 10, null, 'boom');
	}

	const restored = new ProviderHealth({cooldownMs: 5000}, JSON.parse(JSON.stringify(health.toJSON())) as ReturnType<ProviderHealth['toJSON']>);
	for (const at of [1010, 6004, 6005, 9000]) {
		expect(restored.report('m', at)).toEqual(health.report('m', at));
	}
});
