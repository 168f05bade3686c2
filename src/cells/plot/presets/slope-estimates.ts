import type { Preset, CommonOptions } from "./types";
import type { Tables } from "../tables";
import { coefRows, fixefLine, label, num, optionalTable, table } from "./util";
import { niceExtent } from "./nice-domain";
import { topLevel, q, n, anchorLayer, domainFrom, listFrom, type Json } from "./spec";
import { modelColorScale, MODEL_LABELS, GREY } from "../palette";
import { SLOPE_ROW_STEP, slopeEstimatesFigure } from "./slope-estimates-figure";

/** Options of {@link slopeEstimates}. */
export interface SlopeEstimatesOptions extends CommonOptions {
  /** Row order: by no-pooling slope, by group size n_j, or by shrinkage distance |no − partial|. Defaults to "slope". */
  sort: "slope" | "n" | "shrinkage";
  /** Width of the no-pooling interval in standard errors. Defaults to 1.96. */
  z: number;
  /** x-axis title. Defaults to "Slope estimate". */
  xTitle: string;
}

export const slopeEstimatesDefaults: SlopeEstimatesOptions = { sort: "slope", z: 1.96, xTitle: "Slope estimate" };

/**
 * **Slope Estimates**: one row per group ("g (n=…)"), an orange no-pooling point with a ±z·SE bar,
 * a purple partial-pooling point, a grey arrow from the first to the second, vertical rules for complete
 * pooling (teal, dashed), the fixed effect (pink) and 0 (grey), and a black tick at the true slope.
 *
 * Inputs:
 * - `coefs` ({@link CoefRow}): rows with model "no" (slope, slope_se, n), "partial" (slope) and "complete"
 * - `fixef` ({@link FixefRow}, optional): the slope term's estimate is the pink rule
 * - `truth` ({@link TruthRow}, optional): `coef` of the slope term is the true group slope
 *
 * Datasets: `slope_rows` (row, order, group, n, no, no_lo, no_hi, partial, truth, dir),
 * `slope_points` (row, group, order, model_label, estimate), `slope_refs` (model_label, value), `slope_scales`
 * (one row: x0, x1 and rows, the row labels in rank under `sort`), so a new fit reorders rows without
 * changing the spec.
 */
function build(tables: Tables, options: Partial<SlopeEstimatesOptions> = {}) {
  const o = { ...slopeEstimatesDefaults, ...options };
  const coefs = coefRows(table(tables, "coefs", "slope-estimates"));
  const fx = fixefLine(optionalTable(tables, "fixef"));
  const truth = new Map<string, number>();
  for (const r of optionalTable(tables, "truth")) {
    const v = num(r.coef);
    if (r.term !== "(Intercept)" && v !== undefined) truth.set(label(r.group), v);
  }
  const groups = [...new Set(coefs.map((c) => c.group))];
  const rows = groups.map((group) => {
    const np = coefs.find((c) => c.group === group && c.model === "no");
    const pp = coefs.find((c) => c.group === group && c.model === "partial");
    const nj = np?.n ?? pp?.n;
    const se = np?.slope_se;
    return {
      row: nj === undefined ? group : `${group} (n=${nj})`,
      group, n: nj ?? null,
      no: np?.slope ?? null,
      no_lo: np && se !== undefined ? np.slope - o.z * se : null,
      no_hi: np && se !== undefined ? np.slope + o.z * se : null,
      partial: pp?.slope ?? null,
      truth: truth.get(group) ?? null,
      dir: np && pp ? (pp.slope >= np.slope ? "triangle-right" : "triangle-left") : null,
    };
  });
  const key = (r: (typeof rows)[number]) =>
    o.sort === "n" ? (r.n ?? 0) : o.sort === "shrinkage" ? Math.abs((r.no ?? r.partial ?? 0) - (r.partial ?? 0)) : (r.no ?? r.partial ?? 0);
  rows.sort((a, b) => key(a) - key(b));
  const ranked = rows.map((r, order) => ({ ...r, order }));
  const points = ranked.flatMap((r) => [
    ...(r.no === null ? [] : [{ row: r.row, group: r.group, order: r.order, model_label: MODEL_LABELS.no, estimate: r.no }]),
    ...(r.partial === null ? [] : [{ row: r.row, group: r.group, order: r.order, model_label: MODEL_LABELS.partial, estimate: r.partial }]),
  ]);
  const complete = coefs.find((c) => c.model === "complete");
  const refs = [
    ...(complete ? [{ model_label: MODEL_LABELS.complete, value: complete.slope }] : []),
    ...(fx.slope !== undefined ? [{ model_label: MODEL_LABELS.fixed, value: fx.slope }] : []),
  ];
  // The scales' domains ride in one row (a nice x range over every value drawn, and the row labels in
  // rank order): most slider moves leave it as it is, so Vega keeps its scales and axes.
  const [x0, x1] = niceExtent([0, ...refs.map((r) => r.value), ...ranked.flatMap((r) => [r.no_lo, r.no_hi, r.no, r.partial, r.truth])]);
  const scales = [{ x0, x1, rows: ranked.map((r) => r.row) }];
  // 24 px per group row: the height follows the number of groups inside Vega, so a new J is a data update.
  const width = o.width ?? 420, height = o.height ?? { step: SLOPE_ROW_STEP };
  const y = n("row", "Group", { scale: { domain: listFrom("slope_scales", "rows") } });
  const color = { field: "model_label", type: "nominal", title: "Model", scale: modelColorScale(["complete", "no", "partial", "fixed"]) };
  const layer: Json[] = [
    { data: { values: [{ zero: 0 }] }, mark: { type: "rule", color: GREY }, encoding: { x: q("zero", undefined, { scale: { domain: domainFrom("slope_scales", "x0", "x1"), nice: false, zero: false } }) } },
    ...[MODEL_LABELS.complete, MODEL_LABELS.fixed].map((lab, i) => ({
      data: { name: "slope_refs" },
      transform: [{ filter: { field: "model_label", equal: lab } }],
      mark: { type: "rule", strokeWidth: 2, strokeDash: i === 0 ? [6, 4] : [1, 0] },
      encoding: { x: q("value", o.xTitle), color },
    })),
    {
      data: { name: "slope_rows" }, transform: [{ filter: "isValid(datum.no_lo)" }],
      mark: { type: "rule", color: "#D95F02", opacity: 0.6 },
      encoding: { y, x: q("no_lo"), x2: { field: "no_hi" } },
    },
    {
      data: { name: "slope_rows" }, transform: [{ filter: "isValid(datum.no) && isValid(datum.partial)" }],
      mark: { type: "rule", color: GREY, strokeWidth: 1.5 },
      encoding: { y, x: q("no"), x2: { field: "partial" } },
    },
    {
      data: { name: "slope_rows" }, transform: [{ filter: "isValid(datum.dir)" }],
      mark: { type: "point", filled: true, color: GREY, size: 50 },
      encoding: { y, x: q("partial"), shape: { field: "dir", type: "nominal", scale: null } },
    },
    {
      data: { name: "slope_points" },
      mark: { type: "point", filled: true, size: 70, opacity: 1 },
      encoding: { y, x: q("estimate"), color, tooltip: [n("row", "Group"), n("model_label", "Model"), q("estimate", "Slope", { format: ".3f" })] },
    },
    {
      data: { name: "slope_rows" }, transform: [{ filter: "isValid(datum.truth)" }],
      mark: { type: "tick", color: "black", thickness: 2 },
      encoding: { y, x: q("truth") },
    },
    anchorLayer("slope_scales"),
  ];
  return topLevel({ width, height, layer }, { slope_rows: ranked, slope_points: points, slope_refs: refs, slope_scales: scales }, o.title ?? "Slope Estimates");
}

export const slopeEstimates: Preset<SlopeEstimatesOptions> = {
  name: "slope-estimates",
  title: "Slope Estimates",
  inputs: {
    coefs: { required: true, description: "group, model (complete|no|partial), intercept, slope, slope_se, n" },
    fixef: { required: false, description: "term, estimate: the slope term draws the pink fixed-effect rule" },
    truth: { required: false, description: "group, term, coef: true group slope (black tick)" },
  },
  defaults: slopeEstimatesDefaults,
  build,
  figure: (datasets, options = {}) => slopeEstimatesFigure(datasets, { ...slopeEstimatesDefaults, ...options }),
};
