// Slope Estimates as a hand-painted figure, drawn from the spec's datasets (slope-estimates.ts) with
// the spec's scales: x over `slope_scales`' [x0, x1], one 24 px band per row in `slope_scales`' order.
import type { Figure, FigureMark } from "../figure/types";
import { positionScale } from "../figure/scales";
import { GREY, MODEL_COLORS, MODEL_LABELS } from "../palette";
import { bandAxis, bandRows, bandTick, colorLegend, firstRow, linearAxis, picked, rowsOf, vRule, type Datasets } from "./figure-parts";
import { isFiniteNumber } from "./util";

interface SlopeRow {
  row: string;
  group: string;
  no: number | null;
  no_lo: number | null;
  no_hi: number | null;
  partial: number | null;
  truth: number | null;
  dir: "triangle-left" | "triangle-right" | null;
}

/** Px per group row when the height is not given (the spec's `{ step: 24 }`). */
export const SLOPE_ROW_STEP = 24;

export function slopeEstimatesFigure(datasets: Datasets, o: { title?: string; width?: number; height?: number; xTitle: string }): Figure {
  const scales = firstRow<{ x0: number; x1: number; rows: string[] }>(datasets, "slope_scales") ?? { x0: 0, x1: 1, rows: [] };
  const rows = scales.rows;
  const width = o.width ?? 420;
  const height = o.height ?? SLOPE_ROW_STEP * rows.length;
  const xAxis = linearAxis(o.xTitle, [scales.x0, scales.x1], width, { flush: true });
  const yAxis = bandAxis("Group", rows, 0, 0);
  const x = positionScale(xAxis, width, false);
  const { step, top, centre } = bandRows(rows, height);

  const marks: FigureMark[] = [];
  const across = (value: number, color: string, width: number, dash: readonly number[] | null) => marks.push(vRule(x(value), height, color, dash, width));
  across(0, GREY, 1, null);
  const refs = rowsOf<{ model_label: string; value: number }>(datasets, "slope_refs");
  for (const r of refs) if (r.model_label === MODEL_LABELS.complete) across(r.value, MODEL_COLORS.complete, 2, [6, 4]);
  for (const r of refs) if (r.model_label === MODEL_LABELS.fixed) across(r.value, MODEL_COLORS.fixed, 2, null);
  const slopeRows = rowsOf<SlopeRow>(datasets, "slope_rows");
  for (const r of slopeRows) {
    if (isFiniteNumber(r.no_lo)) marks.push({ kind: "segment", x: x(r.no_lo), y: centre(r.row), x2: x(r.no_hi!), y2: centre(r.row), color: MODEL_COLORS.no, width: 1, opacity: 0.6, dash: null, ...picked(r.group, 0.6) });
  }
  for (const r of slopeRows) {
    if (isFiniteNumber(r.no) && isFiniteNumber(r.partial)) marks.push({ kind: "segment", x: x(r.no), y: centre(r.row), x2: x(r.partial), y2: centre(r.row), color: GREY, width: 1.5, opacity: 1, dash: null, ...picked(r.group, 1) });
  }
  for (const r of slopeRows) {
    if (r.dir) marks.push({ kind: "symbol", x: x(r.partial!), y: centre(r.row), shape: r.dir, area: 50, color: GREY, opacity: 0.7, tooltip: null, ...picked(r.group, 0.7) });
  }
  const colors = new Map((["complete", "no", "partial", "fixed"] as const).map((m) => [MODEL_LABELS[m], MODEL_COLORS[m]]));
  for (const p of rowsOf<{ row: string; group: string; model_label: string; estimate: number }>(datasets, "slope_points")) {
    marks.push({
      kind: "symbol", x: x(p.estimate), y: centre(p.row), shape: "circle", area: 70, color: colors.get(p.model_label) ?? GREY, opacity: 1, ...picked(p.group, 1),
      tooltip: [["Group", p.row], ["Model", p.model_label], ["Slope", p.estimate.toFixed(3)]],
    });
  }
  for (const r of slopeRows) if (isFiniteNumber(r.truth)) marks.push({ ...bandTick(x(r.truth), top(r.row), step), ...picked(r.group, 0.7) });
  return {
    title: o.title ?? "Slope Estimates",
    subtitle: "",
    legends: [colorLegend("Model", [...colors].map(([label, color]) => [label, color, "circle"] as const), 1)],
    panels: [{ width, height, x: xAxis, y: yAxis, rules: [], intervals: [], series: [], marks }],
  };
}
