// From replicate results to the sweep's two tables: the tidy replicate table (one row per grid point,
// replicate and term) and the summary (one row per grid point and term, with Monte Carlo SEs).
import { summarisePerformance, type Outcome } from "../../stats/sweep/summarise";
import { waldInterval, waldTest } from "../../stats/sweep/wald";
import type { SweepPlan } from "./plan";
import type { ReplicateResult } from "./replicate";

export type Row = Record<string, string | number | boolean | null>;

/** Terms in a stable order: the requested ones, else as the first successful fit lists them (then any others). */
export function termsOf(plan: SweepPlan, results: Iterable<ReplicateResult | undefined>): string[] {
  if (plan.terms) return plan.terms;
  const terms: string[] = [];
  for (const r of results) {
    if (!r?.ok) continue;
    for (const t of r.terms) if (!terms.includes(t.term)) terms.push(t.term);
  }
  return terms;
}

interface Judged extends Outcome {
  term: string;
  truth: number | null;
  z: number | null;
  covered: boolean | null;
  reject: boolean | null;
}

function judge(plan: SweepPlan, result: ReplicateResult, term: string): Judged {
  const point = plan.points[result.point]!;
  const truth = plan.truth(point, term);
  const found = result.ok ? result.terms.find((t) => t.term === term) : undefined;
  const estimate = found?.estimate ?? null;
  const se = found?.se ?? null;
  const ci = estimate !== null && se !== null ? waldInterval(estimate, se, plan.alpha) : { low: null, high: null };
  const test = estimate !== null && se !== null ? waldTest(estimate, se, plan.nullValue(term)) : { z: null, p: null };
  return {
    term,
    ok: result.ok,
    truth,
    estimate,
    se,
    conf_low: ci.low,
    conf_high: ci.high,
    z: test.z,
    p: test.p,
    covered: truth !== null && ci.low !== null && ci.high !== null ? ci.low <= truth && truth <= ci.high : null,
    reject: test.p !== null ? test.p < plan.alpha : null,
    singular: result.singular,
    converged: result.converged,
  };
}

function gridColumns(plan: SweepPlan, point: number): Row {
  const p = plan.points[point]!;
  const row: Row = {};
  for (const name of plan.vary) row[name] = p.values[name] ?? null;
  return row;
}

/** The first varied value (the x of sweep charts) and a label of the others (their series). */
function axisColumns(plan: SweepPlan, point: number): Row {
  const p = plan.points[point]!;
  const [first, ...rest] = plan.vary;
  return {
    grid_value: first !== undefined ? (p.values[first] ?? null) : null,
    series: rest.map((name) => `${name}=${String(p.values[name])}`).join(", "),
    label: p.label,
  };
}

/** The tidy replicate table, ordered by grid point, replicate and term, with the collected columns. */
export function replicateRows(plan: SweepPlan, results: readonly (ReplicateResult | undefined)[], terms: readonly string[]): Row[] {
  const c = plan.collect;
  const rows: Row[] = [];
  for (const result of results) {
    if (!result) continue;
    for (const term of terms) {
      const j = judge(plan, result, term);
      const { grid_value, series } = axisColumns(plan, result.point);
      const row: Row = { point: result.point, replicate: result.replicate, seed: result.seed, ...gridColumns(plan, result.point), grid_value: grid_value!, series: series!, term, truth: j.truth, estimate: j.estimate };
      if (c.has("se")) row.se = j.se;
      if (c.has("ci")) {
        row.conf_low = j.conf_low;
        row.conf_high = j.conf_high;
        row.covered = j.covered;
      }
      if (c.has("p")) {
        row.z = j.z;
        row.p = j.p;
        row.reject = j.reject;
      }
      if (c.has("singular")) row.singular = j.singular;
      if (c.has("converged")) row.converged = j.converged;
      row.error = result.ok ? (result.terms.some((t) => t.term === term && t.estimate !== null) ? null : `no estimate of "${term}"`) : result.error;
      rows.push(row);
    }
  }
  return rows;
}

/** One row per grid point and term: every performance measure with its Monte Carlo SE. */
export function summaryRows(plan: SweepPlan, results: readonly (ReplicateResult | undefined)[], terms: readonly string[]): Row[] {
  const byPoint = new Map<number, ReplicateResult[]>();
  for (const r of results) {
    if (!r) continue;
    let list = byPoint.get(r.point);
    if (!list) byPoint.set(r.point, (list = []));
    list.push(r);
  }
  const rows: Row[] = [];
  for (const point of plan.points) {
    const list = byPoint.get(point.index) ?? [];
    for (const term of terms) {
      const outcomes = list.map((r) => judge(plan, r, term));
      const perf = summarisePerformance(outcomes, { truth: plan.truth(point, term), alpha: plan.alpha });
      rows.push({ point: point.index, ...gridColumns(plan, point.index), ...axisColumns(plan, point.index), term, alpha: plan.alpha, ...perf });
    }
  }
  return rows;
}

/** One row per grid point: its values and full simulation settings. */
export function gridRows(plan: SweepPlan): Row[] {
  return plan.points.map((p) => ({
    point: p.index,
    ...gridColumns(plan, p.index),
    label: p.label,
    groups: p.options.groups,
    groupSize: p.options.groupSize,
    slope: p.options.slope,
    slopeSD: p.options.slopeSD,
    intercept: p.options.intercept,
    interceptSD: p.options.interceptSD,
    rho: p.options.rho,
    sigma: p.options.sigma,
    family: p.options.family,
    formula: p.model.formula,
    REML: p.model.REML,
  }));
}
