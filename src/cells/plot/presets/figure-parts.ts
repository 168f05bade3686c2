// Parts the presets' hand-painted figures share (../figure): reading the spec's datasets, axes as
// Vega-Lite draws them for a quantitative, band or hidden scale, and legends as Vega draws them.
import type { FigureAxis, FigureLegend, FigureMark, SymbolShape } from "../figure/types";
import { bandDomain, positionScale, type PositionScale } from "../figure/scales";
import { linearTicks, tickCountFor, tickLabels } from "./axis-ticks";

/**
 * A group's mark (./figure/picks.ts): keyed by its group, and faded to a sixth of its opacity (at most
 * 0.1, Vega-Lite's unselected opacity in The Data) while other groups are picked.
 */
export const picked = (group: string, opacity: number): { key: string; fadedOpacity: number } => ({ key: group, fadedOpacity: Math.min(0.1, opacity / 6) });

/** A spec's datasets, as a figure reads them. */
export type Datasets = Readonly<Record<string, readonly unknown[]>>;

export const rowsOf = <T>(datasets: Datasets, name: string): readonly T[] => (datasets[name] ?? []) as readonly T[];

/** The first row of a one-row dataset (the presets' `*_scales`), or undefined while it is empty. */
export const firstRow = <T>(datasets: Datasets, name: string): T | undefined => rowsOf<T>(datasets, name)[0];

/** The subtitle a spec reads from the one-row note dataset `name` ("" while it is empty). */
export const subtitleOf = (datasets: Datasets, name: string): string => String(firstRow<{ subtitle?: unknown }>(datasets, name)?.subtitle ?? "");

/** A quantitative axis over `domain` as Vega draws it along `pixels`: ticks and labels from its tick count, a grid. */
export function linearAxis(title: string | null, domain: readonly [number, number], pixels: number, extra: Partial<FigureAxis> = {}): FigureAxis {
  const ticks = linearTicks(domain[0], domain[1], tickCountFor(pixels));
  return { title, log: false, domain, padding: 0, ticks, labels: tickLabels(ticks), overlap: "parity", ...extra };
}

/** The axes and scales of an x-y plot of quantitative fields, as Vega-Lite draws one (x labels flush at the ends). */
export function xyAxes(
  x: { title: string; domain: readonly [number, number] }, y: { title: string; domain: readonly [number, number] }, width: number, height: number,
): { xAxis: FigureAxis; yAxis: FigureAxis; x: PositionScale; y: PositionScale } {
  const xAxis = linearAxis(x.title, x.domain, width, { flush: true });
  const yAxis = linearAxis(y.title, y.domain, height);
  return { xAxis, yAxis, x: positionScale(xAxis, width, false), y: positionScale(yAxis, height, true) };
}

/**
 * A band axis of `labels` (top first on a y axis), as Vega-Lite draws a nominal scale: a tick and a
 * label at each band's centre, no grid. `paddingInner` and `paddingOuter` are the scale's, in steps.
 */
export function bandAxis(title: string | null, labels: readonly string[], paddingInner: number, paddingOuter: number): FigureAxis {
  return { title, log: false, domain: bandDomain(labels.length, paddingInner, paddingOuter), padding: 0, ticks: labels.map((_, i) => i), labels, noGrid: true, reverse: true };
}

/**
 * The rows of a band axis over `height` px (paddings 0, as bandAxis(…, 0, 0)): each label's band top,
 * its centre, and the band's height.
 */
export function bandRows(labels: readonly string[], height: number): { step: number; top: (label: string) => number; centre: (label: string) => number } {
  const step = labels.length ? height / labels.length : 0;
  const index = new Map(labels.map((l, i) => [l, i]));
  const top = (label: string) => (index.get(label) ?? 0) * step;
  return { step, top, centre: (label) => top(label) + step / 2 };
}

/** A vertical rule across a panel `height` px tall at x px (a reference value), dashed unless `dash` is null. */
export const vRule = (x: number, height: number, color: string, dash: readonly number[] | null = [3, 3], width = 1): FigureMark => ({ kind: "segment", x, y: 0, x2: x, y2: height, color, width, opacity: 1, dash });

/** Vega-Lite's tick mark on a band: a 2 px bar across the band at x, 70% opaque. */
export const bandTick = (x: number, top: number, step: number, color = "black"): FigureMark => ({ kind: "rect", x: x - 1, y: top, width: 2, height: step, color, opacity: 0.7 });

/** An axis that draws nothing, for a panel whose marks are placed in px (its scale maps px to px). */
export const hiddenAxis = (pixels: number): FigureAxis => ({ title: null, log: false, domain: [0, pixels], padding: 0, ticks: [], labels: null, hidden: true, reverse: true });

/** The legend of a colour scale on rules: a short line per entry. */
export const strokeLegend = (title: string | null, colors: ReadonlyMap<string, string>): FigureLegend => ({
  title,
  entries: [...colors].map(([label, color]) => ({ label, color, symbol: { kind: "stroke" } })),
});

/**
 * The legend of a colour scale on points: a filled shape per entry, outlined in its colour, as
 * opaque as the points are (Vega-Lite draws a filled point 70% opaque unless told otherwise).
 */
export const colorLegend = (title: string | null, entries: readonly (readonly [label: string, color: string, shape: SymbolShape])[], opacity = 0.7): FigureLegend => ({
  title,
  entries: entries.map(([label, color, shape]) => ({ label, color, symbol: { kind: "shape", shape, opacity, outline: "color" } })),
});

/**
 * The legend of a colour scale on bars or areas: a filled shape per entry without outline, as opaque
 * as the marks are (Vega's symbols for a bar's legend are squares, an area's circles).
 */
export const swatchLegend = (title: string | null, colors: ReadonlyMap<string, string>, shape: SymbolShape, opacity = 1): FigureLegend => ({
  title,
  entries: [...colors].map(([label, color]) => ({ label, color, symbol: { kind: "shape", shape, opacity, outline: null } })),
});

/**
 * The legend of a shape scale: black shapes without outline, their fill as Vega draws it (its 70%
 * fill opacity under the legend's 70% opacity).
 */
export const shapeLegend = (title: string | null, entries: readonly (readonly [label: string, shape: SymbolShape])[]): FigureLegend => ({
  title,
  entries: entries.map(([label, shape]) => ({ label, color: "black", symbol: { kind: "shape", shape, opacity: 0.49, outline: "transparent" } })),
});
