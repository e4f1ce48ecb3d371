/** One setting of a router, or one policy: what it cost on average and the quality it got. */
export type CurvePoint = {
	readonly cost: number;
	readonly quality: number;
};

/**
 * The non-decreasing convex hull of a set of cost-quality points (RouterBench): the points no cheaper point
 * matches, then the upper convex boundary of those, cheapest first. Between vertices quality is linear in cost
 * (mixing two settings at random gets any point on the segment); beyond the last it stays at the best.
 */
export function nonDecreasingHull(points: readonly CurvePoint[]): CurvePoint[] {
	const sorted = [...points].filter(point => Number.isFinite(point.cost) && Number.isFinite(point.quality)).sort((a, b) => a.cost - b.cost || b.quality - a.quality);
	const frontier: CurvePoint[] = [];
	for (const point of sorted) {
		if (frontier.length === 0 || point.quality > (frontier.at(-1)?.quality ?? Number.NEGATIVE_INFINITY)) {
			frontier.push(point);
		}
	}

	const hull: CurvePoint[] = [];
	for (const point of frontier) {
		while (hull.length >= 2 && !turnsDown(hull.at(-2) as CurvePoint, hull.at(-1) as CurvePoint, point)) {
			hull.pop();
		}

		hull.push(point);
	}

	return hull;
}

/** Whether b lies strictly above the segment from a to c: the boundary turns down (concave) at b. */
function turnsDown(a: CurvePoint, b: CurvePoint, c: CurvePoint): boolean {
	return ((b.cost - a.cost) * (c.quality - a.quality)) - ((b.quality - a.quality) * (c.cost - a.cost)) < 0;
}

/** The hull's quality at a cost: linear between vertices, flat beyond the ends. */
export function hullQualityAt(hull: readonly CurvePoint[], cost: number): number {
	const first = hull[0];
	const last = hull.at(-1);
	if (first === undefined || last === undefined) {
		return Number.NaN;
	}

	if (cost <= first.cost) {
		return first.quality;
	}

	if (cost >= last.cost) {
		return last.quality;
	}

	for (let index = 1; index < hull.length; index++) {
		const right = hull[index] as CurvePoint;
		if (cost <= right.cost) {
			const left = hull[index - 1] as CurvePoint;
			return left.quality + ((right.quality - left.quality) * (cost - left.cost) / (right.cost - left.cost));
		}
	}

	return last.quality;
}

/**
 * AIQ (RouterBench): the mean quality of the hull over the cost range from `fromCost` to `toCost` (the
 * cheapest and the dearest single model's), computed exactly on the piecewise-linear hull.
 */
export function averageImprovedQuality(hull: readonly CurvePoint[], fromCost: number, toCost: number): number {
	if (!(toCost > fromCost)) {
		return hullQualityAt(hull, fromCost);
	}

	const breaks = [fromCost, ...hull.map(point => point.cost).filter(cost => cost > fromCost && cost < toCost), toCost];
	let area = 0;
	for (let index = 1; index < breaks.length; index++) {
		const left = breaks[index - 1] as number;
		const right = breaks[index] as number;
		area += (right - left) * (hullQualityAt(hull, left) + hullQualityAt(hull, right)) / 2;
	}

	return area / (toCost - fromCost);
}

/** The least cost at which the hull reaches `quality`, or undefined when it never does. */
export function costToReach(hull: readonly CurvePoint[], quality: number): number | undefined {
	const first = hull[0];
	if (first === undefined) {
		return undefined;
	}

	if (first.quality >= quality) {
		return first.cost;
	}

	for (let index = 1; index < hull.length; index++) {
		const right = hull[index] as CurvePoint;
		if (right.quality >= quality) {
			const left = hull[index - 1] as CurvePoint;
			return left.cost + ((right.cost - left.cost) * (quality - left.quality) / (right.quality - left.quality));
		}
	}

	return undefined;
}

/**
 * CPT(x) (RouteLLM): the least share of calls to the strong model at which a router recovers the share x of the
 * quality gap between the weak and the strong model. Points are (share of strong calls, quality), the two
 * single models included; undefined when the router never gets there.
 */
export function callPerformanceThreshold(points: ReadonlyArray<{readonly strongShare: number; readonly quality: number}>, weakQuality: number, strongQuality: number, gapShare: number): number | undefined {
	const hull = nonDecreasingHull(points.map(point => ({cost: point.strongShare, quality: point.quality})));
	return costToReach(hull, weakQuality + (gapShare * (strongQuality - weakQuality)));
}
