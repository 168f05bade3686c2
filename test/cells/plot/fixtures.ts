/**
 * Small deterministic fixture tables in the shapes of src/cells/plot/tables.ts: five groups of
 * unequal size (the last has one observation, so no pooling cannot fit it), with Simpson-style
 * confounding (group mean of x rises with the group intercept, within-group slopes are negative).
 */
import type { Row } from "../../../src/cells/plot/tables";

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

const rand = lcg(42);
const normal = () => {
  const u = Math.max(rand(), 1e-12), v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
};

const groups = ["A", "B", "C", "D", "E"];
const sizes = [10, 8, 6, 3, 1];
const b0 = [-3, -1.5, 0, 1.8, 3.5];
const b1 = [0.2, -0.1, 0.05, -0.25, 0.1];
const gamma00 = 5, gamma10 = -0.5;

export const data: Row[] = groups.flatMap((g, j) =>
  Array.from({ length: sizes[j]! }, (_, i) => {
    const x = b0[j]! + 4 + (i - sizes[j]! / 2) * 0.4 + 0.2 * normal();
    return { group: g, x: +x.toFixed(3), y: +(gamma00 + b0[j]! + (gamma10 + b1[j]!) * x + 0.3 * normal()).toFixed(3) };
  }),
);

function olsFit(rows: Row[]) {
  const pts = rows.map((r) => ({ x: r.x as number, y: r.y as number }));
  const n = pts.length;
  if (n < 2) return undefined;
  const mx = pts.reduce((s, p) => s + p.x, 0) / n, my = pts.reduce((s, p) => s + p.y, 0) / n;
  const sxx = pts.reduce((s, p) => s + (p.x - mx) ** 2, 0), sxy = pts.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const slope = sxy / sxx, intercept = my - slope * mx;
  const rss = pts.reduce((s, p) => s + (p.y - intercept - slope * p.x) ** 2, 0);
  const s2 = n > 2 ? rss / (n - 2) : NaN;
  return { intercept, slope, slope_se: Math.sqrt(s2 / sxx), intercept_se: Math.sqrt(s2 * (1 / n + (mx * mx) / sxx)) };
}

const pooled = olsFit(data)!;
const fixed = { intercept: 5.1, slope: -0.42 };

export const coefs: Row[] = groups.flatMap((g, j) => {
  const rows = data.filter((r) => r.group === g);
  const np = olsFit(rows);
  const w = sizes[j]! / (sizes[j]! + 3);
  const partial = {
    intercept: fixed.intercept + (np ? w * (np.intercept - fixed.intercept) : 0.3 * b0[j]!),
    slope: fixed.slope + (np ? w * (np.slope - fixed.slope) : 0),
  };
  return [
    { group: g, model: "complete", intercept: pooled.intercept, slope: pooled.slope, n: sizes[j] },
    np ? { group: g, model: "no", ...np, n: sizes[j] } : { group: g, model: "no", intercept: null, slope: null, n: sizes[j] },
    { group: g, model: "partial", ...partial, n: sizes[j] },
  ];
});

export const fixef: Row[] = [
  { term: "(Intercept)", estimate: fixed.intercept, std_error: 0.7, conf_low: 3.7, conf_high: 6.5 },
  { term: "x", estimate: fixed.slope, std_error: 0.08, conf_low: -0.58, conf_high: -0.26 },
];

export const varcorr: Row[] = [
  { grp: "group", var1: "(Intercept)", var2: null, vcov: 2.25, sdcor: 1.5 },
  { grp: "group", var1: "x", var2: null, vcov: 0.04, sdcor: 0.2 },
  { grp: "group", var1: "(Intercept)", var2: "x", vcov: -0.09, sdcor: -0.3 },
  { grp: "Residual", var1: null, var2: null, vcov: 0.09, sdcor: 0.3 },
];

export const ranef: Row[] = groups.flatMap((g, j) => [
  { group: g, term: "(Intercept)", condval: +(0.9 * b0[j]!).toFixed(3), condsd: +(0.5 / Math.sqrt(sizes[j]!)).toFixed(3) },
  { group: g, term: "x", condval: +(0.7 * b1[j]!).toFixed(3), condsd: +(0.12 / Math.sqrt(sizes[j]!)).toFixed(3) },
]);

export const truth: Row[] = groups.flatMap((g, j) => [
  { group: g, term: "(Intercept)", coef: gamma00 + b0[j]!, offset: b0[j]! },
  { group: g, term: "x", coef: gamma10 + b1[j]!, offset: b1[j]! },
]);

export const population: Row[] = Array.from({ length: 11 }, (_, i) => {
  const x = i;
  const est = fixed.intercept + fixed.slope * x;
  const se = Math.sqrt(0.49 + 0.0064 * x * x);
  const pse = Math.sqrt(se * se + 2.25 + 0.04 * x * x);
  return { x, estimate: est, conf_low: est - 1.96 * se, conf_high: est + 1.96 * se, pred_low: est - 1.96 * pse, pred_high: est + 1.96 * pse };
});

export const anova: Row[] = [
  { model: "Complete pooling", npar: 3, AIC: 120.4, BIC: 125.1, logLik: -57.2, deviance: 114.4, Chisq: null, Df: null, p: null },
  { model: "Random intercept", npar: 4, AIC: 40.2, BIC: 46.5, logLik: -16.1, deviance: 32.2, Chisq: 82.2, Df: 1, p: 1e-19 },
  { model: "RI + RS (uncorrelated)", npar: 5, AIC: 41.0, BIC: 48.8, logLik: -15.5, deviance: 31.0, Chisq: 1.2, Df: 1, p: 0.27 },
  { model: "RI + RS (correlated)", npar: 6, AIC: 42.7, BIC: 52.1, logLik: -15.35, deviance: 30.7, Chisq: 0.3, Df: 1, p: 0.58 },
];

export const tidy: Row[] = [
  { effect: "fixed", term: "(Intercept)", estimate: 5.1, std_error: 0.7, conf_low: 3.7, conf_high: 6.5, truth: 5 },
  { effect: "fixed", term: "x", estimate: -0.42, std_error: 0.08, conf_low: -0.58, conf_high: -0.26, truth: -0.5 },
  { effect: "ran_pars", term: "sd__(Intercept)", estimate: 1.5, truth: 1.6 },
  { effect: "ran_pars", term: "sd__x", estimate: 0.2, truth: 0.18 },
];

export const recovery: Row[] = [
  { parameter: "gamma00", truth: 5, estimate: 5.1, conf_low: 3.7, conf_high: 6.5 },
  { parameter: "gamma10", truth: -0.5, estimate: -0.42, conf_low: -0.58, conf_high: -0.26 },
  { parameter: "tau0", truth: 1.6, estimate: 1.5, conf_low: 0.8, conf_high: 2.9 },
  { parameter: "sigma", truth: 0.3, estimate: 0.31, conf_low: 0.25, conf_high: 0.38 },
];

/** Binary-outcome data for the GLMM views (logit scale, 3 groups). */
export const binaryData: Row[] = ["A", "B", "C"].flatMap((g, j) =>
  Array.from({ length: 12 }, (_, i) => {
    const x = i / 2;
    const eta = -2 + (j - 1) + 0.6 * x;
    return { group: g, x, y: rand() < 1 / (1 + Math.exp(-eta)) ? 1 : 0 };
  }),
);

export const binaryCoefs: Row[] = ["A", "B", "C"].map((g, j) => ({ group: g, model: "partial", intercept: -2 + 0.8 * (j - 1), slope: 0.6 }));

export const allTables = { data, coefs, fixef, varcorr, ranef, truth, population, anova, tidy, recovery };
