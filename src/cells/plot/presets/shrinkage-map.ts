import type { Preset, CommonOptions } from "./types";
import type { Tables, ModelKey } from "../tables";
import { arrowAngle, coefRows, ellipse, extent, fixefLine, optionalTable, pad, randomCov, table } from "./util";
import { topLevel, size, q, n, anchorLayer, domainFrom, type Json } from "./spec";
import { niceDomain } from "./nice-domain";
import { MODEL_COLORS, MODEL_LABELS, ELLIPSE_GREY } from "../palette";
import { MODEL_SHAPES, SHRINKAGE_TITLE, shrinkageMapFigure } from "./shrinkage-map-figure";

/** Options of {@link shrinkageMap}. */
export interface ShrinkageMapOptions extends CommonOptions {
  /** Contour levels of the random-effect distribution. Defaults to .1, .3, .5, .7, .9. */
  levels: number[];
  /** Plot offsets b_j (coefficient minus fixed effect, centred at 0) instead of coefficients. Defaults to false. */
  offsets: boolean;
  /** Size the no-pooling points by n_j. Defaults to false. */
  sizeByN: boolean;
  /** Axis titles; GLMM callers say "(log-odds)" etc. */
  xTitle: string;
  yTitle: string;
}

export const shrinkageMapDefaults: ShrinkageMapOptions = {
  levels: [0.1, 0.3, 0.5, 0.7, 0.9], offsets: false, sizeByN: false,
  xTitle: "Intercept estimate", yTitle: "Slope estimate",
};


/**
 * **Shrinkage Map** (Mahr's "topographic map"): x = intercept, y = slope. Orange circles (no pooling),
 * purple triangles (partial pooling), a black arrow per group from the first to the second, a large
 * teal square (complete pooling) and a pink diamond (fixed effect, the centre of gravity), and dashed
 * grey contour ellipses of N(fixef, Σ) at the given levels (r = sqrt(−2 ln(1 − p))), labelled at
 * their lower-left. The view is clipped to the points' range, padded and rounded out as a nice scale
 * would be: the one row of `shrink_bounds`, which the x and y scale domains read (`data('shrink_bounds')`), so moving points only
 * replaces rows. Arrowhead angles (pixel space) and label positions are computed into the rows too.
 *
 * Inputs:
 * - `coefs` ({@link CoefRow}): "no", "partial" and "complete" rows (intercept, slope, n)
 * - `fixef` ({@link FixefRow}): centre of the ellipses and the pink diamond
 * - `varcorr` ({@link VarCorrRow}, optional): Σ from the first grouping factor (τ0, τ1, ρ)
 *
 * Datasets: `shrink_points` (group, model_label, intercept, slope, n), `shrink_arrows`
 * (group, x, y, x2, y2, angle), `shrink_centres` (model_label, intercept, slope),
 * `shrink_ellipses` (level, i, x, y: the contours in order, an all-null row between two), `shrink_ellipse_labels` (x, y, text), `shrink_bounds` (x0, x1, y0, y1).
 */
function build(tables: Tables, options: Partial<ShrinkageMapOptions> = {}) {
  const o = { ...shrinkageMapDefaults, ...options };
  const coefs = coefRows(table(tables, "coefs", "shrinkage-map"));
  const fx = fixefLine(optionalTable(tables, "fixef"));
  const cov = randomCov(optionalTable(tables, "varcorr"));
  const c0 = o.offsets ? 0 : (fx.intercept ?? 0), c1 = o.offsets ? 0 : (fx.slope ?? 0);
  const shift = (v: number, which: 0 | 1) => (o.offsets ? v - (which === 0 ? (fx.intercept ?? 0) : (fx.slope ?? 0)) : v);
  const points = coefs.filter((c) => c.model !== "complete").map((c) => ({
    group: c.group, model_label: MODEL_LABELS[c.model], intercept: shift(c.intercept, 0), slope: shift(c.slope, 1), n: c.n ?? null,
  }));
  const complete = coefs.find((c) => c.model === "complete");
  const centres = [
    ...(complete ? [{ model_label: MODEL_LABELS.complete, intercept: shift(complete.intercept, 0), slope: shift(complete.slope, 1) }] : []),
    ...(fx.intercept !== undefined && fx.slope !== undefined ? [{ model_label: MODEL_LABELS.fixed, intercept: c0, slope: c1 }] : []),
  ];
  // Padded, then rounded out to round ticks: a slider move rarely changes these, and a move that does
  // not leaves `shrink_bounds` untouched, so Vega keeps its scales and axes (see render-svg.ts).
  const xDom = niceDomain(...pad(extent([...points, ...centres].map((p) => p.intercept))));
  const yDom = niceDomain(...pad(extent([...points, ...centres].map((p) => p.slope))));
  const { width, height } = size(o, 420, 360);
  const arrows = [...new Set(points.map((p) => p.group))].flatMap((group) => {
    const a = points.find((p) => p.group === group && p.model_label === MODEL_LABELS.no);
    const b = points.find((p) => p.group === group && p.model_label === MODEL_LABELS.partial);
    if (!a || !b) return [];
    const angle = arrowAngle(b.intercept - a.intercept, b.slope - a.slope, xDom[1] - xDom[0], yDom[1] - yDom[0], width, height);
    return [{ group, x: a.intercept, y: a.slope, x2: b.intercept, y2: b.slope, angle }];
  });
  const contours = cov.sigma2 && fx.intercept !== undefined && fx.slope !== undefined
    ? o.levels.filter((p) => p > 0 && p < 1).map((level) => ({ level, points: ellipse([c0, c1], cov.sigma2!, level, 72) }))
    : [];
  // All contours are one path broken by an empty row between them (`invalid: "break-paths-…"`): a
  // line per level (`detail`) would make Vega run a sub-dataflow per level on every update.
  const ellipses: { level: number | null; i: number; x: number | null; y: number | null }[] = [];
  for (const { level, points: pts } of contours) {
    if (ellipses.length) ellipses.push({ level: null, i: ellipses.length, x: null, y: null });
    for (const pt of pts) ellipses.push({ level, i: ellipses.length, x: pt.x, y: pt.y });
  }
  // Label each contour at its lower-left point: the one minimising x + y in plot units.
  const labels = o.levels.flatMap((level) => {
    const pts = contours.find((c) => c.level === level)?.points ?? [];
    if (!pts.length) return [];
    const score = (e: { x: number; y: number }) => (e.x - xDom[0]) / (xDom[1] - xDom[0]) + (e.y - yDom[0]) / (yDom[1] - yDom[0]);
    const best = pts.reduce((m, e) => (score(e) < score(m) ? e : m));
    return [{ x: best.x, y: best.y, text: String(level) }];
  });
  const keys: (ModelKey | "fixed")[] = ["complete", "no", "partial", "fixed"];
  const scaleOf = (range: Record<ModelKey | "fixed", string>) => ({ domain: keys.map((k) => MODEL_LABELS[k]), range: keys.map((k) => range[k]) });
  const bounds = [{ x0: xDom[0], x1: xDom[1], y0: yDom[0], y1: yDom[1] }];
  const x = q("intercept", o.xTitle, { scale: { domain: domainFrom("shrink_bounds", "x0", "x1"), nice: false, zero: false } });
  const y = q("slope", o.yTitle, { scale: { domain: domainFrom("shrink_bounds", "y0", "y1"), nice: false, zero: false } });
  const color = n("model_label", "Model", { scale: scaleOf(MODEL_COLORS), legend: { columns: 2 } });
  const shape = n("model_label", "Model", { scale: scaleOf(MODEL_SHAPES), legend: { columns: 2 } });
  const layer: Json[] = [];
  if (optionalTable(tables, "varcorr").length) {
    layer.push({
      data: { name: "shrink_ellipses" },
      mark: { type: "line", clip: true, strokeDash: [4, 4], color: ELLIPSE_GREY, strokeWidth: 1, invalid: "break-paths-show-domains" },
      encoding: { x: q("x", o.xTitle), y: q("y", o.yTitle), order: { field: "i" } },
    }, {
      data: { name: "shrink_ellipse_labels" },
      mark: { type: "text", clip: true, color: ELLIPSE_GREY, fontSize: 9, dx: -6, dy: 6 },
      encoding: { x: q("x"), y: q("y"), text: { field: "text" } },
    });
  }
  layer.push(
    {
      data: { name: "shrink_arrows" },
      mark: { type: "rule", color: "black", strokeWidth: 1, clip: true },
      encoding: { x: q("x"), y: q("y"), x2: { field: "x2" }, y2: { field: "y2" } },
    },
    {
      data: { name: "shrink_arrows" },
      mark: { type: "point", shape: "triangle", filled: true, color: "black", size: 30, clip: true },
      encoding: { x: q("x2"), y: q("y2"), angle: { field: "angle", type: "quantitative", scale: null } },
    },
    {
      data: { name: "shrink_points" },
      mark: { type: "point", filled: true, opacity: 0.9, clip: true },
      encoding: {
        x, y, color, shape,
        size: o.sizeByN ? q("n", "n_j") : { value: 50 },
        tooltip: [n("group", "Group"), n("model_label", "Model"), q("n", "n_j"), q("intercept", "Intercept", { format: ".3f" }), q("slope", "Slope", { format: ".3f" })],
      },
    },
    {
      data: { name: "shrink_centres" },
      mark: { type: "point", filled: true, size: 220, stroke: "white", strokeWidth: 1 },
      encoding: { x, y, color, shape, tooltip: [n("model_label", "Model"), q("intercept", "Intercept", { format: ".3f" }), q("slope", "Slope", { format: ".3f" })] },
    },
  );
  layer.push(anchorLayer("shrink_bounds"));
  return topLevel({ width, height, layer }, {
    shrink_points: points, shrink_arrows: arrows, shrink_centres: centres, shrink_ellipses: ellipses, shrink_ellipse_labels: labels,
    shrink_bounds: bounds,
  }, o.title ?? SHRINKAGE_TITLE);
}

export const shrinkageMap: Preset<ShrinkageMapOptions> = {
  name: "shrinkage-map",
  title: "Shrinkage Map",
  inputs: {
    coefs: { required: true, description: "group, model (complete|no|partial), intercept, slope, n" },
    fixef: { required: true, description: "term, estimate: ellipse centre and pink diamond" },
    varcorr: { required: false, description: "grp, var1, var2, vcov, sdcor: Σ for the contour ellipses" },
  },
  defaults: shrinkageMapDefaults,
  build,
  figure: (datasets, options = {}) => shrinkageMapFigure(datasets, { ...shrinkageMapDefaults, ...options }),
};
