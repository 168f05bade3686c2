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

/** Wraps a body (layer, concat or facet) as a top-level spec with named datasets. */
export function topLevel(
  body: Json, datasets: Record<string, readonly Json[]>, title: string | Json, extra: Json = {},
): TopLevelSpec {
  // Keep only datasets the body reads: vega-lite drops unused ones, and `view.data(name)` would then fail.
  const text = JSON.stringify(body);
  const used = Object.fromEntries(Object.entries(datasets).filter(([name]) => text.includes(`"name":${JSON.stringify(name)}`)));
  return {
    $schema: SCHEMA,
    title,
    datasets: used as Json,
    ...body,
    ...extra,
    config: CONFIG,
  } as unknown as TopLevelSpec;
}

export function size(o: CommonOptions, width: number, height: number): { width: number; height: number } {
  return { width: o.width ?? width, height: o.height ?? height };
}

export const q = (field: string, title?: string, extra: Json = {}): Json =>
  title === undefined ? { field, type: "quantitative", ...extra } : { field, type: "quantitative", title, ...extra };
export const n = (field: string, title?: string, extra: Json = {}): Json =>
  title === undefined ? { field, type: "nominal", ...extra } : { field, type: "nominal", title, ...extra };
