// Where a figure's parts go, in CSS pixels, measured the way Vega lays out the same chart: a title and
// subtitle at the top left, the legends under them (./legend-layout.ts), then the panels one under
// another or side by side, each with its axes (./axis-labels.ts) and marks, plot areas aligned past the
// widest reach to their left. Pure (text widths come from `measure`), so the same layout serves the
// canvas, hit testing and tests.
import { axisLabels, labelSpan, type AxisLabel } from "./axis-labels";
import { layoutLegends, type LegendLayout } from "./legend-layout";
import { FACET_TITLE_BLOCK, FONT, METRIC, fontSize, type MeasureText } from "./metrics";
import { positionScale, type PositionScale } from "./scales";
import type { Figure, FigureAxis, FigureLegend, FigureMark, FigurePanel, Tooltip } from "./types";

export interface PanelLayout {
  panel: FigurePanel;
  /** The plot area's top-left corner in the figure. */
  left: number;
  top: number;
  /** Where this panel's rotated y title starts: its own axis's reach left of the plot, as Vega places it. */
  yTitleLeft: number;
  /** The panel's own title's anchor: its top-left corner at the panel's left edge, axes included; for panels side by side, the top centre over the plot. */
  titleLeft: number;
  titleTop: number;
  /** Top of the x axis's title. */
  xTitleTop: number;
  x: PositionScale;
  y: PositionScale;
  /** The tick labels shown, with their place along the axis in the panel's px. */
  xLabels: AxisLabel[];
  yLabels: AxisLabel[];
}

export interface FigureLayout {
  width: number;
  height: number;
  title: string;
  subtitle: string;
  /** Top of the title's and subtitle's text. */
  titleTop: number;
  subtitleTop: number;
  legends: LegendLayout[];
  panels: PanelLayout[];
  arrange: "column" | "row";
  /** Side-by-side panels' titles: centred headers, or views' titles from their left edge (Figure.panelTitles). */
  panelTitles: "centred" | "start";
}

/** Widest tick label of an axis (0 without labels). */
function labelWidth(axis: FigureAxis, measure: MeasureText): number {
  let widest = 0;
  for (const text of axis.labels ?? []) widest = Math.max(widest, measure(text, FONT.label));
  return widest;
}

/** How far an axis reaches left of its panel: ticks, labels and the rotated title. */
function yAxisExtent(axis: FigureAxis, measure: MeasureText): number {
  if (axis.hidden) return 0;
  const labels = axis.labels ? labelWidth(axis, measure) + METRIC.labelPadding : 0;
  const title = axis.title ? METRIC.axisTitlePadding + METRIC.axisTitleSize : 0;
  return METRIC.tickSize + labels + title;
}

/** How far below its panel an x axis's title starts: ticks and labels (upright labels run down by their width). */
function xTitleOffset(axis: FigureAxis, measure: MeasureText): number {
  const labels = axis.labels ? METRIC.labelPadding + (axis.uprightLabels ? labelWidth(axis, measure) : METRIC.labelSize) : 0;
  return METRIC.tickSize + labels + METRIC.axisTitlePadding;
}

/** How far an x axis reaches below its panel. */
function xAxisExtent(axis: FigureAxis, measure: MeasureText): number {
  if (axis.hidden) return 0;
  return xTitleOffset(axis, measure) + (axis.title ? METRIC.axisTitleSize : -METRIC.axisTitlePadding);
}

/** How far the last x label, or the x title, reaches past the panel's right edge. */
function xOverhang(layout: PanelLayout, measure: MeasureText): number {
  let reach = titleOverhang(layout.panel.x, layout.panel.width, measure);
  for (const label of layout.xLabels) reach = Math.max(reach, labelSpan(label, true, measure, layout.panel.x.uprightLabels)[1] - layout.panel.width);
  return reach;
}

/** How far the y labels reach above the panel (half a label, for one centred on its top edge). */
function yOverhang(axis: FigureAxis, y: PositionScale): number {
  if (!axis.labels || axis.hidden) return 0;
  let reach = 0;
  for (const t of axis.ticks) reach = Math.max(reach, METRIC.labelSize / 2 - y(t));
  return reach;
}

/**
 * How far an axis's title reaches past each end of its axis, `length` px long: Vega centres it along
 * the axis (a y title turned upright), so one longer than the axis overhangs by half the difference.
 */
function titleOverhang(axis: FigureAxis, length: number, measure: MeasureText): number {
  if (!axis.title || axis.hidden) return 0;
  return Math.max(0, (measure(axis.title, FONT.axisTitle) - length) / 2);
}

/** A box in px. */
interface Bounds {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Widens `b` to hold a text mark: its box for its alignment, turned by its angle about its anchor. */
function addText(b: Bounds, m: Extract<FigureMark, { kind: "text" }>, measure: MeasureText): void {
  const w = measure(m.text, m.font);
  const h = fontSize(m.font);
  const left = m.align === "left" ? 0 : m.align === "center" ? -w / 2 : -w;
  const top = m.baseline === "top" ? 0 : m.baseline === "middle" ? -h / 2 : -h;
  const turn = (m.angle * Math.PI) / 180;
  const cos = Math.cos(turn), sin = Math.sin(turn);
  for (const [dx, dy] of [[left, top], [left + w, top], [left, top + h], [left + w, top + h]] as const) {
    const x = m.x + dx * cos - dy * sin;
    const y = m.y + dx * sin + dy * cos;
    b.x1 = Math.min(b.x1, x);
    b.x2 = Math.max(b.x2, x);
    b.y1 = Math.min(b.y1, y);
    b.y2 = Math.max(b.y2, y);
  }
}

/** The box the free marks of a panel cover, in panel px (the plot area itself included). */
function marksBounds(panel: FigurePanel, measure: MeasureText): Bounds {
  const b: Bounds = { x1: 0, y1: 0, x2: panel.width, y2: panel.height };
  for (const m of panel.marks ?? []) {
    if (m.clip) continue;
    if (m.kind === "text") {
      addText(b, m, measure);
      continue;
    }
    if (m.kind === "line" || m.kind === "area") {
      for (const point of m.points) {
        b.x1 = Math.min(b.x1, point[0]);
        b.x2 = Math.max(b.x2, point[0]);
        for (let k = 1; k < point.length; k++) {
          b.y1 = Math.min(b.y1, point[k]!);
          b.y2 = Math.max(b.y2, point[k]!);
        }
      }
      continue;
    }
    const [x1, y1, x2, y2] =
      m.kind === "segment" ? [Math.min(m.x, m.x2), Math.min(m.y, m.y2), Math.max(m.x, m.x2), Math.max(m.y, m.y2)]
      : m.kind === "rect" ? [m.x, m.y, m.x + m.width, m.y + m.height]
      : [m.x - Math.sqrt(m.area) / 2, m.y - Math.sqrt(m.area) / 2, m.x + Math.sqrt(m.area) / 2, m.y + Math.sqrt(m.area) / 2];
    b.x1 = Math.min(b.x1, x1);
    b.y1 = Math.min(b.y1, y1);
    b.x2 = Math.max(b.x2, x2);
    b.y2 = Math.max(b.y2, y2);
  }
  return b;
}

export function layoutFigure(figure: Figure, measure: MeasureText): FigureLayout {
  const { pad } = METRIC;
  let top: number = pad;
  const titleTop = top;
  if (figure.title) top += METRIC.titleSize;
  const subtitleTop = top + METRIC.subtitleGap;
  if (figure.subtitle) top = subtitleTop + METRIC.subtitleSize;
  if (figure.title || figure.subtitle) top += METRIC.titleOffset;

  // The panels' plot areas align past the widest reach to their left (a y axis, or marks such as the
  // trellis's own axes); the legends start where the plot areas do, as Vega's.
  const bounds = figure.panels.map((p) => marksBounds(p, measure));
  const axisReaches = figure.panels.map((p) => yAxisExtent(p.y, measure));
  const reaches = figure.panels.map((p, i) => Math.max(axisReaches[i]!, -bounds[i]!.x1, titleOverhang(p.x, p.width, measure)));
  const left = pad + Math.ceil(Math.max(0, ...reaches));
  const legends: LegendLayout[] = [];
  let right = 0;
  /** Places a row of legends at `top`; whether there were any. */
  const placeLegends = (list: readonly FigureLegend[]): boolean => {
    const row = layoutLegends(list, left, top, measure);
    if (!row.layouts.length) return false;
    legends.push(...row.layouts);
    right = Math.max(right, row.right);
    top += row.height + METRIC.legendOffset;
    return true;
  };
  // Vega sets a legend its offset above the plot area itself (or the titles over it), where a title
  // clears what reaches above the plot (a y label centred on its top edge, marks).
  const figureLegends = placeLegends(figure.legends);
  const yScales = figure.panels.map((p) => positionScale(p.y, p.height, true));
  const overhang = (p: FigurePanel, i: number) => Math.max(yOverhang(p.y, yScales[i]!), -bounds[i]!.y1, titleOverhang(p.y, p.height, measure));
  /** How far below its plot area's top a panel reaches: its x axis, its marks, or its y title. */
  const depth = (p: FigurePanel, i: number) => Math.max(p.height + xAxisExtent(p.x, measure), bounds[i]!.y2, p.height + titleOverhang(p.y, p.height, measure));

  const panels: PanelLayout[] = [];
  const panelLayout = (i: number, left: number, top: number, titleLeft: number, titleTop: number): PanelLayout => {
    const panel = figure.panels[i]!;
    const y = yScales[i]!;
    const x = positionScale(panel.x, panel.width, false);
    const yTitleLeft = left - axisReaches[i]!;
    const xLabels = axisLabels(panel.x, x, panel.width, true, measure);
    const yLabels = axisLabels(panel.y, y, panel.height, false, measure);
    const xTitleTop = top + panel.height + xTitleOffset(panel.x, measure);
    return { panel, left, top, titleLeft, titleTop, yTitleLeft, xTitleTop, x, y, xLabels, yLabels };
  };
  if (figure.arrange === "row") {
    // Side by side, as Vega-Lite's hconcat: each panel past the full extent of the one before and
    // the concat spacing; all plot areas share their top, under the tallest block above one: a centred
    // header or what reaches over the plot; or, for views' titles, the view's own legends (their offset
    // above the plot) or what reaches over it, then its title.
    const viewTitles = figure.panelTitles === "start";
    const ownLegends = figure.panels.map((p) => (viewTitles ? layoutLegends(p.legends ?? [], 0, 0, measure) : null));
    const legendBlock = (i: number) => (ownLegends[i]?.layouts.length ? ownLegends[i]!.height + METRIC.legendOffset : 0);
    const blockAbove = (p: FigurePanel, i: number): number => {
      if (!viewTitles) return Math.max(p.title ? FACET_TITLE_BLOCK : 0, figureLegends ? 0 : overhang(p, i));
      const content = legendBlock(i) || (p.title || !figureLegends ? overhang(p, i) : 0);
      return (p.title ? METRIC.titleSize + METRIC.titleOffset : 0) + content;
    };
    top += Math.max(0, ...figure.panels.map(blockAbove));
    let at = left;
    let bottom = top;
    figure.panels.forEach((panel, i) => {
      const layout = panelLayout(i, at, top, 0, top - (viewTitles ? blockAbove(panel, i) : FACET_TITLE_BLOCK));
      if (i > 0) {
        // Past the previous panel by this one's reach to the left: its y axis, marks or first x label.
        let reach = reaches[i]!;
        for (const label of layout.xLabels) reach = Math.max(reach, -labelSpan(label, true, measure, panel.x.uprightLabels)[0]);
        at = Math.round(at + reach);
        layout.left = at;
        layout.yTitleLeft = at - axisReaches[i]!;
      }
      layout.titleLeft = viewTitles ? at - Math.ceil(reaches[i]!) : at + panel.width / 2;
      panels.push(layout);
      let legendsRight = 0;
      if (legendBlock(i)) {
        const row = layoutLegends(panel.legends ?? [], at, top - legendBlock(i), measure);
        legends.push(...row.layouts);
        legendsRight = row.right - at;
      }
      const reach = Math.max(panel.width + Math.max(0, xOverhang(layout, measure)), bounds[i]!.x2, legendsRight);
      right = Math.max(right, at + reach);
      bottom = Math.max(bottom, top + depth(panel, i));
      at += reach + METRIC.panelSpacing;
    });
    top = bottom;
  } else figure.panels.forEach((panel, i) => {
    // Each panel's block, as a Vega-Lite concat cell: its title (at its own left edge), its legends,
    // then its plot, below what reaches above the plot area (a y label centred on its top edge, marks).
    const titleLeft = left - Math.ceil(reaches[i]!);
    const titleTop = top;
    if (panel.title) top += METRIC.titleSize + METRIC.titleOffset;
    const legendAbove = placeLegends(panel.legends ?? []) || (i === 0 && figureLegends && !panel.title);
    if (!legendAbove) top += overhang(panel, i);
    const layout = panelLayout(i, left, top, titleLeft, titleTop);
    panels.push(layout);
    if (panel.title) right = Math.max(right, titleLeft + measure(panel.title, FONT.title));
    right = Math.max(right, left + panel.width + Math.max(0, xOverhang(layout, measure)), left + bounds[i]!.x2);
    top += depth(panel, i) + (i < figure.panels.length - 1 ? METRIC.panelSpacing : 0);
  });
  const titleWidth = Math.max(measure(figure.title, FONT.title), measure(figure.subtitle, FONT.subtitle));
  right = Math.max(right, pad + titleWidth);
  return {
    width: Math.ceil(right + pad),
    height: Math.ceil(top + pad),
    title: figure.title,
    subtitle: figure.subtitle,
    titleTop,
    subtitleTop,
    legends,
    panels,
    arrange: figure.arrange ?? "column",
    panelTitles: figure.panelTitles ?? "centred",
  };
}

/**
 * Of the points `visit` offers (figure px, each with a value), the value of the one nearest to (x, y),
 * if one lies within `radius` (the pointer's hit test: tooltips, picks).
 */
export function nearestTo<T>(x: number, y: number, radius: number, visit: (offer: (px: number, py: number, value: T) => void) => void): T | null {
  let best: T | null = null;
  let bestDistance = radius * radius;
  visit((px, py, value) => {
    const d = (px - x) ** 2 + (py - y) ** 2;
    if (d <= bestDistance) {
      bestDistance = d;
      best = value;
    }
  });
  return best;
}

/**
 * The tooltip of the point drawn nearest to (x, y) in figure px (a series' point or a symbol mark with
 * a tooltip), if one lies within `radius`.
 */
export function tooltipNear(layout: FigureLayout, x: number, y: number, radius = METRIC.pointRadius + 4): Tooltip | null {
  return nearestTo<Tooltip>(x, y, radius, (offer) => {
    for (const p of layout.panels) {
      for (const series of p.panel.series) for (const point of series.points) offer(p.left + p.x(point.x), p.top + p.y(point.y), point.tooltip);
      for (const mark of p.panel.marks ?? []) if (mark.kind === "symbol" && mark.tooltip) offer(p.left + mark.x, p.top + mark.y, mark.tooltip);
    }
  });
}
