// Where the trellis's facets sit and the rows that draw their shared axes, in pixels: the trellis
// lays out its own facets (see trellis.ts) with the look of Vega-Lite's facets and axes.
import { linearTicks, tickCountFor, tickLabels } from "./axis-ticks";
import type { Json } from "./spec";

/** Pixels: between facets side by side, above each facet for its header, between facet rows. */
const GAP_X = 20;
const HEADER = 22;
const GAP_Y = 10;
/** Vega's axis look: grid and axis line colours, tick length, label padding. */
export const GRID_COLOR = "#ddd";
export const AXIS_COLOR = "#888";
const TICK = 5;
const LABEL_PAD = 2;
/** Width of one character and height of a 10 px tick label, to keep labels and titles apart. */
const LABEL_CHAR = 6;
const LABEL_HEIGHT = 10;
/** The kinds of axis rows, each drawn by its own layer from the dataset `trellis_<kind>`. */
export const AXIS_KINDS = ["grid", "axis", "header", "xlabel", "ylabel", "xtitle", "ytitle"] as const;

/** Facets of `width` × `height` px in rows of `columns`, sharing the x and y domains. */
export interface FacetGrid {
  /** Facets per row. */
  columns: number;
  width: number;
  height: number;
  xDomain: [number, number];
  yDomain: [number, number];
  /** The left and top pixel of facet `order` (its header sits above `top`). */
  left(order: number): number;
  top(order: number): number;
  /** A value's pixel inside a facet. */
  toX(value: number): number;
  toY(value: number): number;
}

export function facetGrid(count: number, columns: number, width: number, height: number, xDomain: [number, number], yDomain: [number, number]): FacetGrid {
  const perRow = Math.max(1, Math.min(columns, count));
  const [xLo, xHi] = xDomain;
  const [yLo, yHi] = yDomain;
  return {
    columns: perRow, width, height, xDomain, yDomain,
    left: (order) => (order % perRow) * (width + GAP_X),
    top: (order) => HEADER + Math.floor(order / perRow) * (height + HEADER + GAP_Y),
    toX: (v) => (xHi > xLo ? ((v - xLo) / (xHi - xLo)) * width : width / 2),
    toY: (v) => (yHi > yLo ? height - ((v - yLo) / (yHi - yLo)) * height : height / 2),
  };
}

/** The height of one facet with its header: the spec's size (autosize "pad" grows it to the rest). */
export function facetHeight(grid: Pick<FacetGrid, "height">): number {
  return HEADER + grid.height;
}

/**
 * Vega-Lite's "parity" label overlap rule: while neighbouring labels (`spacing` px apart) would
 * overlap, every other one is dropped (as ""), keeping the first.
 */
function thinned(labels: string[], spacing: number, extent: (label: string) => number): string[] {
  const widest = Math.max(0, ...labels.map(extent));
  let every = 1;
  while (every < labels.length && widest + 2 > every * spacing) every *= 2;
  return labels.map((l, i) => (i % every === 0 ? l : ""));
}

/**
 * The rows drawing the facets' headers (the group names) and shared axes: a grid in every facet, the
 * x axis under the lowest facet of each column and the y axis left of each row, with the ticks and
 * labels Vega's own axis would show (axis-ticks.ts).
 */
export function facetAxes(grid: FacetGrid, groups: readonly string[], xTitle: string, yTitle: string): Json[] {
  const { width, height, left, top, toX, toY } = grid;
  const columns = grid.columns;
  const [xLo, xHi] = grid.xDomain;
  const [yLo, yHi] = grid.yDomain;
  const xTicks = linearTicks(xLo, xHi, tickCountFor(width));
  const yTicks = linearTicks(yLo, yHi, tickCountFor(height));
  const xLabels = thinned(tickLabels(xTicks), width / Math.max(1, xTicks.length - 1), (l) => LABEL_CHAR * l.length);
  const yLabels = thinned(tickLabels(yTicks), height / Math.max(1, yTicks.length - 1), () => LABEL_HEIGHT);
  const yLabelWidth = LABEL_CHAR * Math.max(0, ...yLabels.map((l) => l.length));
  const axes: Json[] = [];
  for (const [order, group] of groups.entries()) {
    const x0 = left(order), y0 = top(order);
    axes.push({ kind: "header", group, order, x: x0 + width / 2, y: y0 - 6, text: group });
    for (const t of xTicks) axes.push({ kind: "grid", order, x: x0 + toX(t), y: y0, x2: x0 + toX(t), y2: y0 + height });
    for (const t of yTicks) axes.push({ kind: "grid", order, x: x0, y: y0 + toY(t), x2: x0 + width, y2: y0 + toY(t) });
    if (order + columns >= groups.length) {
      // The lowest facet of its column carries the x axis.
      const base = y0 + height;
      axes.push({ kind: "axis", order, x: x0, y: base, x2: x0 + width, y2: base });
      for (const [i, t] of xTicks.entries()) {
        axes.push({ kind: "axis", order, x: x0 + toX(t), y: base, x2: x0 + toX(t), y2: base + TICK });
        if (xLabels[i]) axes.push({ kind: "xlabel", order, x: x0 + toX(t), y: base + TICK + LABEL_PAD, text: xLabels[i] });
      }
      axes.push({ kind: "xtitle", order, x: x0 + width / 2, y: base + TICK + LABEL_PAD + 14, text: xTitle });
    }
    if (order % columns === 0) {
      // The first facet of its row carries the y axis.
      axes.push({ kind: "axis", order, x: x0, y: y0, x2: x0, y2: y0 + height });
      for (const [i, t] of yTicks.entries()) {
        axes.push({ kind: "axis", order, x: x0 - TICK, y: y0 + toY(t), x2: x0, y2: y0 + toY(t) });
        if (yLabels[i]) axes.push({ kind: "ylabel", order, x: x0 - TICK - LABEL_PAD, y: y0 + toY(t), text: yLabels[i] });
      }
      axes.push({ kind: "ytitle", order, x: x0 - TICK - LABEL_PAD - yLabelWidth - 4, y: y0 + height / 2, text: yTitle });
    }
  }
  return axes;
}
