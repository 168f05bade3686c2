/**
 * Fixture tables with the same *shape* as ./fixtures.ts (groups A–E, the same tables and columns,
 * the same number of rows per table where the chart shape depends on it) but different *values*.
 * Used by in-place.test.ts: a preset's spec, with `datasets` removed, must not change between them.
 *
 * `variantTables(p)` builds a full table set from generating parameters; the exported variants
 * move the numbers in ways that used to leak into specs:
 * - `flipped`: within-group slopes positive and the pooled slope negative *and* positive "no" slopes,
 *   so the Simpson note disappears; a different group is largest (C) and E becomes estimable
 *   (so the "n too small" note moves to B); ρ > 0; another model wins the comparison.
 * - `scaled`: everything ×100 and shifted far from 0 (domains, ellipses, arrows all move).
 */
import type { Row, Tables } from "../../../src/cells/plot/tables";

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

export interface VariantParams {
  seed: number;
  sizes: number[];
  b0: number[];
  b1: number[];
  gamma00: number;
  gamma10: number;
  /** Mean of x in group j is `xShift + xPerB0 * b0[j]`. */
  xShift: number;
  xPerB0: number;
  noise: number;
  /** Multiplies every response value, coefficient and variance-scale number. */
  scale: number;
  tau0: number;
  tau1: number;
  rho: number;
  sigma: number;
  /** AIC of the four compared models (the best one changes between variants). */
  aic: number[];
  /** Population grid (11 x values). */
  popX: number[];
}

const GROUPS = ["A", "B", "C", "D", "E"];

function olsFit(rows: Row[]) {
  const pts = rows.map((r) => ({ x: r.x as number, y: r.y as number }));
  const n = pts.length;
  if (n < 2) return undefined;
  const mx = pts.reduce((s, p) => s + p.x, 0) / n, my = pts.reduce((s, p) => s + p.y, 0) / n;
  const sxx = pts.reduce((s, p) => s + (p.x - mx) ** 2, 0), sxy = pts.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  if (!(sxx > 1e-12)) return undefined;
  const slope = sxy / sxx, intercept = my - slope * mx;
  const rss = pts.reduce((s, p) => s + (p.y - intercept - slope * p.x) ** 2, 0);
  const s2 = n > 2 ? rss / (n - 2) : NaN;
  return { intercept, slope, slope_se: Math.sqrt(s2 / sxx), intercept_se: Math.sqrt(s2 * (1 / n + (mx * mx) / sxx)) };
}

export function variantTables(p: VariantParams): Tables & Record<string, Row[]> {
  const rand = lcg(p.seed);
  const normal = () => {
    const u = Math.max(rand(), 1e-12), v = rand();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const k = p.scale;
  const data: Row[] = GROUPS.flatMap((g, j) =>
    Array.from({ length: p.sizes[j]! }, (_, i) => {
      const x = p.xShift + p.xPerB0 * p.b0[j]! + (i - p.sizes[j]! / 2) * 0.4 + 0.2 * normal();
      return { group: g, x: +x.toFixed(3), y: +(k * (p.gamma00 + p.b0[j]! + (p.gamma10 + p.b1[j]!) * x + p.noise * normal())).toFixed(3) };
    }),
  );
  const pooled = olsFit(data)!;
  const fixed = { intercept: k * (p.gamma00 + 0.1), slope: k * (p.gamma10 + 0.08) };
  const coefs: Row[] = GROUPS.flatMap((g, j) => {
    const np = olsFit(data.filter((r) => r.group === g));
    const w = p.sizes[j]! / (p.sizes[j]! + 3);
    const partial = {
      intercept: fixed.intercept + (np ? w * (np.intercept - fixed.intercept) : 0.3 * k * p.b0[j]!),
      slope: fixed.slope + (np ? w * (np.slope - fixed.slope) : 0),
    };
    return [
      { group: g, model: "complete", intercept: pooled.intercept, slope: pooled.slope, n: p.sizes[j] },
      np ? { group: g, model: "no", ...np, n: p.sizes[j] } : { group: g, model: "no", intercept: null, slope: null, n: p.sizes[j] },
      { group: g, model: "partial", ...partial, n: p.sizes[j] },
    ];
  });
  const fixef: Row[] = [
    { term: "(Intercept)", estimate: fixed.intercept, std_error: 0.7 * k, conf_low: fixed.intercept - 1.4 * k, conf_high: fixed.intercept + 1.4 * k },
    { term: "x", estimate: fixed.slope, std_error: 0.08 * k, conf_low: fixed.slope - 0.16 * k, conf_high: fixed.slope + 0.16 * k },
  ];
  const t0 = p.tau0 * k, t1 = p.tau1 * k, s = p.sigma * k;
  const varcorr: Row[] = [
    { grp: "group", var1: "(Intercept)", var2: null, vcov: t0 * t0, sdcor: t0 },
    { grp: "group", var1: "x", var2: null, vcov: t1 * t1, sdcor: t1 },
    { grp: "group", var1: "(Intercept)", var2: "x", vcov: p.rho * t0 * t1, sdcor: p.rho },
    { grp: "Residual", var1: null, var2: null, vcov: s * s, sdcor: s },
  ];
  const ranef: Row[] = GROUPS.flatMap((g, j) => [
    { group: g, term: "(Intercept)", condval: +(0.9 * k * p.b0[j]!).toFixed(3), condsd: +((0.5 * k) / Math.sqrt(p.sizes[j]!)).toFixed(3) },
    { group: g, term: "x", condval: +(0.7 * k * p.b1[j]!).toFixed(3), condsd: +((0.12 * k) / Math.sqrt(p.sizes[j]!)).toFixed(3) },
  ]);
  const truth: Row[] = GROUPS.flatMap((g, j) => [
    { group: g, term: "(Intercept)", coef: k * (p.gamma00 + p.b0[j]!), offset: k * p.b0[j]! },
    { group: g, term: "x", coef: k * (p.gamma10 + p.b1[j]!), offset: k * p.b1[j]! },
  ]);
  const population: Row[] = p.popX.map((x) => {
    const est = fixed.intercept + fixed.slope * x;
    const se = k * Math.sqrt(0.49 + 0.0064 * x * x);
    const pse = Math.sqrt(se * se + t0 * t0 + t1 * t1 * x * x);
    return { x, estimate: est, conf_low: est - 1.96 * se, conf_high: est + 1.96 * se, pred_low: est - 1.96 * pse, pred_high: est + 1.96 * pse };
  });
  const names = ["Complete pooling", "Random intercept", "RI + RS (uncorrelated)", "RI + RS (correlated)"];
  const anova: Row[] = names.map((model, i) => ({
    model, npar: 3 + i, AIC: p.aic[i]!, BIC: p.aic[i]! + 2 + i, logLik: -p.aic[i]! / 2 + 3 + i, deviance: p.aic[i]! - 6 - 2 * i,
    Chisq: i === 0 ? null : Math.abs(p.aic[i - 1]! - p.aic[i]!) + 2, Df: i === 0 ? null : 1, p: i === 0 ? null : 0.01 * (i + 1),
  }));
  const tidy: Row[] = [
    { effect: "fixed", term: "(Intercept)", estimate: fixed.intercept, std_error: 0.7 * k, conf_low: fixed.intercept - 1.4 * k, conf_high: fixed.intercept + 1.4 * k, truth: k * p.gamma00 },
    { effect: "fixed", term: "x", estimate: fixed.slope, std_error: 0.08 * k, conf_low: fixed.slope - 0.16 * k, conf_high: fixed.slope + 0.16 * k, truth: k * p.gamma10 },
    { effect: "ran_pars", term: "sd__(Intercept)", estimate: t0, truth: t0 * 1.1 },
    { effect: "ran_pars", term: "sd__x", estimate: t1, truth: t1 * 0.9 },
  ];
  const recovery: Row[] = [
    { parameter: "gamma00", truth: k * p.gamma00, estimate: fixed.intercept, conf_low: fixed.intercept - 1.4 * k, conf_high: fixed.intercept + 1.4 * k },
    { parameter: "gamma10", truth: k * p.gamma10, estimate: fixed.slope, conf_low: fixed.slope - 0.16 * k, conf_high: fixed.slope + 0.16 * k },
    { parameter: "tau0", truth: t0 * 1.1, estimate: t0, conf_low: t0 * 0.5, conf_high: t0 * 1.9 },
    { parameter: "sigma", truth: s * 0.95, estimate: s, conf_low: s * 0.8, conf_high: s * 1.25 },
  ];
  const groups: Row[] = GROUPS.map((g, j) => ({ group: g, n: p.sizes[j]! }));
  return { data, coefs, fixef, varcorr, ranef, truth, population, anova, tidy, recovery, groups };
}

/** Binary outcomes (3 groups × 12) and logit-scale coefficients, with values moved by `shift`. */
export function binaryVariant(seed: number, shift: number): { data: Row[]; coefs: Row[] } {
  const rand = lcg(seed);
  const data = ["A", "B", "C"].flatMap((g, j) =>
    Array.from({ length: 12 }, (_, i) => {
      const x = shift + i / 2;
      const eta = -2 + (j - 1) * shift + 0.6 * (x - shift);
      return { group: g, x, y: rand() < 1 / (1 + Math.exp(-eta)) ? 1 : 0 };
    }),
  );
  const coefs = ["A", "B", "C"].map((g, j) => ({ group: g, model: "partial", intercept: -2 + shift * (j - 1), slope: 0.6 - 0.3 * shift }));
  return { data, coefs };
}

/** Simpson reversal gone, C largest, E estimable, ρ > 0, another best model, negative x. */
export const flipped = variantTables({
  seed: 7, sizes: [4, 2, 12, 7, 5], b0: [2.5, 1, -0.5, -1.5, -3], b1: [0.3, 0.5, 0.1, 0.4, 0.2],
  gamma00: -2, gamma10: 0.8, xShift: -6, xPerB0: 0.3, noise: 0.5, scale: 1,
  tau0: 0.4, tau1: 0.9, rho: 0.6, sigma: 1.4, aic: [50.5, 61.2, 49.9, 58.3], popX: Array.from({ length: 11 }, (_, i) => -9 + 0.7 * i),
});

/** Same confounded design as the default fixtures, but every number ×100 and far from 0. */
export const scaled = variantTables({
  seed: 99, sizes: [10, 8, 6, 3, 1], b0: [-3, -1.5, 0, 1.8, 3.5], b1: [0.2, -0.1, 0.05, -0.25, 0.1],
  gamma00: 500, gamma10: -0.5, xShift: 1000, xPerB0: 1, noise: 0.3, scale: 100,
  tau0: 1.5, tau1: 0.2, rho: -0.3, sigma: 0.3, aic: [1200, 400, 410, 427], popX: Array.from({ length: 11 }, (_, i) => 995 + i),
});
