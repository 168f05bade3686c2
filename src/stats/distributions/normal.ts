// Standard normal distribution: CDF through erfc, quantile by Newton's method on the CDF.

/**
 * Complementary error function erfc(x) = (2/√π) ∫ₓ^∞ e^{-t²} dt, to about 1e-15 relative.
 * Power series of erf for |x| < 2, and the Laplace continued fraction
 * erfc(x) = e^{-x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) beyond, evaluated bottom-up.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) {
    // erf(x) = (2/√π) Σ (-1)^n x^{2n+1} / (n! (2n+1))
    let term = x;
    let sum = x;
    const x2 = x * x;
    for (let n = 1; n < 60; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  if (x > 27) return 0;
  let f = x;
  for (let k = 60; k >= 1; k--) f = x + k / 2 / f;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** Φ(z) = P(Z ≤ z) = erfc(−z/√2)/2. */
export function pnorm(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Two-sided p-value of a z statistic: 2·Φ(−|z|). */
export function twoSidedP(z: number): number {
  return Number.isFinite(z) ? erfc(Math.abs(z) / Math.SQRT2) : Number.isNaN(z) ? NaN : 0;
}

/**
 * Φ⁻¹(p): Newton's method on Φ from a logistic-tail starting point; converges to about 1e-14 in a
 * few steps for p in (1e-300, 1 − 1e-16).
 */
export function qnorm(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p > 0.5) return -qnorm(1 - p);
  // Start: the tail asymptote z ≈ −√(−2 ln p), refined.
  const t = Math.sqrt(-2 * Math.log(p));
  let z = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t));
  for (let i = 0; i < 50; i++) {
    const density = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    if (density === 0) break;
    const step = (pnorm(z) - p) / density;
    z -= step;
    if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(z))) break;
  }
  return z;
}
