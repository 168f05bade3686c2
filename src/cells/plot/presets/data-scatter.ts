import type { Preset, CommonOptions } from "./types";
import type { Tables } from "../tables";
import { dataRows, groupBy, ols, table } from "./util";
import { topLevel, size, q, n, byField, anchorLayer, domainFrom, listFrom, type Json } from "./spec";
import { niceExtent } from "./nice-domain";
import { DATA_SIZE, DATA_TEXT, POINT_OPACITY, dataFigure } from "./data-figure";
import { GREY, GROUP_SCHEME } from "../palette";

/** Options of {@link dataScatter}. */
export interface DataScatterOptions extends CommonOptions {
  /** Colour points by group and draw within-group lines (the Simpson moment). Defaults to true. */
  revealGroups: boolean;
  /** Dashed black overall OLS line. Defaults to true. */
  overallLine: boolean;
  /** Side bar chart of n_j by group. Defaults to true. */
  counts: boolean;
  /** Response family: binomial jitters 0/1 outcomes and overlays binned proportions. Defaults to "gaussian". */
  family: "gaussian" | "binomial" | "poisson";
  /** Axis titles. */
  xTitle: string;
  yTitle: string;
}

export const dataScatterDefaults: DataScatterOptions = {
  revealGroups: true, overallLine: true, counts: true, family: "gaussian", xTitle: "x", yTitle: "y",
};

/** Deterministic jitter in [-0.5, 0.5) from a row index (keeps snapshots stable). */
function jitter(i: number): number {
  const s = Math.sin(i * 12.9898 + 78.233) * 43758.5453;
  return s - Math.floor(s) - 0.5;
}

/**
 * **The Data**: the raw observations coloured by group, a dashed overall OLS line, one solid
 * line per group over its x range, and a side bar chart of group sizes n_j.
 *
 * Input `data` ({@link DataRow}): `group`, `x`, `y`, optional `trials` (y is shown as y/trials).
 * Datasets: `data_points` (group, x, y, y_plot, n), `data_overall` (x, y, x2, y2),
 * `data_group_lines` (group, x, y, x2, y2), `data_counts` (group, n, order: first-seen rank), `data_binned` (x, p),
 * `data_scales` (one row: the nice domains x0, x1, y0, y1 of the scatter and n0, n1 of the counts, and
 * the groups sorted, the colour scale's domain).
 * Which layers exist depends on the options other than the family; a layer whose rows are missing
 * draws nothing (group lines and the overall line have rows for a gaussian response only, the binned
 * proportions for a binomial one).
 */
function build(tables: Tables, options: Partial<DataScatterOptions> = {}) {
  const o = { ...dataScatterDefaults, ...options };
  const rows = dataRows(table(tables, "data", "data"));
  const byGroup = groupBy(rows, (r) => r.group);
  const counts = [...byGroup].map(([group, rs], order) => ({ group, n: rs.length, order }));
  const binary = o.family === "binomial" && rows.every((r) => r.trials === undefined && (r.y === 0 || r.y === 1));
  const points = rows.map((r, i) => ({
    group: r.group, x: r.x, y: r.y, n: byGroup.get(r.group)!.length,
    y_plot: binary ? r.y + 0.12 * jitter(i) : r.y,
  }));
  const segment = (rs: { x: number; y: number }[]) => {
    const fit = ols(rs);
    if (!fit) return undefined;
    const xs = rs.map((r) => r.x);
    const x = Math.min(...xs), x2 = Math.max(...xs);
    return { x, x2, y: fit.intercept + fit.slope * x, y2: fit.intercept + fit.slope * x2 };
  };
  const overall = o.overallLine && o.family === "gaussian" ? [segment(rows)].filter((s) => s !== undefined) : [];
  const groupLines = o.revealGroups && o.family === "gaussian"
    ? [...byGroup].flatMap(([group, rs]) => { const s = segment(rs); return s ? [{ group, ...s }] : []; })
    : [];
  const binned: { x: number; p: number }[] = [];
  if (o.family === "binomial" && rows.length > 0) {
    const xs = rows.map((r) => r.x);
    const lo = Math.min(...xs), hi = Math.max(...xs), k = 10, w = (hi - lo) / k || 1;
    for (let b = 0; b < k; b++) {
      const inBin = rows.filter((r) => (b === k - 1 ? r.x >= lo + b * w : r.x >= lo + b * w && r.x < lo + (b + 1) * w));
      if (inBin.length) binned.push({ x: lo + (b + 0.5) * w, p: inBin.reduce((s, r) => s + r.y, 0) / inBin.length });
    }
  }
  const { width, height } = size(o, DATA_SIZE.width, DATA_SIZE.height);
  // Every scale's domain rides in one row, rounded out as Vega's nice scales would be (nice-domain.ts):
  // a slider move rarely changes it, so the axes stand still, and a layer without rows adds nothing.
  const [x0, x1] = niceExtent([...points.map((p) => p.x), ...overall.flatMap((l) => [l.x, l.x2]), ...groupLines.flatMap((l) => [l.x, l.x2]), ...binned.map((b) => b.x)]);
  const [y0, y1] = niceExtent([...points.map((p) => p.y_plot), ...overall.flatMap((l) => [l.y, l.y2]), ...groupLines.flatMap((l) => [l.y, l.y2]), ...binned.map((b) => b.p)]);
  const [, n1] = niceExtent([0, ...counts.map((c) => c.n)]);
  const scales = [{ x0, x1, y0, y1, n0: 0, n1, groups: [...byGroup.keys()].sort() }];
  const x = (field: string, title?: string) => q(field, title, { scale: { domain: domainFrom("data_scales", "x0", "x1"), nice: false, zero: false } });
  const y = (field: string, title?: string) => q(field, title, { scale: { domain: domainFrom("data_scales", "y0", "y1"), nice: false, zero: false } });
  const groupColor = (extra: Json = {}) => n("group", "Group", { ...extra, scale: { scheme: GROUP_SCHEME, domain: listFrom("data_scales", "groups") } });
  const layers: Json[] = [
    {
      data: { name: "data_points" },
      params: o.revealGroups ? [{ name: "pick", select: { type: "point", fields: ["group"] }, bind: "legend" }] : [],
      mark: { type: "point", filled: true, size: 40 },
      encoding: {
        x: x("x", o.xTitle),
        y: y("y_plot", o.yTitle),
        color: o.revealGroups ? groupColor() : { value: GREY },
        opacity: o.revealGroups ? { condition: { param: "pick", value: POINT_OPACITY.shown }, value: POINT_OPACITY.faded } : { value: POINT_OPACITY.shown },
        tooltip: [n("group", "Group"), q("n", "n_j"), q("x", o.xTitle), q("y", o.yTitle)],
      },
    },
  ];
  // The family decides the rows, not the layers: a family switch (the GLMM sandbox's select) then only
  // swaps rows in the chart, as a slider does.
  if (o.revealGroups) {
    layers.push({
      data: { name: "data_group_lines" },
      mark: { type: "rule", strokeWidth: 2 },
      encoding: {
        x: x("x"), y: y("y"), x2: { field: "x2" }, y2: { field: "y2" },
        color: groupColor(),
      },
    });
  }
  if (o.overallLine) {
    layers.push({
      data: { name: "data_overall" },
      mark: { type: "rule", strokeDash: [6, 4], strokeWidth: 2.5, color: "black" },
      encoding: { x: x("x"), y: y("y"), x2: { field: "x2" }, y2: { field: "y2" } },
    });
  }
  layers.push({
    data: { name: "data_binned" },
    mark: { type: "line", point: { color: "black", filled: true }, color: "black", strokeWidth: 2 },
    encoding: { x: x("x"), y: y("p") },
  });
  layers.push(anchorLayer("data_scales"));
  const scatter: Json = o.counts ? { width, height, title: DATA_TEXT.points, layer: layers } : { width, height, layer: layers };
  const bars: Json = {
    data: { name: "data_counts" },
    width: DATA_SIZE.countsWidth, height,
    title: DATA_TEXT.counts,
    mark: { type: "bar" },
    encoding: {
      y: n("group", "Group", { sort: byField() }),
      x: q("n", DATA_TEXT.countsAxis, { scale: { domain: domainFrom("data_scales", "n0", "n1"), nice: false } }),
      color: o.revealGroups ? groupColor() : { value: GREY },
    },
  };
  const body: Json = o.counts ? { hconcat: [scatter, bars], resolve: { scale: { color: "shared" } } } : scatter;
  return topLevel(body, {
    data_points: points, data_overall: overall, data_group_lines: groupLines, data_counts: counts, data_binned: binned, data_scales: scales,
  }, o.title ?? DATA_TEXT.title);
}

export const dataScatter: Preset<DataScatterOptions> = {
  name: "data",
  title: "The Data",
  inputs: {
    data: { required: true, description: "one row per observation: group, x, y[, trials]" },
  },
  defaults: dataScatterDefaults,
  build,
  figure: (datasets, options = {}) => dataFigure(datasets, { ...dataScatterDefaults, ...options }),
};
