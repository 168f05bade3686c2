import type { Tables, ModelKey } from "../tables";
import { coefRows, dataRows, extent, groupBy, table } from "./util";
import { niceDomain } from "./nice-domain";
import { AXIS_KINDS, AXIS_COLOR, GRID_COLOR, facetAxes, facetGrid, facetHeight } from "./trellis-layout";
import { topLevel, size, n, type Json } from "./spec";
import { modelColorScale, MODEL_LABELS } from "../palette";
import type { CommonOptions } from "./types";
import { trellisModels } from "./trellis-figure";

/** Options shared by the trellis presets ("no-pooling", "fit-lines"). */
export interface TrellisOptions extends CommonOptions {
  /** Models drawn as lines, in legend order. */
  models: ModelKey[];
  /** Facets per row. Defaults to 4. */
  columns: number;
  /** Draw every line over the full x range instead of the group's own range. Defaults to false. */
  extendLines: boolean;
  /** Show only the `zoom` groups with the largest no- vs partial-pooling difference (0 = all). */
  zoom: number;
  /** Facet order: by group label, by n_j, or by the no-pooling slope. Defaults to "group". */
  sort: "group" | "n" | "slope";
  /** Draw complete pooling as a faint reference line (used by "no-pooling"). */
  faintComplete: boolean;
  xTitle: string;
  yTitle: string;
}

/**
 * Builds Mahr's trellis: one facet per group with black points and one line per model over the
 * group's x range (or the full range). Groups a model cannot estimate (e.g. no pooling with n_j < 2)
 * get the note "n too small: no line".
 *
 * The facets are laid out here, not by a Vega-Lite facet: every row carries pixel positions (x, y,
 * x2, y2, with `scale: null`), and the shared axes (grid in every
 * facet, axis lines, ticks and labels under each column's lowest facet and left of each row) are
 * rows too, with the ticks and labels Vega's own axis would show (axis-ticks.ts). A Vega facet runs
 * a sub-dataflow per group, and on every slider move those took most of the chart's update; one
 * flat set of marks updates in a few operators. Each layer reads its own dataset, so a live update
 * (tuple i modified to row i) keeps every layer's draw order that of a fresh chart: `trellis` (the
 * points: group, order, dx, dy, x, y), `trellis_line` (group, order, model_label, faint, dx, dy, dx2,
 * dy2, x, y, x2, y2), `trellis_note` (group, order, text, x, y), and per axis kind ("grid", "axis",
 * "header", "xlabel", "ylabel", "xtitle", "ytitle") `trellis_<kind>` (order, x, y, x2, y2 or text);
 * `order` is the facet's position under `sort`.
 */
export function buildTrellis(tables: Tables, o: TrellisOptions, preset: string, defaultTitle: string) {
  const rows = dataRows(table(tables, "data", preset));
  const coefs = coefRows(table(tables, "coefs", preset));
  const byGroup = groupBy(rows, (r) => r.group);
  const fullX = extent(rows.map((r) => r.x));
  let groups = [...byGroup.keys()];
  const coefOf = (g: string, m: ModelKey) => coefs.find((c) => c.group === g && c.model === m);
  const span = (g: string): [number, number] => (o.extendLines ? fullX : extent(byGroup.get(g)!.map((r) => r.x)));
  if (o.zoom > 0) {
    const diff = (g: string) => {
      const a = coefOf(g, "no"), b = coefOf(g, "partial");
      if (!a || !b) return -1;
      const [x0, x1] = span(g);
      return Math.max(Math.abs(a.intercept - b.intercept + (a.slope - b.slope) * x0), Math.abs(a.intercept - b.intercept + (a.slope - b.slope) * x1));
    };
    groups = [...groups].sort((a, b) => diff(b) - diff(a)).slice(0, o.zoom);
  }
  const key = (g: string) => (o.sort === "n" ? byGroup.get(g)!.length : o.sort === "slope" ? (coefOf(g, "no")?.slope ?? Infinity) : 0);
  if (o.sort !== "group") groups = [...groups].sort((a, b) => key(a) - key(b));
  else groups = [...groups].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  const drawn = trellisModels(o);

  // The data first, in data units; the scales' nice domains are shared by every facet.
  const lines: Json[] = [];
  const notes: Json[] = [];
  const points: Json[] = [];
  for (const [order, g] of groups.entries()) {
    for (const r of byGroup.get(g)!) points.push({ kind: "point", group: g, order, dx: r.x, dy: r.y });
    const [x0, x1] = span(g);
    for (const m of drawn) {
      const c = coefOf(g, m);
      if (c && x1 > x0) {
        lines.push({ kind: "line", group: g, order, model_label: MODEL_LABELS[m], faint: m === "complete" && !o.models.includes("complete"), dx: x0, dy: c.intercept + c.slope * x0, dx2: x1, dy2: c.intercept + c.slope * x1 });
      } else if (m === "no") {
        notes.push({ kind: "note", group: g, order, text: "n too small: no line" });
      }
    }
  }
  const xs = [...points.map((r) => r.dx as number), ...lines.flatMap((r) => [r.dx as number, r.dx2 as number])];
  const ys = [...points.map((r) => r.dy as number), ...lines.flatMap((r) => [r.dy as number, r.dy2 as number])];
  const [xLo, xHi] = niceDomain(...extent(xs));
  const [yLo, yHi] = niceDomain(...extent(ys));

  const { width, height } = size(o, 150, 120);
  const grid = facetGrid(groups.length, o.columns, width, height, [xLo, xHi], [yLo, yHi]);
  for (const r of [...points, ...lines, ...notes]) {
    const order = r.order as number;
    if (r.kind === "note") Object.assign(r, { x: grid.left(order) + 2, y: grid.top(order) + 2 });
    else Object.assign(r, { x: grid.left(order) + grid.toX(r.dx as number), y: grid.top(order) + grid.toY(r.dy as number) });
    if (r.kind === "line") Object.assign(r, { x2: grid.left(order) + grid.toX(r.dx2 as number), y2: grid.top(order) + grid.toY(r.dy2 as number) });
  }
  const axes = facetAxes(grid, groups, o.xTitle, o.yTitle);

  const px = (field: string): Json => ({ field, type: "quantitative", scale: null, axis: null });
  const at = { x: px("x"), y: px("y") };
  // One dataset per layer (the points keep the name `trellis`): a live update modifies tuple i to
  // row i of the same layer, so every layer draws its items in the order a fresh chart does.
  const datasets: Record<string, Json[]> = { trellis: points, trellis_line: lines, trellis_note: notes };
  for (const r of axes) (datasets[`trellis_${r.kind as string}`] ??= []).push(r);
  for (const kind of AXIS_KINDS) datasets[`trellis_${kind}`] ??= [];
  const from = (kind: string) => ({ name: `trellis_${kind}` });
  const rule = (kind: string, color: string): Json => ({ data: from(kind), mark: { type: "rule", color, strokeWidth: 1 }, encoding: { ...at, x2: { field: "x2" }, y2: { field: "y2" } } });
  const text = (kind: string, mark: Json): Json => ({ data: from(kind), mark: { type: "text", ...mark }, encoding: { ...at, text: { field: "text" } } });
  const spec: Json = {
    // One facet's size: the other facets lie beyond it and autosize "pad" grows the view to hold them,
    // so the spec does not change with the number of groups (a slider that adds groups updates in place).
    width,
    height: facetHeight(grid),
    layer: [
      rule("grid", GRID_COLOR),
      rule("axis", AXIS_COLOR),
      text("header", { fontSize: 11, fontWeight: "bold", align: "center", baseline: "bottom" }),
      text("xlabel", { fontSize: 10, align: "center", baseline: "top" }),
      text("ylabel", { fontSize: 10, align: "right", baseline: "middle" }),
      text("xtitle", { fontSize: 11, align: "center", baseline: "top" }),
      text("ytitle", { fontSize: 11, align: "center", baseline: "bottom", angle: 270 }),
      {
        data: from("line"),
        mark: { type: "rule", strokeWidth: 1.75 },
        encoding: {
          ...at, x2: { field: "x2" }, y2: { field: "y2" },
          color: n("model_label", "Model", { scale: modelColorScale(drawn) }),
          opacity: { condition: { test: "datum.faint", value: 0.35 }, value: 1 },
        },
      },
      text("note", { fontSize: 9, color: "#D95F02", align: "left", baseline: "top" }),
      { data: { name: "trellis" }, mark: { type: "point", filled: true, color: "black", size: 18 }, encoding: at },
    ],
  };
  return topLevel(spec, datasets, o.title ?? defaultTitle);
}
