// Model Comparison as a hand-painted figure, drawn from the spec's datasets (model-comparison.ts) with
// the spec's scales: Δ along x over `mc_scales`' [x0, x1]; a band per model (Vega-Lite's band scale
// with an offset channel: inner and outer padding 0.2), split into one row per criterion.
import type { Figure, FigureMark, Tooltip } from "../figure/types";
import { positionScale } from "../figure/scales";
import { bandAxis, colorLegend, firstRow, linearAxis, rowsOf, shapeLegend, vRule, type Datasets } from "./figure-parts";
import { isFiniteNumber } from "./util";

interface ComparisonRow {
  model: string;
  criterion: string;
  value: number;
  delta: number;
  best: string;
  npar: number | null;
  logLik: number | null;
  Chisq: number | null;
  Df: number | null;
  p: number | null;
}

/** The criteria's colours, as the spec's scale names them. */
export const CRITERION_COLORS: ReadonlyMap<string, string> = new Map([["AIC", "#1f77b4"], ["BIC", "#ff7f0e"]]);
export const MODEL_COMPARISON_TITLE = "Model comparison";
export const MODEL_COMPARISON_SUBTITLE = "models refitted with ML; ΔAIC within 2 is not a meaningful difference";

/** Vega-Lite's band padding for a nominal y with an offset channel (inner and outer). */
const BAND_PADDING = 0.2;

/** Px per model row when the height is not given, and the least height. */
export const comparisonHeight = (models: number): number => Math.max(100, 34 * models);

function tooltip(r: ComparisonRow): Tooltip {
  const lines: [string, string][] = [["Model", r.model], ["Criterion", r.criterion], ["Value", r.value.toFixed(1)], ["Δ", r.delta.toFixed(1)]];
  const optional: [string, number | null, (v: number) => string][] = [
    ["npar", r.npar, String], ["logLik", r.logLik, (v) => v.toFixed(2)], ["Chisq", r.Chisq, (v) => v.toFixed(2)], ["Df", r.Df, String],
    ["p (LRT, conservative at a boundary)", r.p, (v) => v.toPrecision(3)],
  ];
  for (const [name, v, format] of optional) if (isFiniteNumber(v)) lines.push([name, format(v)]);
  return lines;
}

export function modelComparisonFigure(datasets: Datasets, o: { title?: string; width?: number; height?: number; criteria: readonly string[] }): Figure {
  const scales = firstRow<{ x0: number; x1: number; models: string[] }>(datasets, "mc_scales") ?? { x0: 0, x1: 1, models: [] };
  const models = scales.models;
  const width = o.width ?? 380;
  const height = o.height ?? comparisonHeight(models.length);
  const xAxis = linearAxis("Δ from the best model (0 = best)", [scales.x0, scales.x1], width, { flush: true });
  const yAxis = bandAxis("Model", models, BAND_PADDING, BAND_PADDING);
  const x = positionScale(xAxis, width, false);
  const step = models.length ? height / (models.length - BAND_PADDING + 2 * BAND_PADDING) : 0;
  const bandwidth = step * (1 - BAND_PADDING);
  const index = new Map(models.map((m, i) => [m, i]));
  const offset = new Map(o.criteria.map((c, i) => [c, (i + 0.5) * (bandwidth / o.criteria.length)]));
  const rowY = (r: ComparisonRow) => step * BAND_PADDING + (index.get(r.model) ?? 0) * step + (offset.get(r.criterion) ?? bandwidth / 2);

  const marks: FigureMark[] = [];
  for (const v of [0, 2]) marks.push(vRule(x(v), height, "#999"));
  const rows = rowsOf<ComparisonRow>(datasets, "mc_rows");
  for (const r of rows) marks.push({ kind: "segment", x: x(0), y: rowY(r), x2: x(r.delta), y2: rowY(r), color: CRITERION_COLORS.get(r.criterion) ?? "#888", width: 2, opacity: 1, dash: null });
  for (const r of rows) {
    marks.push({
      kind: "symbol", x: x(r.delta), y: rowY(r), shape: r.best === "Best model" ? "diamond" : "circle", area: 80,
      color: CRITERION_COLORS.get(r.criterion) ?? "#888", opacity: 0.7, tooltip: tooltip(r),
    });
  }
  return {
    title: o.title ?? MODEL_COMPARISON_TITLE,
    subtitle: MODEL_COMPARISON_SUBTITLE,
    legends: [
      colorLegend("Criterion", [...CRITERION_COLORS].map(([label, color]) => [label, color, "circle"] as const)),
      shapeLegend(null, [["Best model", "diamond"], ["Other", "circle"]]),
    ],
    panels: [{ width, height, x: xAxis, y: yAxis, rules: [], intervals: [], series: [], marks }],
  };
}
