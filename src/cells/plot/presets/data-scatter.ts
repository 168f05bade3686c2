import type { Preset, CommonOptions } from "./types";
import type { Tables } from "../tables";
import { dataRows, groupBy, ols, table } from "./util";
import { topLevel, size, q, n, byField, type Json } from "./spec";
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
 * `data_group_lines` (group, x, y, x2, y2), `data_counts` (group, n, order: first-seen rank), `data_binned` (x, p).
 * Which layers exist depends on the options only; a layer whose rows are missing draws nothing.
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
  const { width, height } = size(o, 380, 300);
  const layers: Json[] = [
    {
      data: { name: "data_points" },
      params: o.revealGroups ? [{ name: "pick", select: { type: "point", fields: ["group"] }, bind: "legend" }] : [],
      mark: { type: "point", filled: true, size: 40 },
      encoding: {
        x: q("x", o.xTitle),
        y: q("y_plot", o.yTitle),
        color: o.revealGroups ? n("group", "Group", { scale: { scheme: GROUP_SCHEME } }) : { value: GREY },
        opacity: o.revealGroups ? { condition: { param: "pick", value: 0.6 }, value: 0.1 } : { value: 0.6 },
        tooltip: [n("group", "Group"), q("n", "n_j"), q("x", o.xTitle), q("y", o.yTitle)],
      },
    },
  ];
  if (o.revealGroups && o.family === "gaussian") {
    layers.push({
      data: { name: "data_group_lines" },
      mark: { type: "rule", strokeWidth: 2 },
      encoding: {
        x: q("x"), y: q("y"), x2: { field: "x2" }, y2: { field: "y2" },
        color: { field: "group", type: "nominal", scale: { scheme: GROUP_SCHEME } },
      },
    });
  }
  if (o.overallLine && o.family === "gaussian") {
    layers.push({
      data: { name: "data_overall" },
      mark: { type: "rule", strokeDash: [6, 4], strokeWidth: 2.5, color: "black" },
      encoding: { x: q("x"), y: q("y"), x2: { field: "x2" }, y2: { field: "y2" } },
    });
  }
  if (o.family === "binomial") {
    layers.push({
      data: { name: "data_binned" },
      mark: { type: "line", point: true, color: "black", strokeWidth: 2 },
      encoding: { x: q("x"), y: q("p") },
    });
  }
  const scatter: Json = o.counts ? { width, height, title: "Observations", layer: layers } : { width, height, layer: layers };
  const bars: Json = {
    data: { name: "data_counts" },
    width: 120, height,
    title: "Group sizes",
    mark: { type: "bar" },
    encoding: {
      y: n("group", "Group", { sort: byField() }),
      x: q("n", "n_j (observations)"),
      color: o.revealGroups ? { field: "group", type: "nominal", scale: { scheme: GROUP_SCHEME } } : { value: GREY },
    },
  };
  const body: Json = o.counts ? { hconcat: [scatter, bars], resolve: { scale: { color: "shared" } } } : scatter;
  return topLevel(body, {
    data_points: points, data_overall: overall, data_group_lines: groupLines, data_counts: counts, data_binned: binned,
  }, o.title ?? "The Data");
}

export const dataScatter: Preset<DataScatterOptions> = {
  name: "data",
  title: "The Data",
  inputs: {
    data: { required: true, description: "one row per observation: group, x, y[, trials]" },
  },
  defaults: dataScatterDefaults,
  build,
};
