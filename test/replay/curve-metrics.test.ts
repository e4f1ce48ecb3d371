import {expect, test} from 'vitest';
import {averageImprovedQuality, callPerformanceThreshold, costToReach, hullQualityAt, nonDecreasingHull} from '../../src/replay/curve-metrics.js';

const points = [
	{cost: 0.1, quality: 0.5},
	{cost: 0.3, quality: 0.55}, // under the segment from (0.1, 0.5) to (0.5, 0.7): not on the hull
	{cost: 0.5, quality: 0.7},
	{cost: 0.8, quality: 0.65}, // dearer and worse: dominated
	{cost: 1, quality: 0.8},
];

test('the non-decreasing convex hull drops dominated points and points under the boundary', () => {
	expect(nonDecreasingHull(points)).toEqual([{cost: 0.1, quality: 0.5}, {cost: 0.5, quality: 0.7}, {cost: 1, quality: 0.8}]);
});

test('hull quality is linear between vertices and flat beyond the ends', () => {
	const hull = nonDecreasingHull(points);
	expect(hullQualityAt(hull, 0.3)).toBeCloseTo(0.6, 12);
	expect(hullQualityAt(hull, 0.75)).toBeCloseTo(0.75, 12);
	expect(hullQualityAt(hull, 0)).toBe(0.5);
	expect(hullQualityAt(hull, 2)).toBe(0.8);
});

test('AIQ is the mean hull quality over the cost range', () => {
	const hull = nonDecreasingHull(points);
	// From 0.1 to 1: trapezoids (0.4 × 0.6) + (0.5 × 0.75) = 0.24 + 0.375 = 0.615, over 0.9.
	expect(averageImprovedQuality(hull, 0.1, 1)).toBeCloseTo(0.615 / 0.9, 12);
	// From 0 to 1: a flat 0.5 first, 0.1 × 0.5 = 0.05 more, over 1.
	expect(averageImprovedQuality(hull, 0, 1)).toBeCloseTo(0.665, 12);
});

test('the cost to reach a quality is read off the hull, and is undefined past its best', () => {
	const hull = nonDecreasingHull(points);
	expect(costToReach(hull, 0.6)).toBeCloseTo(0.3, 12);
	expect(costToReach(hull, 0.4)).toBe(0.1);
	expect(costToReach(hull, 0.9)).toBeUndefined();
});

test('CPT(50%) is the strong-call share that recovers half the quality gap', () => {
	// Weak 0.6, strong 0.8; a router at 20% strong calls gets 0.72: half the gap (0.7) is reached at 0.2 × 0.1 / 0.12.
	const routed = [{strongShare: 0, quality: 0.6}, {strongShare: 0.2, quality: 0.72}, {strongShare: 1, quality: 0.8}];
	expect(callPerformanceThreshold(routed, 0.6, 0.8, 0.5)).toBeCloseTo(0.2 * (0.1 / 0.12), 12);
	// A random router's line: 50%.
	expect(callPerformanceThreshold([{strongShare: 0, quality: 0.6}, {strongShare: 1, quality: 0.8}], 0.6, 0.8, 0.5)).toBeCloseTo(0.5, 12);
});
