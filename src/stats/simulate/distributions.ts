/**
 * Exact samplers built on a seeded {@link Rng}. "Exact" means each algorithm draws from the
 * stated distribution up to floating-point rounding, with no normal or other approximation that
 * would break for small counts or small rates.
 */
import type { Rng } from "./rng";

/**
 * Standard normal N(0, 1) by the Marsaglia polar method: draw (u, v) uniform on the square
 * (-1, 1)², keep it if s = u² + v² ∈ (0, 1), and return u·sqrt(-2 ln s / s). The twin value
 * v·sqrt(-2 ln s / s) is discarded so that the generator carries no hidden state.
 */
export function normal(rng: Rng): number {
  let u: number, v: number, s: number;
  do {
    u = 2 * rng.uniform() - 1;
    v = 2 * rng.uniform() - 1;
    s = u * u + v * v;
  } while (s >= 1 || s === 0);
  return u * Math.sqrt((-2 * Math.log(s)) / s);
}

/**
 * Bivariate normal with zero means, SDs (sd1, sd2) and correlation rho, written into `out`
 * (allocation-free in loops):
 *   z1, z2 ~ N(0, 1) independent;  x1 = sd1·z1;  x2 = sd2·(rho·z1 + sqrt(1 - rho²)·z2),
 * i.e. x = L z with L the Cholesky factor of Σ = [[sd1², rho·sd1·sd2], [rho·sd1·sd2, sd2²]].
 */
export function bivariateNormal(
  rng: Rng,
  sd1: number,
  sd2: number,
  rho: number,
  out: Float64Array | number[] = new Float64Array(2),
): Float64Array | number[] {
  if (!(rho >= -1 && rho <= 1)) throw new Error(`rho must be in [-1, 1], got ${rho}`);
  const z1 = normal(rng);
  const z2 = normal(rng);
  out[0] = sd1 * z1;
  out[1] = sd2 * (rho * z1 + Math.sqrt(1 - rho * rho) * z2);
  return out;
}

/**
 * Gamma(shape, 1) by Marsaglia & Tsang (2000, ACM TOMS 26:363), "A simple method for generating
 * gamma variables": for shape ≥ 1, d = shape - 1/3, c = 1/sqrt(9d); accept v = (1 + c·z)³ when
 * ln u < z²/2 + d - d·v + d·ln v and return d·v. For shape < 1 use Gamma(shape + 1)·u^(1/shape).
 */
export function gamma(rng: Rng, shape: number): number {
  if (!(shape > 0) || !Number.isFinite(shape)) throw new Error(`gamma shape must be a positive finite number, got ${shape}`);
  if (shape < 1) return gamma(rng, shape + 1) * Math.pow(rng.uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let z: number, v: number;
    do {
      z = normal(rng);
      v = 1 + c * z;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.uniform();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Beta(a, b) = G_a / (G_a + G_b) with independent gammas. */
export function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a);
  const y = gamma(rng, b);
  return x / (x + y);
}

function checkBinomialArgs(n: number, p: number): void {
  if (!Number.isInteger(n) || n < 0) throw new Error(`binomial n must be a non-negative integer, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new Error(`binomial p must be in [0, 1], got ${p}`);
}

/**
 * Binomial(n, p) by inversion: walk the pmf from 0 with the recurrence
 *   f(x) = f(x-1)·((n + 1)·s/x - s),  s = p/q,  f(0) = qⁿ,
 * until the uniform falls under the cumulative sum. Exact, O(n·p) expected steps; used while qⁿ
 * does not underflow and n·p is moderate.
 */
function binomialInversion(rng: Rng, n: number, p: number): number {
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  const f0 = Math.pow(q, n);
  for (;;) {
    let u = rng.uniform();
    let f = f0;
    let x = 0;
    while (u > f) {
      u -= f;
      x += 1;
      if (x > n) break; // rounding left a sliver of mass past n: draw again
      f *= a / x - s;
    }
    if (x <= n) return x;
  }
}

/**
 * Binomial(n, p), exact for every n and p.
 *
 * Small n·p: inversion ({@link binomialInversion}). Large n: Knuth's order-statistic split (TAOCP
 * vol. 2, §3.4.1, binomial via beta): X counts n uniforms below p. With a = 1 + ⌊n/2⌋ and
 * Y ~ Beta(a, n + 1 - a) the a-th smallest uniform,
 *   Y ≥ p  ⇒  X ~ Bin(a - 1, p / Y);   Y < p  ⇒  X = a + Bin(n - a, (p - Y)/(1 - Y)),
 * which halves n per step until inversion is cheap. p > 1/2 is handled as n - Bin(n, 1 - p).
 */
export function binomial(rng: Rng, n: number, p: number): number {
  checkBinomialArgs(n, p);
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  if (p > 0.5) return n - binomial(rng, n, 1 - p);
  let offset = 0;
  let m = n;
  let pp = p;
  for (;;) {
    if (m === 0 || pp <= 0) return offset;
    if (pp >= 1) return offset + m;
    // Inversion is safe while qᵐ stays far from underflow and cheap while m·p is small.
    const pMin = Math.min(pp, 1 - pp);
    if (m * pMin < 64 && -m * Math.log1p(-pMin) < 600) {
      if (pp <= 0.5) return offset + binomialInversion(rng, m, pp);
      return offset + m - binomialInversion(rng, m, 1 - pp);
    }
    const a = 1 + Math.floor(m / 2);
    const b = m + 1 - a;
    const y = beta(rng, a, b);
    if (y >= pp) {
      m = a - 1;
      pp = pp / y;
    } else {
      offset += a;
      m = b - 1;
      pp = (pp - y) / (1 - y);
    }
  }
}

/**
 * Poisson(lambda), exact for every lambda ≥ 0.
 *
 * lambda < 30: inversion, P(0) = e^(-lambda), P(x) = P(x-1)·lambda/x.
 * lambda ≥ 30: Knuth's gamma split (TAOCP vol. 2, §3.4.1): the m-th arrival time of a unit-rate
 * Poisson process is G ~ Gamma(m), m = ⌊7·lambda/8⌋; if G < lambda the count is m + Poisson(lambda - G),
 * otherwise it is Bin(m - 1, lambda / G) (arrivals before G are uniform on (0, G)).
 */
export function poisson(rng: Rng, lambda: number): number {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new Error(`poisson lambda must be a finite number ≥ 0, got ${lambda}`);
  let offset = 0;
  let lam = lambda;
  while (lam >= 30) {
    const m = Math.floor((7 * lam) / 8);
    const g = gamma(rng, m);
    if (g < lam) {
      offset += m;
      lam -= g;
    } else {
      return offset + binomial(rng, m - 1, lam / g);
    }
  }
  if (lam === 0) return offset;
  const p0 = Math.exp(-lam);
  for (;;) {
    let u = rng.uniform();
    let p = p0;
    let x = 0;
    while (u > p) {
      u -= p;
      x += 1;
      p *= lam / x;
      if (x > 1000) break; // rounding past the tail (lam < 30): draw again
    }
    if (x <= 1000) return offset + x;
  }
}

/** Logistic function 1 / (1 + e^(-eta)), stable for large |eta|. */
export function invLogit(eta: number): number {
  if (eta >= 0) return 1 / (1 + Math.exp(-eta));
  const e = Math.exp(eta);
  return e / (1 + e);
}
