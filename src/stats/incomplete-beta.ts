/*
The regularised incomplete beta function I_x(a, b), by Lentz's continued fraction (Numerical Recipes, 6.4).
Accurate to about 1e-12 for the degrees of freedom a t-test meets.
*/
const maxIterations = 300;
const epsilon = 1e-14;
const tiny = 1e-300;

/** ln Γ(x) for x > 0 (Lanczos, g = 7, nine coefficients): about 15 significant digits. */
export function logGamma(x: number): number {
	if (x < 0.5) {
		// Reflection: Γ(x) Γ(1 - x) = π / sin(πx).
		return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
	}

	const coefficients = [
		0.999_999_999_999_809_9, 676.520_368_121_885_1, -1259.139_216_722_402_8, 771.323_428_777_653_1,
		-176.615_029_162_140_6, 12.507_343_278_686_905, -0.138_571_095_265_720_12, 9.984_369_578_019_572e-6,
		1.505_632_735_149_311_6e-7,
	];
	const shifted = x - 1;
	let sum = coefficients[0] ?? 1;
	for (let index = 1; index < coefficients.length; index++) {
		sum += (coefficients[index] ?? 0) / (shifted + index);
	}

	const t = shifted + 7.5;
	return (0.5 * Math.log(2 * Math.PI)) + ((shifted + 0.5) * Math.log(t)) - t + Math.log(sum);
}

/** I_x(a, b) for a, b > 0 and x in [0, 1]. */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
	if (x <= 0) {
		return 0;
	}

	if (x >= 1) {
		return 1;
	}

	const front = Math.exp((a * Math.log(x)) + (b * Math.log(1 - x)) + logGamma(a + b) - logGamma(a) - logGamma(b));
	// The fraction converges fast on this side of the mean; the symmetry I_x(a, b) = 1 - I_{1-x}(b, a) covers the other.
	return x < (a + 1) / (a + b + 2)
		? front * continuedFraction(x, a, b) / a
		: 1 - (front * continuedFraction(1 - x, b, a) / b);
}

function continuedFraction(x: number, a: number, b: number): number {
	let c = 1;
	let d = 1 - ((a + b) * x / (a + 1));
	d = Math.abs(d) < tiny ? tiny : d;
	d = 1 / d;
	let result = d;
	for (let m = 1; m <= maxIterations; m++) {
		const even = m * (b - m) * x / ((a + (2 * m) - 1) * (a + (2 * m)));
		d = 1 + (even * d);
		d = Math.abs(d) < tiny ? tiny : d;
		c = 1 + (even / c);
		c = Math.abs(c) < tiny ? tiny : c;
		d = 1 / d;
		result *= d * c;
		const odd = -(a + m) * (a + b + m) * x / ((a + (2 * m)) * (a + (2 * m) + 1));
		d = 1 + (odd * d);
		d = Math.abs(d) < tiny ? tiny : d;
		c = 1 + (odd / c);
		c = Math.abs(c) < tiny ? tiny : c;
		d = 1 / d;
		const step = d * c;
		result *= step;
		if (Math.abs(step - 1) < epsilon) {
			break;
		}
	}

	return result;
}
