import type { TopLevelSpec } from "vega-lite";
import type { CommonOptions } from "./types";

export type Json = Record<string, unknown>;

export const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/** Shared look: white background, readable titles, no chart border. */
export const CONFIG: Json = {
  view: { stroke: null },
  title: { fontSize: 14, anchor: "start", subtitleFontSize: 11, subtitleColor: "#555" },
  axis: { titleFontWeight: "normal", labelFontSize: 10, titleFontSize: 11 },
  legend: { titleFontWeight: "normal", labelFontSize: 10, labelLimit: 260, orient: "top", direction: "horizontal" },
};

/**
 * Vega-Lite's default "pad" layout, recomputed on every update: a live view updated in place with new rows
 * (wider axis labels, a longer subtitle) then lays out exactly as a freshly built view would.
 */
export const AUTOSIZE: Json = { type: "pad", resize: true };

/** Wraps a body (layer, concat or facet) as a top-level spec with named datasets. */
export function topLevel(
  body: Json, datasets: Record<string, readonly Json[]>, title: string | Json, extra: Json = {},
): TopLevelSpec {
  // Keep only datasets the body reads: vega-lite drops unused ones, and `view.data(name)` would then fail.
  const names = new Set<string>();
  collectNames(body, names);
  const used = Object.fromEntries(Object.entries(datasets).filter(([name]) => names.has(name)));
  return {
    $schema: SCHEMA,
    title,
    datasets: used as Json,
    ...body,
    ...extra,
    autosize: AUTOSIZE,
    config: CONFIG,
  } as unknown as TopLevelSpec;
}

/**
 * Every string value of a `name` key in a spec: the datasets its layers read (`data: {name}`).
 * Walks `Object.keys` rather than `for...in`: V8 optimises a `for...in` body's keyed reads for one
 * object shape and throws that code away when the walk meets the next spec node (dozens of shapes),
 * which it did on most slider moves.
 */
function collectNames(node: unknown, names: Set<string>): void {
  if (node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const item of node) collectNames(item, names);
    return;
  }
  const keys = Object.keys(node);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const value = (node as Json)[key];
    if (key === "name" && typeof value === "string") names.add(value);
    else collectNames(value, names);
  }
}

export function size(o: CommonOptions, width: number, height: number): { width: number; height: number } {
  return { width: o.width ?? width, height: o.height ?? height };
}

export const q = (field: string, title?: string, extra: Json = {}): Json =>
  title === undefined ? { field, type: "quantitative", ...extra } : { field, type: "quantitative", title, ...extra };
export const n = (field: string, title?: string, extra: Json = {}): Json =>
  title === undefined ? { field, type: "nominal", ...extra } : { field, type: "nominal", title, ...extra };

// ---------------------------------------------------------------------------------------------
// Data-driven specs. A preset's spec must depend only on its options and on the *shape* of its
// tables (which tables, which groups): every value computed from the numbers lives in a dataset
// row, so a recompute that only moves numbers changes `datasets` alone and the live view is updated
// in place (`view.data(name, rows)`) instead of being rebuilt. The helpers below read one-row
// "meta" datasets from Vega expressions (`data('name')`), which re-run when the rows are replaced.

/** Vega expression: field `field` of the first row of dataset `name`, or `fallback` (an expression) when it is empty. */
export function firstRowExpr(name: string, field: string, fallback = "''"): string {
  return `length(data('${name}')) ? data('${name}')[0].${field} : ${fallback}`;
}

/** A title subtitle read from the first row of dataset `name` (field `field`). */
export function subtitleFrom(name: string, field = "subtitle"): Json {
  return { expr: firstRowExpr(name, field) };
}

/** A scale domain `[row.lo, row.hi]` read from the first row of dataset `name` ([0, 1] while it is empty). */
export function domainFrom(name: string, lo: string, hi: string): Json {
  return { expr: `length(data('${name}')) ? [data('${name}')[0].${lo}, data('${name}')[0].${hi}] : [0, 1]` };
}

const DOMAIN_FROM = /^length\(data\('([\w-]+)'\)\) \? \[data\('\1'\)\[0\]\.(\w+), data\('\1'\)\[0\]\.(\w+)\] : \[0, 1\]$/;

/** The dataset and fields of an expression {@link domainFrom} wrote, or null for any other expression. */
export function readDomainFrom(expr: string): { dataset: string; lo: string; hi: string } | null {
  const match = DOMAIN_FROM.exec(expr);
  return match ? { dataset: match[1]!, lo: match[2]!, hi: match[3]! } : null;
}

/** A discrete scale domain: the array in field `field` of the first row of dataset `name` ([] while it is empty). */
export function listFrom(name: string, field: string): Json {
  return { expr: `length(data('${name}')) ? data('${name}')[0].${field} : []` };
}

/**
 * A layer that draws nothing but keeps dataset `name` in the compiled view: Vega-Lite drops datasets no
 * layer reads, and `data('name')` (subtitles, domains) and `view.data(name, …)` need it to exist.
 */
export function anchorLayer(name: string): Json {
  return {
    data: { name },
    transform: [{ filter: "false" }],
    mark: { type: "rect", aria: false },
    encoding: { x: { value: 0 }, y: { value: 0 }, x2: { value: 0 }, y2: { value: 0 } },
  };
}

/** Sort a nominal channel or facet by the smallest `field` (a precomputed rank column in the rows). */
export const byField = (field = "order"): Json => ({ field, op: "min" });
