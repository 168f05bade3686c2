/**
 * Special functions for the exact log-densities of the GLM families and for normal p-values,
 * written from their series and continued-fraction definitions.
 */

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * log Γ(x) for x > 0 (and by reflection for non-integer x < 0.5).
 * Shift x up to ≥ 8 with the recurrence Γ(x+1) = xΓ(x), then Stirling's series
 * log Γ(x) = (x−½)log x − x + ½log 2π + Σ B₂ₖ / (2k(2k−1)x^{2k−1}), eight terms (error < 1e-15 at x = 8).
 */
export function lgamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x <= 0 && Number.isInteger(x)) return Infinity;
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  if (x === 1 || x === 2) return 0;
  let prod = 1;
  while (x < 8) {
    prod *= x;
    x += 1;
  }
  const r = 1 / x;
  const r2 = r * r;
  const series =
    r * (1 / 12 + r2 * (-1 / 360 + r2 * (1 / 1260 + r2 * (-1 / 1680 + r2 * (1 / 1188 + r2 * (-691 / 360360 + r2 * (1 / 156 + r2 * (-3617 / 122400))))))));
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series - Math.log(prod);
}

/** log C(n, k) = log Γ(n+1) − log Γ(k+1) − log Γ(n−k+1); −∞ outside 0 ≤ k ≤ n. */
export function lchoose(n: number, k: number): number {
  if (k < 0 || k > n) return -Infinity;
  if (k === 0 || k === n) return 0;
  return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1);
}

/** x·log(y) with the convention 0·log(0) = 0. */
export function xlogy(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(y);
}

/** log dbinom(k; n, prob) including the binomial coefficient. */
export function logDbinom(k: number, n: number, prob: number): number {
  if (k < 0 || k > n) return -Infinity;
  return lchoose(n, k) + xlogy(k, prob) + xlogy(n - k, 1 - prob);
}

/** log dpois(y; mu) including −log y!. */
export function logDpois(y: number, mu: number): number {
  if (y < 0) return -Infinity;
  return xlogy(y, mu) - mu - lgamma(y + 1);
}

/**
 * erfc(x) for x ≥ 0: for x < 2.5 as 1 − erf(x) with the all-positive series
 * erf(x) = (2/√π) e^{−x²} Σ 2ⁿx^{2n+1}/(1·3···(2n+1)); beyond, the continued fraction
 * erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) evaluated by Lentz's method.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2.5) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
  }
  if (x > 27) return 0;
  // f = x + a1/(x + a2/(x + …)), a_k = k/2
  const tiny = 1e-300;
  let f = x;
  let C = f;
  let D = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    D = x + a * D;
    if (D === 0) D = tiny;
    C = x + a / C;
    if (C === 0) C = tiny;
    D = 1 / D;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * f);
}

/** Two-sided normal p-value 2·Φ(−|z|) = erfc(|z|/√2). */
export function pValueNormal(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}
