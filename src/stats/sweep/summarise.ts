/**
 * Performance measures of a simulation study at one grid point for one parameter, each with its
 * Monte Carlo standard error (Morris, White & Crowther 2019, "Using simulation studies to evaluate
 * statistical methods", Statistics in Medicine 38:2074, table 6). With n_sim usable replicates,
 * estimates θ̂_i, SEs s_i and the truth θ:
 *
 *   mean estimate  θ̄ = Σθ̂_i / n                       MCSE = S_θ̂ / √n
 *   bias           θ̄ − θ                               MCSE = S_θ̂ / √n
 *   empirical SD   S_θ̂ = √(Σ(θ̂_i − θ̄)² / (n − 1))      MCSE = S_θ̂ / √(2(n − 1))
 *   RMSE           √(Σ(θ̂_i − θ)² / n)                  (no MCSE reported)
 *   mean SE        s̄ = Σs_i / n                        MCSE = S_s / √n
 *   coverage       share of Wald intervals holding θ    MCSE = √(c(1 − c) / n_c)
 *   rejection      share with p < α (power, or the type I error rate under a true null)
 *                                                       MCSE = √(r(1 − r) / n_p)
 *   singular / non-converged: shares among the fits     MCSE = √(q(1 − q) / n_fit)
 *
 * A share's denominator is kept beside it (`coverage_n`, `rejection_n`): with few replicates (a
 * drag's draft) the Wald MCSE says nothing at 0 or 1, and {@link wilsonInterval} needs the count.
 *
 * Failed fits count in `failures` and are left out of every other measure. Measures that cannot be
 * formed (no truth, no SE, too few replicates) are null, never NaN.
 */

/** What one replicate found for one parameter. */
export interface Outcome {
  /** False when the simulation or the fit threw; the other fields are then ignored. */
  ok: boolean;
  estimate: number | null;
  se: number | null;
  conf_low: number | null;
  conf_high: number | null;
  p: number | null;
  singular: boolean | null;
  converged: boolean | null;
}

export interface PerformanceOptions {
  /** The true value, or null when unknown (bias and coverage are then null). */
  truth: number | null;
  /** Significance level of the rejection rate. */
  alpha: number;
}

export interface Performance {
  /** Replicates seen (fits plus failures). */
  replicates: number;
  /** Replicates with a finite estimate. */
  n: number;
  failures: number;
  truth: number | null;
  mean_estimate: number | null;
  mcse_mean_estimate: number | null;
  bias: number | null;
  mcse_bias: number | null;
  emp_sd: number | null;
  mcse_emp_sd: number | null;
  rmse: number | null;
  mean_se: number | null;
  mcse_mean_se: number | null;
  coverage: number | null;
  mcse_coverage: number | null;
  /** Replicates with a Wald interval and a truth (the coverage's denominator). */
  coverage_n: number;
  rejection: number | null;
  mcse_rejection: number | null;
  /** Replicates with a p-value (the rejection rate's denominator). */
  rejection_n: number;
  singular_rate: number | null;
  mcse_singular_rate: number | null;
  nonconverged_rate: number | null;
  mcse_nonconverged_rate: number | null;
}

const finite = (x: number | null | undefined): x is number => typeof x === "number" && Number.isFinite(x);

export function mean(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Sample SD (n − 1 denominator); null below two values. */
export function sampleSD(xs: readonly number[]): number | null {
  if (xs.length < 2) return null;
  const m = mean(xs)!;
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return Math.sqrt(ss / (xs.length - 1));
}

/**
 * Wilson's score interval for a proportion p̂ = k/n at normal quantile z:
 *   (p̂ + z²/2n ± z √(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n).
 * Unlike p̂ ± z·SE it stays inside [0, 1] and does not shrink to a point at 0 or 1 (2 of 2 gives
 * [0.34, 1] at z = 1.96), which matters for a draft's two or three replicates. Null when n = 0.
 */
export function wilsonInterval(rate: number, n: number, z = 1.959963984540054): { low: number; high: number } | null {
  if (!(n > 0)) return null;
  const z2 = z * z;
  const centre = rate + z2 / (2 * n);
  const half = z * Math.sqrt((rate * (1 - rate)) / n + z2 / (4 * n * n));
  const scale = 1 + z2 / n;
  return { low: Math.max(0, (centre - half) / scale), high: Math.min(1, (centre + half) / scale) };
}

/** A proportion k/n and its Monte Carlo SE √(p(1 − p)/n); nulls when n = 0. */
export function proportion(k: number, n: number): { rate: number | null; mcse: number | null } {
  if (n <= 0) return { rate: null, mcse: null };
  const rate = k / n;
  return { rate, mcse: Math.sqrt((rate * (1 - rate)) / n) };
}

export function summarisePerformance(outcomes: readonly Outcome[], options: PerformanceOptions): Performance {
  const { truth, alpha } = options;
  const fitted = outcomes.filter((o) => o.ok);
  const estimates = fitted.map((o) => o.estimate).filter(finite);
  const ses = fitted.map((o) => o.se).filter(finite);
  const n = estimates.length;
  const m = mean(estimates);
  const sd = sampleSD(estimates);
  const sdSE = sampleSD(ses);
  const hasTruth = finite(truth);

  let rmse: number | null = null;
  if (hasTruth && n > 0) {
    let ss = 0;
    for (const e of estimates) ss += (e - truth) * (e - truth);
    rmse = Math.sqrt(ss / n);
  }

  let coveredCount = 0, intervals = 0;
  if (hasTruth) {
    for (const o of fitted) {
      if (!finite(o.conf_low) || !finite(o.conf_high)) continue;
      intervals++;
      if (o.conf_low <= truth && truth <= o.conf_high) coveredCount++;
    }
  }
  let rejected = 0, tests = 0;
  for (const o of fitted) {
    if (!finite(o.p)) continue;
    tests++;
    if (o.p < alpha) rejected++;
  }
  const withSingular = fitted.filter((o) => o.singular !== null);
  const withConverged = fitted.filter((o) => o.converged !== null);
  const coverage = proportion(coveredCount, intervals);
  const rejection = proportion(rejected, tests);
  const singular = proportion(withSingular.filter((o) => o.singular).length, withSingular.length);
  const nonconverged = proportion(withConverged.filter((o) => !o.converged).length, withConverged.length);
  const mcseMean = sd !== null ? sd / Math.sqrt(n) : null;

  return {
    replicates: outcomes.length,
    n,
    failures: outcomes.length - fitted.length,
    truth: hasTruth ? truth : null,
    mean_estimate: m,
    mcse_mean_estimate: mcseMean,
    bias: hasTruth && m !== null ? m - truth : null,
    mcse_bias: hasTruth ? mcseMean : null,
    emp_sd: sd,
    mcse_emp_sd: sd !== null ? sd / Math.sqrt(2 * (n - 1)) : null,
    rmse,
    mean_se: mean(ses),
    mcse_mean_se: sdSE !== null ? sdSE / Math.sqrt(ses.length) : null,
    coverage: coverage.rate,
    mcse_coverage: coverage.mcse,
    coverage_n: intervals,
    rejection: rejection.rate,
    mcse_rejection: rejection.mcse,
    rejection_n: tests,
    singular_rate: singular.rate,
    mcse_singular_rate: singular.mcse,
    nonconverged_rate: nonconverged.rate,
    mcse_nonconverged_rate: nonconverged.mcse,
  };
}
