import type { TopLevelSpec } from "vega-lite";

/** Top-level `datasets` of a (preset-built) spec, or an empty object. */
export function specDatasets(spec: TopLevelSpec): Record<string, readonly unknown[]> {
  const d = (spec as { datasets?: Record<string, readonly unknown[]> }).datasets;
  return d && typeof d === "object" ? d : {};
}
