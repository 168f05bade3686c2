// The plot cell: a chart preset or a checked Vega-Lite spec, bound to tables from input cells.
import type { TopLevelSpec } from "vega-lite";
import { boundOptions } from "../bind";
import { describeValue } from "../schema";
import { defineCellType } from "../registry";
import { checkPlot, isOptionValue, plotDefaults, plotSchema, type PlotConfig } from "./config";
import { bindTables } from "./inputs";
import { chartPresets } from "./presets";
import { specDatasets } from "./spec-datasets";
import { checkUserSpec } from "./safe-spec";
import { holdDomains } from "./held-domains";
import type { Figure } from "./figure/types";

export type { PlotConfig } from "./config";
export { chartPresets, builtinPresets, PresetRegistry } from "./presets";
export { specDatasets } from "./spec-datasets";
// Vega and Vega-Lite are loaded only when a chart is drawn (they are most of the app's weight):
// import rendering from "./render-svg" directly where it is needed.
export { checkUserSpec, expressionProblem } from "./safe-spec";

/** Value of a plot cell: the spec to embed, its dataset names and any warnings. */
export interface PlotValue {
  spec: TopLevelSpec;
  /** Dataset name → rows; push them with `updateViewData(view, value.datasets)` on recompute. */
  datasets: Record<string, readonly unknown[]>;
  warnings: string[];
  /** "preset": built by our preset code (may render with compiled expressions); "spec": the user's, interpreted. */
  source: "preset" | "spec";
  /** The chart as a figure the page paints by hand, when its preset has one (presets/types.ts `figure`). */
  figure?: Figure;
}

/** Options driven by input cells obey the rule of options written in the file ({@link isOptionValue}). */
function scalarOptions(bound: Record<string, unknown>): Record<string, unknown> {
  for (const [option, value] of Object.entries(bound))
    if (!isOptionValue(value))
      throw new Error(`bind.${option}: a chart option takes a number, string or boolean (or a list of them), not ${describeValue(value)}`);
  return bound;
}

/**
 * Pure core of the plot cell, also used by tests and the CLI. `heldFrom`: a drag step's previous value,
 * whose axes the chart keeps where they still fit (./held-domains.ts).
 */
export function computePlot(config: PlotConfig, inputs: Parameters<typeof bindTables>[0], heldFrom?: unknown): PlotValue {
  if (config.preset !== undefined) {
    const preset = chartPresets.get(config.preset);
    const { tables, errors } = bindTables(inputs, Object.keys(preset.inputs), config.tables);
    if (errors.length) throw new Error(errors.join("; "));
    const bound = scalarOptions(boundOptions(config.bind, "explicit", inputs));
    const options = { ...(config.options ?? {}), ...bound } as never;
    const spec = preset.build(tables, options);
    let value: PlotValue = { spec, datasets: specDatasets(spec), warnings: [], source: "preset" };
    if (heldFrom !== undefined) value = holdDomains(value, heldFrom);
    return preset.figure ? { ...value, figure: preset.figure(value.datasets, options) } : value;
  }
  const checked = checkUserSpec(config.spec);
  if (!checked.ok) throw new Error(`the chart spec was refused: ${checked.errors.map((e) => `${e.path || "(spec)"}: ${e.message}`).join("; ")}`);
  const bound = bindTables(inputs, Object.keys(config.tables ?? {}), config.tables);
  if (bound.errors.length) throw new Error(bound.errors.join("; "));
  const own = (checked.spec.datasets ?? {}) as Record<string, unknown[]>;
  const datasets = { ...own, ...(bound.tables as Record<string, unknown[]>) };
  const spec = { ...checked.spec, datasets } as unknown as TopLevelSpec;
  return { spec, datasets, warnings: checked.removed.map((r) => `${r.path}: ${r.message}`), source: "spec" };
}

export const plot = defineCellType<PlotConfig, PlotValue>({
  name: "plot",
  title: "Plot",
  description: "A chart: one of the teaching presets or a Vega-Lite spec, drawn from tables of other cells.",
  config: plotSchema,
  defaults: plotDefaults,
  inputs: { min: 0, max: 8 },
  check: checkPlot,
  // While a slider is dragged the axes stand still where they can (./held-domains.ts); the release recomputes them.
  compute: (config, inputs, context) => computePlot(config, inputs, context.draft ? context.previous : undefined),
  summary: (value, config) => ({
    preset: config.preset ?? null,
    datasets: Object.fromEntries(Object.entries(value.datasets).map(([k, v]) => [k, v.length])),
    warnings: value.warnings,
  }),
  svg: async (value) => (await (await import("./render-svg")).renderSvg(value.spec)).svg,
});
