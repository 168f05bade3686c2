import type { Tables, ModelKey } from "../tables";
import { coefRows, dataRows, extent, groupBy, table } from "./util";
import { niceDomain } from "./nice-domain";
import { topLevel, size, q, n, domainFrom, type Json } from "./spec";
import { modelColorScale, MODEL_LABELS } from "../palette";
import type { CommonOptions } from "./types";

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
 * get the note "n too small: no line". Everything lives in one dataset, `trellis`
 * (kind = "point" | "line" | "note"; group, order, x, y, x2, y2, model_label, faint, text), because facets
 * share data. Facets are the positions 0, 1, ... (the rows' `order`: the group's rank under `sort`); the
 * dataset opens with one "name" row per position, in order, from which each header reads its group's
 * name (`data('trellis')[position]`) and the scales their domains (computed here, see nice-domain.ts),
 * so neither the groups shown
 * (`zoom`) nor their order is written into the spec. Faceting by position, not by group, matters for
 * live charts: Vega keeps the facet cells of an in-place update in the order they were first created,
 * so a slider move that reorders the groups (sort by n_j) would leave the facets in a stale order.
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
  const drawn: ModelKey[] = [...new Set([...(o.faintComplete ? (["complete"] as ModelKey[]) : []), ...o.models])];
  const out: Json[] = groups.map((group, order) => ({ kind: "name", group, order }));
  for (const [order, g] of groups.entries()) {
    const rs = byGroup.get(g)!;
    for (const r of rs) out.push({ kind: "point", group: g, order, x: r.x, y: r.y });
    const [x0, x1] = span(g);
    for (const m of drawn) {
      const c = coefOf(g, m);
      if (c && x1 > x0) {
        out.push({ kind: "line", group: g, order, model_label: MODEL_LABELS[m], faint: m === "complete" && !o.models.includes("complete"), x: x0, y: c.intercept + c.slope * x0, x2: x1, y2: c.intercept + c.slope * x1 });
      } else if (m === "no") {
        out.push({ kind: "note", group: g, order, text: "n too small: no line" });
      }
    }
  }
  // The shared scales' domains, as Vega's nice linear scale would compute them, ride on the name rows.
  const [dx0, dx1] = niceDomain(...extent(out.flatMap((r) => (r.kind === "point" ? [r.x as number] : r.kind === "line" ? [r.x as number, r.x2 as number] : []))));
  const [dy0, dy1] = niceDomain(...extent(out.flatMap((r) => (r.kind === "point" ? [r.y as number] : r.kind === "line" ? [r.y as number, r.y2 as number] : []))));
  for (const r of out) if (r.kind === "name") Object.assign(r, { dx0, dx1, dy0, dy1 });
  const x = q("x", o.xTitle, { scale: { domain: domainFrom("trellis", "dx0", "dx1"), nice: false, zero: false } });
  const y = q("y", o.yTitle, { scale: { domain: domainFrom("trellis", "dy0", "dy1"), nice: false, zero: false } });
  const { width, height } = size(o, 150, 120);
  const color = n("model_label", "Model", { scale: modelColorScale(drawn) });
  const spec: Json = {
    facet: {
      field: "order", type: "ordinal", title: null, sort: "ascending",
      header: { labelFontSize: 11, labelFontWeight: "bold", labelExpr: "datum.value < length(data('trellis')) ? data('trellis')[datum.value].group : ''" },
    },
    columns: o.columns,
    spec: {
      width, height,
      layer: [
        {
          transform: [{ filter: "datum.kind === 'line'" }],
          mark: { type: "rule", strokeWidth: 1.75 },
          encoding: {
            x, y, x2: { field: "x2" }, y2: { field: "y2" }, color,
            opacity: { condition: { test: "datum.faint", value: 0.35 }, value: 1 },
          },
        },
        { transform: [{ filter: "datum.kind === 'point'" }], mark: { type: "point", filled: true, color: "black", size: 18 }, encoding: { x, y } },
        {
          transform: [{ filter: "datum.kind === 'note'" }],
          mark: { type: "text", fontSize: 9, color: "#D95F02", align: "left", baseline: "top" },
          encoding: { x: { value: 2 }, y: { value: 2 }, text: { field: "text" } },
        },
      ],
    },
    data: { name: "trellis" },
  };
  return topLevel(spec, { trellis: out }, o.title ?? defaultTitle);
}
