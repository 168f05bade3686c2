import type { Preset, CommonOptions } from "./types";
import type { Tables } from "../tables";
import { ranefRows, table } from "./util";
import { niceExtent } from "./nice-domain";
import { topLevel, q, n, anchorLayer, domainFrom, listFrom, type Json } from "./spec";
import { CATERPILLAR_ROW_STEP, caterpillarFigure, caterpillarTitle, caterpillarXTitle, intervalColors } from "./caterpillar-figure";

/** Options of {@link caterpillar}. */
export interface CaterpillarOptions extends CommonOptions {
  /** Interval level (±qnorm((1+level)/2)·condsd). Defaults to 0.95. */
  level: number;
  /** Exponentiate (odds / rate ratios for GLMMs); the reference line moves to 1. Defaults to false. */
  exponentiate: boolean;
}

export const caterpillarDefaults: CaterpillarOptions = { level: 0.95, exponentiate: false };

/** Standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9). */
export function qnorm(p: number): number {
  const a = [-39.6968302866538, 220.946098424521, -275.928510446969, 138.357751867269, -30.6647980661472, 2.50662827745924];
  const b = [-54.4760987982241, 161.585836858041, -155.698979859887, 66.8013118877197, -13.2806815528857];
  const c = [-0.00778489400243029, -0.322396458041136, -2.40075827716184, -2.54973253934373, 4.37466414146497, 2.93816398269878];
  const d = [0.00778469570904146, 0.32246712907004, 2.445134137143, 3.75440866190742];
  const lo = 0.02425;
  if (p <= 0 || p >= 1) return p <= 0 ? -Infinity : Infinity;
  if (p < lo) {
    const r = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * r + c[1]!) * r + c[2]!) * r + c[3]!) * r + c[4]!) * r + c[5]!) / ((((d[0]! * r + d[1]!) * r + d[2]!) * r + d[3]!) * r + 1);
  }
  if (p > 1 - lo) return -qnorm(1 - p);
  const r = p - 0.5, s = r * r;
  return ((((((a[0]! * s + a[1]!) * s + a[2]!) * s + a[3]!) * s + a[4]!) * s + a[5]!) * r) / (((((b[0]! * s + b[1]!) * s + b[2]!) * s + b[3]!) * s + b[4]!) * s + 1);
}

/**
 * **Caterpillar plot** (lme4 `dotplot(ranef(m, condVar = TRUE))`): one panel per random-effect term
 * with a free x scale, groups on y ordered by the first term's conditional mode, a point at b_j with a
 * ±z·condsd interval, a reference line at 0 (1 when exponentiated), and intervals that exclude the
 * reference highlighted.
 *
 * Input `ranef` ({@link RanefRow}): group, term, condval, condsd.
 * Datasets: `caterpillar` (group, term, estimate, lo, hi, excludes, first, ref, order: the group's rank by
 * the first term's mode, term_order: the term's panel) and `cat_scales` (one row: groups, in rank order,
 * and x0_i, x1_i, panel i's nice x range), so new estimates reorder the groups without changing the spec.
 */
function build(tables: Tables, options: Partial<CaterpillarOptions> = {}) {
  const o = { ...caterpillarDefaults, ...options };
  const re = ranefRows(table(tables, "ranef", "caterpillar"));
  const z = qnorm((1 + o.level) / 2);
  const tf = o.exponentiate ? Math.exp : (v: number) => v;
  const ref = o.exponentiate ? 1 : 0;
  const terms = [...new Set(re.map((r) => r.term))];
  const order = re.filter((r) => r.term === terms[0]).sort((a, b) => a.condval - b.condval).map((r) => r.group);
  const rank = new Map(order.map((g, i) => [g, i]));
  const seen = new Set<string>();
  const rows = re.map((r) => {
    const sd = r.condsd ?? 0;
    const lo = tf(r.condval - z * sd), hi = tf(r.condval + z * sd);
    const first = !seen.has(r.term);
    seen.add(r.term);
    return { group: r.group, term: r.term, estimate: tf(r.condval), lo, hi, excludes: lo > ref || hi < ref ? `${Math.round(o.level * 100)}% interval excludes ${ref}` : "includes " + ref, first, ref, order: rank.get(r.group) ?? order.length, term_order: terms.indexOf(r.term) };
  });
  // 16 px per group row: the height follows the number of groups inside Vega, so a new J is a data update.
  const width = o.width ?? 200, height = o.height ?? { step: CATERPILLAR_ROW_STEP };
  const colors = intervalColors(o.level, o.exponentiate);
  const color = n("excludes", "Interval", { scale: { range: [...colors.values()], domain: [...colors.keys()] } });
  const xTitle = caterpillarXTitle(o.exponentiate);
  // One panel per term side by side (an hconcat: a Vega-Lite facet would run a sub-dataflow per term
  // and derive each scale from the rows on every update). Every domain rides in one row of
  // `cat_scales`, rounded out as a nice scale would be, so most slider moves leave scales and axes be.
  const scales: Record<string, unknown> = { groups: order };
  for (const [i, term] of terms.entries()) {
    const values = rows.filter((r) => r.term === term).flatMap((r) => [r.lo, r.hi, r.estimate]);
    [scales[`x0_${i}`], scales[`x1_${i}`]] = niceExtent([ref, ...values]);
  }
  const y = (i: number) => n("group", "Group", { scale: { domain: listFrom("cat_scales", "groups") }, ...(i > 0 ? { axis: null } : {}) });
  const panels = terms.map((term, i) => {
    const x = (field: string, title?: string) => q(field, title, { scale: { domain: domainFrom("cat_scales", `x0_${i}`, `x1_${i}`), nice: false, zero: false } });
    return {
      width, height,
      title: { text: term, fontSize: 11, fontWeight: "bold", anchor: "middle" },
      transform: [{ filter: `datum.term_order === ${i}` }],
      layer: [
        { transform: [{ filter: "datum.first" }], mark: { type: "rule", color: "#444", strokeDash: [3, 3] }, encoding: { x: x("ref") } },
        { mark: { type: "rule", strokeWidth: 1.5 }, encoding: { y: y(i), x: x("lo", xTitle), x2: { field: "hi" }, color } },
        {
          mark: { type: "point", filled: true, size: 40 },
          encoding: { y: y(i), x: x("estimate", xTitle), color, tooltip: [n("group", "Group"), n("term", "Term"), q("estimate", "Estimate", { format: ".3f" }), q("lo", "Lower", { format: ".3f" }), q("hi", "Upper", { format: ".3f" })] },
        },
        ...(i === 0 ? [anchorLayer("cat_scales")] : []),
      ],
    };
  });
  return topLevel({
    data: { name: "caterpillar" },
    hconcat: panels,
    resolve: { scale: { x: "independent" } },
  }, { caterpillar: rows, cat_scales: [scales as Json] }, o.title ?? caterpillarTitle(o.level));
}

export const caterpillar: Preset<CaterpillarOptions> = {
  name: "caterpillar",
  title: "Caterpillar Plot",
  inputs: { ranef: { required: true, description: "group, term, condval, condsd" } },
  defaults: caterpillarDefaults,
  build,
  figure: (datasets, options = {}) => caterpillarFigure(datasets, { ...caterpillarDefaults, ...options }),
};
