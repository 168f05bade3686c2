// The tables a model cell exposes, as arrays of plain rows named and shaped as docs/charts.md's chart
// inputs: coefs, fixef, varcorr, ranef, groups, population, tidy, glance, predictions.
import type { ModelMatrices } from "../../stats/frame/model-matrices";
import { qnorm, twoSidedP } from "../../stats/distributions";
import type { MixedFit, PoolFit } from "./fits";

export type Row = Record<string, string | number | boolean | null>;

const finiteOrNull = (x: number | undefined): number | null => (x !== undefined && Number.isFinite(x) ? x : null);

/** Per-level counts of the first grouping factor. */
export function groupSizes(frame: ModelMatrices, groupIndex = 0): { group: string; n: number }[] {
  const term = frame.reTerms[groupIndex];
  if (!term) return [];
  const counts = new Array<number>(term.levels.length).fill(0);
  for (let i = 0; i < term.index.length; i++) counts[term.index[i]!]! += 1;
  return term.levels.map((group, j) => ({ group, n: counts[j]! }));
}

type CoefSource = { group: string; levels: readonly string[]; values: Readonly<Record<string, readonly number[]>> };

/** Rows `group, model, intercept, slope, n` for one model's per-group coefficients. */
export function coefRows(model: "complete" | "no" | "partial", source: CoefSource | undefined, slopeTerm: string | null, sizes: ReadonlyMap<string, number>): Row[] {
  if (!source) return [];
  const intercepts = source.values["(Intercept)"];
  const slopes = slopeTerm ? source.values[slopeTerm] : undefined;
  return source.levels.map((group, j) => ({
    group,
    model,
    intercept: finiteOrNull(intercepts ? intercepts[j] : 0),
    slope: slopeTerm ? finiteOrNull(slopes?.[j]) : null,
    n: sizes.get(group) ?? 0,
  }));
}

/** Rows `term, estimate, se, statistic, p, conf_low, conf_high` of the fixed effects. */
export function fixefRows(fixef: readonly { term: string; estimate: number; se: number }[], level: number, statistic: "t" | "z"): Row[] {
  const z = qnorm(1 - (1 - level) / 2);
  return fixef.map(({ term, estimate, se }) => ({
    term,
    estimate: finiteOrNull(estimate),
    se: finiteOrNull(se),
    statistic: finiteOrNull(estimate / se),
    statistic_kind: statistic,
    // lme4 prints no p-value for lmer's t; the Wald z p-value is shown for glmer only.
    p: statistic === "z" ? finiteOrNull(twoSidedP(estimate / se)) : null,
    conf_low: finiteOrNull(estimate - z * se),
    conf_high: finiteOrNull(estimate + z * se),
  }));
}

/** lme4's as.data.frame(VarCorr(fit)) with the column names the charts read (`grp`, `var1`, `var2`, `vcov`, `sdcor`). */
export function varcorrRows(varcorr: readonly { group: string; var1: string | null; var2: string | null; vcov: number; sdcor: number }[]): Row[] {
  return varcorr.map((r) => ({ grp: r.group, var1: r.var1, var2: r.var2, vcov: finiteOrNull(r.vcov), sdcor: finiteOrNull(r.sdcor) }));
}

/** Rows `grpvar, group, term, condval, condsd` of the conditional modes. */
export function ranefRows(ranef: MixedFit["ranef"]): Row[] {
  const rows: Row[] = [];
  for (const g of ranef) {
    for (const [term, values] of Object.entries(g.values)) {
      const sds = g.condsd?.[term];
      values.forEach((condval, j) => rows.push({ grpvar: g.group, group: g.levels[j]!, term, condval: finiteOrNull(condval), condsd: finiteOrNull(sds?.[j]) }));
    }
  }
  return rows;
}

/** broom.mixed-style tidy rows: fixed effects, then random-effect SDs and correlations. */
export function tidyRows(fixed: readonly Row[], varcorr: readonly Row[]): Row[] {
  const rows: Row[] = fixed.map((r) => ({ effect: "fixed", term: r.term!, estimate: r.estimate!, std_error: r.se!, statistic: r.statistic!, p: r.p!, conf_low: r.conf_low!, conf_high: r.conf_high!, truth: null }));
  for (const r of varcorr) {
    const term = r.grp === "Residual" ? "sd__Observation" : r.var2 === null ? `sd__${r.var1}` : `cor__${r.var1}.${r.var2}`;
    rows.push({ effect: "ran_pars", group: r.grp, term, estimate: r.sdcor, std_error: null, statistic: null, p: null, conf_low: null, conf_high: null, truth: null });
  }
  return rows;
}

/** The fixed part's column for `term`, or null. */
export function designColumn(frame: ModelMatrices, term: string): Float64Array | null {
  const j = frame.fixedNames.indexOf(term);
  return j < 0 ? null : frame.X.subarray(j * frame.n, (j + 1) * frame.n);
}

export interface PopulationInputs {
  frame: ModelMatrices;
  slopeTerm: string | null;
  fixef: readonly { term: string; estimate: number }[];
  /** Row-major vcov of the fixed effects, in fixef order. */
  vcov: readonly (readonly number[])[];
  /** The random-effect covariance of (intercept, slope) of the first grouping factor. */
  tau: { intercept: number; slope: number; cov: number };
  /** Residual variance added to the prediction band (gaussian only; 0 otherwise). */
  residualVariance: number;
  linkinv: (eta: number) => number;
  level: number;
  resolution?: number;
}

/**
 * The population line over x with its Wald confidence band and a prediction band that adds the
 * between-group variance (ggeffects' type = "random"): η(x) = β₀ + β₁x,
 * Var_conf = V₀₀ + 2xV₀₁ + x²V₁₁, Var_pred = Var_conf + τ₀² + 2xτ₀₁ + x²τ₁² (+ σ² for gaussian);
 * bands are formed on the link scale and mapped through the inverse link.
 */
export function populationRows(p: PopulationInputs): Row[] {
  const x = p.slopeTerm ? designColumn(p.frame, p.slopeTerm) : null;
  const i0 = p.fixef.findIndex((f) => f.term === "(Intercept)");
  const i1 = p.slopeTerm ? p.fixef.findIndex((f) => f.term === p.slopeTerm) : -1;
  const b0 = i0 >= 0 ? p.fixef[i0]!.estimate : 0;
  const b1 = i1 >= 0 ? p.fixef[i1]!.estimate : 0;
  const v = (a: number, b: number) => (a >= 0 && b >= 0 ? (p.vcov[a]?.[b] ?? 0) : 0);
  let lo = 0;
  let hi = 1;
  if (x && x.length) {
    lo = Infinity;
    hi = -Infinity;
    for (let i = 0; i < x.length; i++) {
      if (x[i]! < lo) lo = x[i]!;
      if (x[i]! > hi) hi = x[i]!;
    }
  }
  const z = qnorm(1 - (1 - p.level) / 2);
  const steps = p.resolution ?? 40;
  const rows: Row[] = [];
  for (let k = 0; k <= steps; k++) {
    const xv = lo + ((hi - lo) * k) / steps;
    const eta = b0 + b1 * xv;
    const varConf = v(i0, i0) + 2 * xv * v(i0, i1) + xv * xv * v(i1, i1);
    const varPred = varConf + p.tau.intercept + 2 * xv * p.tau.cov + xv * xv * p.tau.slope + p.residualVariance;
    const sc = Math.sqrt(Math.max(0, varConf));
    const sp = Math.sqrt(Math.max(0, varPred));
    rows.push({
      x: xv,
      estimate: p.linkinv(eta),
      conf_low: p.linkinv(eta - z * sc),
      conf_high: p.linkinv(eta + z * sc),
      pred_low: p.linkinv(eta - z * sp),
      pred_high: p.linkinv(eta + z * sp),
    });
  }
  return rows;
}

/** Columns of the observations used: row number, group, x, y, fitted value and residual. */
export interface PredictionColumns {
  row: Int32Array;
  group: string[];
  x: Float64Array;
  y: Float64Array;
  fitted: Float64Array;
  residual: Float64Array;
}

/**
 * One entry per observation, as columns: a 100,000-row fit hands back typed arrays (cheap to copy
 * from a worker) rather than 100,000 row objects; charts and CSV read them through an Arquero table.
 */
export function predictionColumns(frame: ModelMatrices, slopeTerm: string | null, fitted: ArrayLike<number>, residuals: ArrayLike<number>): PredictionColumns {
  const term = frame.reTerms[0];
  const x = slopeTerm ? designColumn(frame, slopeTerm) : null;
  const n = frame.n;
  const out: PredictionColumns = {
    row: new Int32Array(n),
    group: new Array<string>(n),
    x: new Float64Array(n).fill(NaN),
    y: Float64Array.from(frame.y),
    fitted: Float64Array.from(fitted),
    residual: Float64Array.from(residuals),
  };
  for (let i = 0; i < n; i++) {
    out.row[i] = frame.rows[i]! + 1;
    out.group[i] = term ? term.levels[term.index[i]!]! : "";
    if (x) out.x[i] = x[i]!;
  }
  return out;
}

/** The no-pooling fit's coefficient source (first grouping factor). */
export function poolingCoef(fit: PoolFit | undefined): CoefSource | undefined {
  return fit?.coef[0];
}
