// The Random Effects Scatter as a hand-painted figure, drawn from the spec's datasets
// (random-effects-scatter.ts) with the spec's scales: b0j and b1j over `re_meta`'s padded ranges.
import type { Figure, FigureMark } from "../figure/types";
import { ELLIPSE_GREY, GREY, MODEL_COLORS } from "../palette";
import { colorLegend, firstRow, picked, rowsOf, swatchLegend, vRule, xyAxes, type Datasets } from "./figure-parts";

interface Meta {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  zero: number;
  subtitle: string;
  y_title: string;
}

export const RE_SCATTER_TITLE = "Random effects: intercept vs slope deviations";
/** The legend's two entries: the estimates (filled purple) and the true effects (grey rings). */
export const RE_SCATTER_COLORS: ReadonlyMap<string, string> = new Map([["BLUP (estimate)", MODEL_COLORS.partial], ["True b_j", "#999999"]]);

export function randomEffectsScatterFigure(datasets: Datasets, o: { title?: string; width?: number; height?: number; xTitle: string }): Figure {
  const m = firstRow<Meta>(datasets, "re_meta") ?? { x0: -1, x1: 1, y0: -1, y1: 1, zero: 0, subtitle: "", y_title: "" };
  const width = o.width ?? 380;
  const height = o.height ?? 340;
  const { xAxis, yAxis, x, y } = xyAxes({ title: o.xTitle, domain: [m.x0, m.x1] }, { title: m.y_title, domain: [m.y0, m.y1] }, width, height);
  const marks: FigureMark[] = [
    vRule(x(m.zero), height, GREY, [2, 2]),
    { kind: "segment", x: 0, y: y(m.zero), x2: width, y2: y(m.zero), color: GREY, width: 1, opacity: 1, dash: [2, 2] },
  ];
  const ellipse = [...rowsOf<{ i: number; x: number; y: number }>(datasets, "re_ellipse")].sort((a, b) => a.i - b.i);
  if (ellipse.length) marks.push({ kind: "line", points: ellipse.map((e) => [x(e.x), y(e.y)] as const), color: ELLIPSE_GREY, width: 2, opacity: 1, dash: [4, 4] });
  const truth = rowsOf<{ b0: number; b1: number; est_b0: number; est_b1: number }>(datasets, "re_truth");
  for (const t of truth) marks.push({ kind: "segment", x: x(t.b0), y: y(t.b1), x2: x(t.est_b0), y2: y(t.est_b1), color: "#aaaaaa", width: 1, opacity: 1, dash: null });
  // The true effects as rings: Vega-Lite's unfilled point, outlined in the legend's grey.
  for (const t of truth) {
    marks.push({ kind: "symbol", x: x(t.b0), y: y(t.b1), shape: "circle", area: 60, color: "transparent", opacity: 0.7, tooltip: null, stroke: { color: "#999999", width: 1.5 } });
  }
  for (const p of rowsOf<{ group: string; b0: number; b1: number }>(datasets, "re_points")) {
    marks.push({
      kind: "symbol", x: x(p.b0), y: y(p.b1), shape: "circle", area: 55, color: MODEL_COLORS.partial, opacity: 0.7, ...picked(p.group, 0.7),
      tooltip: [["Group", p.group], ["b0j", p.b0.toFixed(3)], ["b1j", p.b1.toFixed(3)]],
    });
  }
  return {
    title: o.title ?? RE_SCATTER_TITLE,
    subtitle: m.subtitle,
    // The rings' layer colours by stroke, and then Vega outlines the legend's symbols too.
    legends: [truth.length ? colorLegend(null, [...RE_SCATTER_COLORS].map(([label, color]) => [label, color, "circle"] as const)) : swatchLegend(null, RE_SCATTER_COLORS, "circle", 0.7)],
    panels: [{ width, height, x: xAxis, y: yAxis, rules: [], intervals: [], series: [], marks }],
  };
}
