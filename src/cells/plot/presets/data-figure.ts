// The Data as a hand-painted figure, drawn from the spec's datasets (data-scatter.ts) with the spec's
// scales (`data_scales`): the observations coloured by group, each group's least-squares line, the
// dashed overall line and, for 0/1 outcomes, the binned proportions; beside them, when asked, the
// group sizes as bars. A click on a group's legend entry picks that group, as the spec's legend-bound
// selection does: the other groups' points fade (FigureMark.key, FigureLegend.picks).
import type { Figure, FigureMark, FigurePanel } from "../figure/types";
import { positionScale } from "../figure/scales";
import { GREY, TABLEAU10 } from "../palette";
import { bandAxis, colorLegend, firstRow, linearAxis, rowsOf, xyAxes, type Datasets } from "./figure-parts";

interface Scales {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  n0: number;
  n1: number;
  groups: string[];
}

interface PointRow {
  group: string;
  x: number;
  y: number;
  y_plot: number;
  n: number;
}

interface SegmentRow {
  group?: string;
  x: number;
  y: number;
  x2: number;
  y2: number;
}

interface DataFigureOptions {
  title?: string;
  width?: number;
  height?: number;
  revealGroups: boolean;
  counts: boolean;
  xTitle: string;
  yTitle: string;
}

export const DATA_TEXT = { title: "The Data", points: "Observations", counts: "Group sizes", countsAxis: "n_j (observations)" } as const;
export const DATA_SIZE = { width: 380, height: 300, countsWidth: 120 } as const;
/** The points' opacity, and a point's when another group is picked (the spec's condition on `pick`). */
export const POINT_OPACITY = { shown: 0.6, faded: 0.1 } as const;

/** Vega-Lite's band scale of bars: inner padding 0.1 of a step, outer half of that. */
const BAR_PADDING = { inner: 0.1, outer: 0.05 } as const;

export function dataFigure(datasets: Datasets, o: DataFigureOptions): Figure {
  const s = firstRow<Scales>(datasets, "data_scales") ?? { x0: 0, x1: 1, y0: 0, y1: 1, n0: 0, n1: 1, groups: [] };
  const width = o.width ?? DATA_SIZE.width;
  const height = o.height ?? DATA_SIZE.height;
  const index = new Map(s.groups.map((g, i) => [g, i]));
  const colorOf = (group: string): string => (o.revealGroups ? TABLEAU10[(index.get(group) ?? 0) % TABLEAU10.length]! : GREY);
  const { xAxis, yAxis, x, y } = xyAxes({ title: o.xTitle, domain: [s.x0, s.x1] }, { title: o.yTitle, domain: [s.y0, s.y1] }, width, height);

  const marks: FigureMark[] = [];
  for (const p of rowsOf<PointRow>(datasets, "data_points")) {
    marks.push({
      kind: "symbol", x: x(p.x), y: y(p.y_plot), shape: "circle", area: 40, color: colorOf(p.group), opacity: POINT_OPACITY.shown,
      tooltip: [["Group", p.group], ["n_j", String(p.n)], [o.xTitle, String(p.x)], [o.yTitle, String(p.y)]],
      // The spec's own faded opacity, rather than `picked`'s rule: The Data defines it.
      ...(o.revealGroups ? { key: p.group, fadedOpacity: POINT_OPACITY.faded } : {}),
    });
  }
  const segment = (r: SegmentRow, color: string, lineWidth: number, dash: readonly number[] | null): FigureMark =>
    ({ kind: "segment", x: x(r.x), y: y(r.y), x2: x(r.x2), y2: y(r.y2), color, width: lineWidth, opacity: 1, dash });
  for (const r of rowsOf<SegmentRow>(datasets, "data_group_lines")) marks.push(segment(r, colorOf(r.group ?? ""), 2, null));
  for (const r of rowsOf<SegmentRow>(datasets, "data_overall")) marks.push(segment(r, "black", 2.5, [6, 4]));
  const binned = [...rowsOf<{ x: number; p: number }>(datasets, "data_binned")].sort((a, b) => a.x - b.x);
  if (binned.length) marks.push({ kind: "line", points: binned.map((b) => [x(b.x), y(b.p)] as const), color: "black", width: 2, opacity: 1, dash: null });
  for (const b of binned) marks.push({ kind: "symbol", x: x(b.x), y: y(b.p), shape: "circle", area: 30, color: "black", opacity: 1, tooltip: null });

  const legends = o.revealGroups ? [{ ...colorLegend("Group", s.groups.map((g) => [g, colorOf(g), "circle"] as const)), picks: true }] : [];
  const scatter: FigurePanel = { width, height, x: xAxis, y: yAxis, rules: [], intervals: [], series: [], marks };
  if (!o.counts) return { title: o.title ?? DATA_TEXT.title, subtitle: "", legends, panels: [scatter] };
  return {
    title: o.title ?? DATA_TEXT.title,
    subtitle: "",
    arrange: "row",
    panelTitles: "start",
    legends,
    panels: [{ ...scatter, title: DATA_TEXT.points }, countsPanel(datasets, s, height, colorOf)],
  };
}

/** The group sizes: a bar per group, in the order the groups first appear in the data. */
function countsPanel(datasets: Datasets, s: Scales, height: number, colorOf: (group: string) => string): FigurePanel {
  const counts = [...rowsOf<{ group: string; n: number; order: number }>(datasets, "data_counts")].sort((a, b) => a.order - b.order);
  const groupAxis = bandAxis("Group", counts.map((c) => c.group), BAR_PADDING.inner, BAR_PADDING.outer);
  const nAxis = linearAxis(DATA_TEXT.countsAxis, [s.n0, s.n1], DATA_SIZE.countsWidth, { flush: true });
  const gy = positionScale(groupAxis, height, true);
  const nx = positionScale(nAxis, DATA_SIZE.countsWidth, false);
  const step = counts.length ? height / (counts.length - BAR_PADDING.inner + 2 * BAR_PADDING.outer) : 0;
  const band = step * (1 - BAR_PADDING.inner);
  const marks: FigureMark[] = counts.map((c, i) => ({ kind: "rect", x: nx(0), y: gy(i) - band / 2, width: nx(c.n) - nx(0), height: band, color: colorOf(c.group), opacity: 1 }));
  return { title: DATA_TEXT.counts, width: DATA_SIZE.countsWidth, height, x: nAxis, y: groupAxis, rules: [], intervals: [], series: [], marks };
}
