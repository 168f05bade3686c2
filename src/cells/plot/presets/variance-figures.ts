// Variance Components and Variance Across x as hand-painted figures, drawn from the specs' datasets
// (variance-components.ts, variance-function.ts) with the specs' scales.
import type { Figure, FigureMark } from "../figure/types";
import { positionScale } from "../figure/scales";
import { GREY, MODEL_COLORS } from "../palette";
import { percentLabels } from "./axis-ticks";
import { firstRow, hiddenAxis, linearAxis, rowsOf, subtitleOf, swatchLegend, vRule, type Datasets } from "./figure-parts";

export const VARIANCE_TEXT = {
  components: "Variance components",
  componentsAxis: "Share of total variance",
  function: "Variance across x",
  top: "var(y | x) by component",
  bottom: "Between-group share",
  share: "Share between groups",
  between: "Between groups",
  residual: "Residual (σ²)",
} as const;

/** The share panel's height as a fraction of the variance panel's. */
export const SHARE_PANEL_RATIO = 0.8;

/** A percent axis over [0, 1] along `pixels` (Vega's labels for format "%", or ".0%" with `decimals` 0). */
function percentAxis(title: string, pixels: number, decimals?: number) {
  const axis = linearAxis(title, [0, 1], pixels);
  return { ...axis, labels: percentLabels(axis.ticks, decimals) };
}

export function varianceComponentsFigure(datasets: Datasets, o: { title?: string; width?: number; height?: number }): Figure {
  const width = o.width ?? 420;
  const height = o.height ?? 60;
  const xAxis = { ...percentAxis(VARIANCE_TEXT.componentsAxis, width, 0), flush: true };
  const x = positionScale(xAxis, width, false);
  const parts = [...rowsOf<{ component: string; variance: number; share: number; order: number }>(datasets, "vc_parts")].sort((a, b) => a.order - b.order);
  const colors = new Map(parts.map((p, i) => [p.component, i === 0 ? MODEL_COLORS.partial : GREY]));
  const marks: FigureMark[] = [];
  // The normalised stack: each part from the running share, across the middle 90% of the height (Vega-Lite's bar without a y).
  let from = 0;
  for (const p of parts) {
    marks.push({ kind: "rect", x: x(from), y: 0.05 * height, width: x(from + p.share) - x(from), height: 0.9 * height, color: colors.get(p.component)!, opacity: 1 });
    from += p.share;
  }
  return {
    title: o.title ?? VARIANCE_TEXT.components,
    subtitle: subtitleOf(datasets, "vc_note"),
    legends: [swatchLegend("Component", colors, "square")],
    panels: [{ width, height, x: xAxis, y: hiddenAxis(height), rules: [], intervals: [], series: [], marks }],
  };
}

interface BandRow {
  x: number;
  lower: number;
  upper: number;
}

export function varianceFunctionFigure(datasets: Datasets, o: { title?: string; width?: number; height?: number; xTitle: string }): Figure {
  const s = firstRow<{ x0: number; x1: number; v0: number; v1: number }>(datasets, "vf_scales") ?? { x0: 0, x1: 1, v0: 0, v1: 1 };
  const width = o.width ?? 420;
  const height = o.height ?? 160;
  const shareHeight = Math.round(height * SHARE_PANEL_RATIO);
  const xAxis = linearAxis(o.xTitle, [s.x0, s.x1], width, { flush: true });
  const x = positionScale(xAxis, width, false);
  const varianceAxis = linearAxis("Variance", [s.v0, s.v1], height);
  const vy = positionScale(varianceAxis, height, true);
  const shareAxis = percentAxis(VARIANCE_TEXT.share, shareHeight);
  const sy = positionScale(shareAxis, shareHeight, true);

  const colors = new Map([[VARIANCE_TEXT.between, MODEL_COLORS.partial], [VARIANCE_TEXT.residual, GREY]]);
  const band = (name: string, color: string): FigureMark => ({
    kind: "area", points: rowsOf<BandRow>(datasets, name).map((r) => [x(r.x), vy(r.upper), vy(r.lower)] as const), color, opacity: 0.85,
  });
  const variance: FigureMark[] = [band("vf_between", MODEL_COLORS.partial), band("vf_residual", GREY)];

  const share: FigureMark[] = [
    { kind: "line", points: rowsOf<{ x: number; share: number }>(datasets, "vf_share").map((r) => [x(r.x), sy(r.share)] as const), color: MODEL_COLORS.partial, width: 2, opacity: 1, dash: null },
  ];
  const at = rowsOf<{ x: number; share: number; label: string }>(datasets, "vf_at");
  for (const a of at) share.push(vRule(x(a.x), shareHeight, "#444"));
  for (const a of at) share.push({ kind: "symbol", x: x(a.x), y: sy(a.share), shape: "circle", area: 50, color: "black", opacity: 0.7, tooltip: null });
  for (const a of at) share.push({ kind: "text", x: x(a.x) + 6, y: sy(a.share) - 8, text: a.label, font: "10px sans-serif", color: "black", align: "left", baseline: "middle", angle: 0 });

  return {
    title: o.title ?? VARIANCE_TEXT.function,
    subtitle: "",
    legends: [swatchLegend("Component", colors, "circle", 0.85)],
    panels: [
      { title: VARIANCE_TEXT.top, width, height, x: xAxis, y: varianceAxis, rules: [], intervals: [], series: [], marks: variance },
      { title: VARIANCE_TEXT.bottom, width, height: shareHeight, x: xAxis, y: shareAxis, rules: [], intervals: [], series: [], marks: share },
    ],
  };
}
