// Where a figure's parts go, in CSS pixels, measured the way Vega lays out the same chart: a title and
// subtitle at the top left, a horizontal legend under them, then the panels one under another, their
// plot areas aligned on the left past the widest y axis. Pure (text widths come from `measure`), so
// the same layout serves the canvas, hit testing and tests.
import type { Figure, FigureAxis, FigurePanel, FigurePoint } from "./types";

/** Width in px of `text` drawn in `font` (a canvas font string). */
export type MeasureText = (text: string, font: string) => number;

export const FONT = {
  title: "bold 14px sans-serif",
  subtitle: "11px sans-serif",
  axisTitle: "11px sans-serif",
  label: "10px sans-serif",
  legendTitle: "11px sans-serif",
  legendLabel: "10px sans-serif",
  ruleLabel: "10px sans-serif",
} as const;

/** Vega's defaults, as our charts' config leaves them (spec.ts sets the font sizes). */
export const METRIC = {
  /** Blank margin around everything (Vega's `padding`). */
  pad: 5,
  titleSize: 14,
  subtitleSize: 11,
  subtitleGap: 3,
  /** Between the title block and what it names. */
  titleOffset: 4,
  labelSize: 10,
  axisTitleSize: 11,
  tickSize: 5,
  labelPadding: 2,
  axisTitlePadding: 4,
  /** Between stacked panels (Vega-Lite's concat spacing). */
  panelSpacing: 20,
  legendSymbolRadius: 5,
  legendRowGap: 4,
  legendEntryGap: 12,
  /** Between the legend and the first panel (Vega's legend offset). */
  legendOffset: 18,
  pointRadius: 4,
} as const;

/** A position scale: data value → px from the panel's left (x) or top (y). */
export type PositionScale = (value: number) => number;

export interface PanelLayout {
  panel: FigurePanel;
  /** The plot area's top-left corner in the figure. */
  left: number;
  top: number;
  /** Where this panel's rotated y title starts: its own axis's reach left of the plot, as Vega places it. */
  yTitleLeft: number;
  x: PositionScale;
  y: PositionScale;
}

export interface LegendLayout {
  title: string;
  titleLeft: number;
  titleTop: number;
  /** Vertical centre of the entries' row. */
  rowMiddle: number;
  entries: { label: string; color: string; symbolX: number; labelX: number }[];
}

export interface FigureLayout {
  width: number;
  height: number;
  title: string;
  subtitle: string;
  /** Top of the title's and subtitle's text. */
  titleTop: number;
  subtitleTop: number;
  legend: LegendLayout | null;
  panels: PanelLayout[];
}

/** A value's position along `pixels`: linear or log-10, `padding` px in from each end; y axes run upward. */
export function positionScale(axis: FigureAxis, pixels: number, upward: boolean): PositionScale {
  const map = axis.log ? Math.log10 : (v: number) => v;
  const lo = map(axis.domain[0]);
  const span = map(axis.domain[1]) - lo;
  const inner = pixels - 2 * axis.padding;
  const unit = span !== 0 && Number.isFinite(span) ? inner / span : 0;
  return upward ? (v) => pixels - axis.padding - (map(v) - lo) * unit : (v) => axis.padding + (map(v) - lo) * unit;
}

/** Widest tick label of an axis (0 without labels). */
function labelWidth(axis: FigureAxis, measure: MeasureText): number {
  let widest = 0;
  for (const text of axis.labels ?? []) widest = Math.max(widest, measure(text, FONT.label));
  return widest;
}

/** How far an axis reaches left of its panel: ticks, labels and the rotated title. */
function yAxisExtent(axis: FigureAxis, measure: MeasureText): number {
  const labels = axis.labels ? labelWidth(axis, measure) + METRIC.labelPadding : 0;
  const title = axis.title ? METRIC.axisTitlePadding + METRIC.axisTitleSize : 0;
  return METRIC.tickSize + labels + title;
}

/** How far an x axis reaches below its panel. */
function xAxisExtent(axis: FigureAxis): number {
  const labels = axis.labels ? METRIC.labelPadding + METRIC.labelSize : 0;
  const title = axis.title ? METRIC.axisTitlePadding + METRIC.axisTitleSize : 0;
  return METRIC.tickSize + labels + title;
}

/** How far the last x label reaches past the panel's right edge. */
function xOverhang(layout: PanelLayout, measure: MeasureText): number {
  const axis = layout.panel.x;
  if (!axis.labels) return 0;
  let reach = 0;
  axis.ticks.forEach((t, i) => {
    const half = measure(axis.labels![i] ?? "", FONT.label) / 2;
    reach = Math.max(reach, layout.x(t) + half - layout.panel.width);
  });
  return reach;
}

export function layoutFigure(figure: Figure, measure: MeasureText): FigureLayout {
  const { pad } = METRIC;
  let top = pad;
  const titleTop = top;
  if (figure.title) top += METRIC.titleSize;
  const subtitleTop = top + METRIC.subtitleGap;
  if (figure.subtitle) top = subtitleTop + METRIC.subtitleSize;
  if (figure.title || figure.subtitle) top += METRIC.titleOffset;

  // The panels' plot areas align past the widest y axis; the legend starts where they do, as Vega's.
  const left = pad + Math.ceil(Math.max(0, ...figure.panels.map((p) => yAxisExtent(p.y, measure))));
  let legend: LegendLayout | null = null;
  let right = 0;
  if (figure.legend && figure.legend.entries.length) {
    const titleTopAt = top;
    const rowMiddle = titleTopAt + METRIC.axisTitleSize + METRIC.legendRowGap + METRIC.legendSymbolRadius;
    let x = left + METRIC.legendSymbolRadius;
    const entries = figure.legend.entries.map((e) => {
      const entry = { label: e.label, color: e.color, symbolX: x, labelX: x + METRIC.legendSymbolRadius + 4 };
      x = entry.labelX + measure(e.label, FONT.legendLabel) + METRIC.legendEntryGap + METRIC.legendSymbolRadius;
      return entry;
    });
    right = Math.max(right, x, left + measure(figure.legend.title, FONT.legendTitle));
    legend = { title: figure.legend.title, titleLeft: left, titleTop: titleTopAt, rowMiddle, entries };
    top = rowMiddle + METRIC.legendSymbolRadius + METRIC.legendOffset;
  }

  // The top y label sits centred on the panel's top edge: half of it reaches above.
  top += METRIC.labelSize / 2;
  const panels: PanelLayout[] = [];
  for (const panel of figure.panels) {
    const yTitleLeft = left - yAxisExtent(panel.y, measure);
    const layout: PanelLayout = { panel, left, top, yTitleLeft, x: positionScale(panel.x, panel.width, false), y: positionScale(panel.y, panel.height, true) };
    panels.push(layout);
    right = Math.max(right, left + panel.width + Math.max(0, xOverhang(layout, measure)));
    top += panel.height + xAxisExtent(panel.x) + METRIC.panelSpacing;
  }
  if (panels.length) top -= METRIC.panelSpacing;
  const titleWidth = Math.max(measure(figure.title, FONT.title), measure(figure.subtitle, FONT.subtitle));
  right = Math.max(right, pad + titleWidth);
  return {
    width: Math.ceil(right + pad),
    height: Math.ceil(top + pad),
    title: figure.title,
    subtitle: figure.subtitle,
    titleTop,
    subtitleTop,
    legend,
    panels,
  };
}

/** The point drawn nearest to (x, y) in figure px, if one lies within `radius`, for its tooltip. */
export function pointNear(layout: FigureLayout, x: number, y: number, radius = METRIC.pointRadius + 4): FigurePoint | null {
  let best: FigurePoint | null = null;
  let bestDistance = radius * radius;
  for (const p of layout.panels) {
    for (const series of p.panel.series) {
      for (const point of series.points) {
        const dx = p.left + p.x(point.x) - x;
        const dy = p.top + p.y(point.y) - y;
        const d = dx * dx + dy * dy;
        if (d <= bestDistance) {
          bestDistance = d;
          best = point;
        }
      }
    }
  }
  return best;
}
