// Complete Pooling as a hand-painted figure, drawn from the spec's datasets (complete-pooling.ts) with
// the spec's scales (`cp_scales`): the scatter with the pooled line and its band above, the residuals'
// min-max box plots by group below, each panel titled as the spec's concat cells are.
import type { Figure, FigureMark } from "../figure/types";
import { positionScale } from "../figure/scales";
import { MODEL_COLORS, MODEL_LABELS, TABLEAU10 } from "../palette";
import { bandAxis, firstRow, linearAxis, picked, rowsOf, strokeLegend, xyAxes, type Datasets } from "./figure-parts";
import { isFiniteNumber } from "./util";

interface Scales {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  r0: number;
  r1: number;
  groups: string[];
}

interface LineRow {
  x: number;
  estimate: number;
  conf_low: number | null;
  conf_high: number | null;
}

interface BoxRow {
  group: string;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
}

export const COMPLETE_POOLING_TEXT = { title: "Complete pooling", top: "One line for everyone", bottom: "Residuals by group" } as const;
/** Height of the residuals' panel and width of a box, px. */
export const RESIDUALS_HEIGHT = 160;
export const BOX_WIDTH = 14;

export function completePoolingFigure(datasets: Datasets, o: { title?: string; width?: number; height?: number; xTitle: string; yTitle: string }): Figure {
  const s = firstRow<Scales>(datasets, "cp_scales") ?? { x0: 0, x1: 1, y0: 0, y1: 1, r0: 0, r1: 1, groups: [] };
  const width = o.width ?? 420;
  const height = o.height ?? 260;
  const { xAxis, yAxis, x, y } = xyAxes({ title: o.xTitle, domain: [s.x0, s.x1] }, { title: o.yTitle, domain: [s.y0, s.y1] }, width, height);

  const scatter: FigureMark[] = [];
  const line = rowsOf<LineRow>(datasets, "cp_line");
  // The band is drawn whenever the spec has its layer: when the rows carry limits.
  const band = line.filter((r) => isFiniteNumber(r.conf_low));
  if (band.length) scatter.push({ kind: "area", points: band.map((r) => [x(r.x), y(r.conf_low!), y(r.conf_high!)] as const), color: MODEL_COLORS.complete, opacity: 0.2 });
  for (const p of rowsOf<{ group: string; x: number; y: number }>(datasets, "cp_points")) {
    scatter.push({ kind: "symbol", x: x(p.x), y: y(p.y), shape: "circle", area: 30, color: "#777", opacity: 0.6, tooltip: [["Group", p.group], ["x", String(p.x)], ["y", String(p.y)]], ...picked(p.group, 0.6) });
  }
  if (line.length) scatter.push({ kind: "line", points: line.map((r) => [x(r.x), y(r.estimate)] as const), color: MODEL_COLORS.complete, width: 2.5, opacity: 1, dash: null });

  const groupAxis = { ...bandAxis("Group", s.groups, 0, 0), reverse: false, uprightLabels: true };
  const residualAxis = linearAxis("Residual", [s.r0, s.r1], RESIDUALS_HEIGHT);
  const gx = positionScale(groupAxis, width, false);
  const ry = positionScale(residualAxis, RESIDUALS_HEIGHT, true);
  const index = new Map(s.groups.map((g, i) => [g, i]));
  const boxes = rowsOf<BoxRow>(datasets, "cp_box");
  const residuals: FigureMark[] = [];
  const centre = (g: string) => gx(index.get(g) ?? 0);
  for (const b of boxes) residuals.push({ kind: "segment", x: centre(b.group), y: ry(b.min), x2: centre(b.group), y2: ry(b.max), color: "black", width: 1, opacity: 1, dash: null });
  for (const b of boxes) {
    const top = ry(b.q3);
    residuals.push({ kind: "rect", x: centre(b.group) - BOX_WIDTH / 2, y: top, width: BOX_WIDTH, height: ry(b.q1) - top, color: TABLEAU10[(index.get(b.group) ?? 0) % TABLEAU10.length]!, opacity: 1 });
  }
  // Vega-Lite's tick: a 1 px bar, 70% opaque.
  for (const b of boxes) residuals.push({ kind: "rect", x: centre(b.group) - BOX_WIDTH / 2, y: ry(b.median) - 0.5, width: BOX_WIDTH, height: 1, color: "white", opacity: 0.7 });
  const note = firstRow<{ subtitle: string }>(datasets, "cp_note");
  if (note) residuals.push({ kind: "segment", x: 0, y: ry(0), x2: width, y2: ry(0), color: "#444", width: 1, opacity: 1, dash: [3, 3] });

  return {
    title: o.title ?? COMPLETE_POOLING_TEXT.title,
    subtitle: note?.subtitle ?? "",
    legends: [],
    panels: [
      {
        title: COMPLETE_POOLING_TEXT.top, legends: [strokeLegend("Model", new Map([[MODEL_LABELS.complete, MODEL_COLORS.complete]]))],
        width, height, x: xAxis, y: yAxis, rules: [], intervals: [], series: [], marks: scatter,
      },
      { title: COMPLETE_POOLING_TEXT.bottom, width, height: RESIDUALS_HEIGHT, x: groupAxis, y: residualAxis, rules: [], intervals: [], series: [], marks: residuals },
    ],
  };
}
