// The Shrinkage Map as a hand-painted figure, drawn from the spec's datasets (shrinkage-map.ts) with
// the spec's scales: intercept and slope over `shrink_bounds`, the contours, arrows and points cut off
// at the plot's edges, and the spec's legends (models by colour and shape; n_j by size).
import type { Figure, FigureLegend, FigureMark, SymbolShape } from "../figure/types";
import { ELLIPSE_GREY, MODEL_COLORS, MODEL_LABELS } from "../palette";
import type { ModelKey } from "../tables";
import { linearTicks } from "./axis-ticks";
import { firstRow, picked, rowsOf, xyAxes, type Datasets } from "./figure-parts";
import { isFiniteNumber } from "./util";

export const MODEL_SHAPES: Readonly<Record<ModelKey | "fixed", SymbolShape>> = { complete: "square", no: "circle", partial: "triangle-up", fixed: "diamond" };
const KEYS: readonly (ModelKey | "fixed")[] = ["complete", "no", "partial", "fixed"];
/** Vega-Lite's size range for points sized by a field (px²), and the size of a point that is not. */
const SIZE_RANGE = [4, 361] as const;
const POINT_SIZE = 50;
export const SHRINKAGE_TITLE = "Pooling of regression parameters";

interface PointRow {
  group: string;
  model_label: string;
  intercept: number;
  slope: number;
  n: number | null;
}

const fixed3 = (v: number): string => v.toFixed(3);

export function shrinkageMapFigure(datasets: Datasets, o: { title?: string; width?: number; height?: number; sizeByN: boolean; xTitle: string; yTitle: string }): Figure {
  const b = firstRow<{ x0: number; x1: number; y0: number; y1: number }>(datasets, "shrink_bounds") ?? { x0: 0, x1: 1, y0: 0, y1: 1 };
  const width = o.width ?? 420;
  const height = o.height ?? 360;
  const { xAxis, yAxis, x, y } = xyAxes({ title: o.xTitle, domain: [b.x0, b.x1] }, { title: o.yTitle, domain: [b.y0, b.y1] }, width, height);
  const colorOf = new Map(KEYS.map((k) => [MODEL_LABELS[k], MODEL_COLORS[k]]));
  const shapeOf = new Map(KEYS.map((k) => [MODEL_LABELS[k], MODEL_SHAPES[k]]));
  const points = rowsOf<PointRow>(datasets, "shrink_points");
  // The size scale: linear from 0 to the largest n_j onto Vega-Lite's range.
  const nMax = Math.max(0, ...points.flatMap((p) => (isFiniteNumber(p.n) ? [p.n] : [])));
  const size = (n: number) => (nMax > 0 ? SIZE_RANGE[0] + ((SIZE_RANGE[1] - SIZE_RANGE[0]) * n) / nMax : SIZE_RANGE[0]);

  const marks: FigureMark[] = [];
  // The contours: one path broken at the rows without a point between two levels.
  let contour: (readonly [number, number])[] = [];
  const endContour = () => {
    if (contour.length) marks.push({ kind: "line", points: contour, color: ELLIPSE_GREY, width: 1, opacity: 1, dash: [4, 4], clip: true });
    contour = [];
  };
  for (const e of rowsOf<{ x: number | null; y: number | null }>(datasets, "shrink_ellipses")) {
    if (typeof e.x === "number" && typeof e.y === "number") contour.push([x(e.x), y(e.y)]);
    else endContour();
  }
  endContour();
  for (const l of rowsOf<{ x: number; y: number; text: string }>(datasets, "shrink_ellipse_labels")) {
    marks.push({ kind: "text", x: x(l.x) - 6, y: y(l.y) + 6, text: l.text, font: "9px sans-serif", color: ELLIPSE_GREY, align: "center", baseline: "middle", angle: 0, clip: true });
  }
  const arrows = rowsOf<{ group: string; x: number; y: number; x2: number; y2: number; angle: number }>(datasets, "shrink_arrows");
  for (const a of arrows) marks.push({ kind: "segment", x: x(a.x), y: y(a.y), x2: x(a.x2), y2: y(a.y2), color: "black", width: 1, opacity: 1, dash: null, clip: true, ...picked(a.group, 1) });
  for (const a of arrows) marks.push({ kind: "symbol", x: x(a.x2), y: y(a.y2), shape: "triangle", area: 30, color: "black", opacity: 0.7, tooltip: null, angle: a.angle, clip: true, ...picked(a.group, 0.7) });
  for (const p of points) {
    const n = isFiniteNumber(p.n) ? p.n : null;
    marks.push({
      kind: "symbol", x: x(p.intercept), y: y(p.slope), shape: shapeOf.get(p.model_label) ?? "circle", area: o.sizeByN ? (n === null ? 0 : size(n)) : POINT_SIZE,
      color: colorOf.get(p.model_label) ?? "#888", opacity: 0.9, clip: true, ...picked(p.group, 0.9),
      tooltip: [["Group", p.group], ["Model", p.model_label], ["n_j", n === null ? "" : String(n)], ["Intercept", fixed3(p.intercept)], ["Slope", fixed3(p.slope)]],
    });
  }
  for (const c of rowsOf<{ model_label: string; intercept: number; slope: number }>(datasets, "shrink_centres")) {
    marks.push({
      kind: "symbol", x: x(c.intercept), y: y(c.slope), shape: shapeOf.get(c.model_label) ?? "circle", area: 220, color: colorOf.get(c.model_label) ?? "#888", opacity: 0.7,
      stroke: { color: "white", width: 1 }, tooltip: [["Model", c.model_label], ["Intercept", fixed3(c.intercept)], ["Slope", fixed3(c.slope)]],
    });
  }

  const legends: FigureLegend[] = [{
    title: "Model", columns: 2,
    entries: KEYS.map((k) => ({ label: MODEL_LABELS[k], color: MODEL_COLORS[k], symbol: { kind: "shape", shape: MODEL_SHAPES[k], opacity: 0.9, outline: null } })),
  }];
  if (o.sizeByN && nMax > 0) {
    legends.push({
      title: "n_j",
      entries: linearTicks(0, nMax, 5).map((v) => ({ label: String(v), color: "black", symbol: { kind: "shape", shape: "circle", opacity: 0.81, outline: "transparent", area: size(v) } })),
    });
  }
  return { title: o.title ?? SHRINKAGE_TITLE, subtitle: "", legends, panels: [{ width, height, x: xAxis, y: yAxis, rules: [], intervals: [], series: [], marks }] };
}
