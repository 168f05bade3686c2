// Draws a laid-out figure on a 2D canvas context, in Vega's default look (grey grid and axis lines,
// 10 px labels, filled points over 2 px lines). The context's transform maps CSS px to the bitmap.
import type { FigureLayout, PanelLayout } from "./layout";
import type { LegendLayout } from "./legend-layout";
import { FACET_TITLE_FONT, FONT, METRIC } from "./metrics";
import { freeMarks } from "./paint-marks";
import { symbolPath } from "./symbols";
import type { FigureAxis } from "./types";

const GRID = "#ddd";
const AXIS = "#888";
const TEXT = "#000";
const SUBTITLE = "#555";
const RULE_LABEL = "#555";

type Context = CanvasRenderingContext2D;

/** Lines are drawn on half pixels so a 1 px line covers one row of pixels. */
const crisp = (v: number): number => Math.round(v) + 0.5;

function line(ctx: Context, x0: number, y0: number, x1: number, y1: number): void {
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
}

function grid(ctx: Context, p: PanelLayout): void {
  const { width, height } = p.panel;
  ctx.strokeStyle = GRID;
  ctx.lineWidth = 1;
  ctx.beginPath();
  if (!p.panel.x.hidden && !p.panel.x.noGrid) for (const t of p.panel.x.ticks) {
    const x = crisp(p.left + p.x(t));
    ctx.moveTo(x, p.top);
    ctx.lineTo(x, p.top + height);
  }
  if (!p.panel.y.hidden && !p.panel.y.noGrid) for (const t of p.panel.y.ticks) {
    const y = crisp(p.top + p.y(t));
    ctx.moveTo(p.left, y);
    ctx.lineTo(p.left + width, y);
  }
  ctx.stroke();
}

function xAxis(ctx: Context, p: PanelLayout, axis: FigureAxis): void {
  if (axis.hidden) return;
  const bottom = p.top + p.panel.height;
  ctx.strokeStyle = AXIS;
  ctx.lineWidth = 1;
  line(ctx, p.left, crisp(bottom), p.left + p.panel.width, crisp(bottom));
  ctx.beginPath();
  for (const t of axis.ticks) {
    const x = crisp(p.left + p.x(t));
    ctx.moveTo(x, bottom);
    ctx.lineTo(x, bottom + METRIC.tickSize);
  }
  ctx.stroke();
  const labelsTop = bottom + METRIC.tickSize + METRIC.labelPadding;
  ctx.fillStyle = TEXT;
  ctx.font = FONT.label;
  if (axis.uprightLabels) {
    // Turned a quarter left, each label ends at its tick and runs down from it.
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    for (const label of p.xLabels) {
      ctx.save();
      ctx.translate(p.left + label.at, labelsTop);
      ctx.rotate(-Math.PI / 2);
      ctx.fillText(label.text, 0, 0);
      ctx.restore();
    }
  } else {
    ctx.textBaseline = "top";
    for (const label of p.xLabels) {
      ctx.textAlign = label.align;
      ctx.fillText(label.text, p.left + label.at, labelsTop);
    }
  }
  if (axis.title) {
    ctx.font = FONT.axisTitle;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.fillText(axis.title, p.left + p.panel.width / 2, p.xTitleTop);
  }
}

function yAxis(ctx: Context, p: PanelLayout, axis: FigureAxis): void {
  if (axis.hidden) return;
  ctx.strokeStyle = AXIS;
  ctx.lineWidth = 1;
  const x0 = crisp(p.left) - 1;
  line(ctx, x0, p.top, x0, p.top + p.panel.height);
  ctx.beginPath();
  for (const t of axis.ticks) {
    const y = crisp(p.top + p.y(t));
    ctx.moveTo(p.left, y);
    ctx.lineTo(p.left - METRIC.tickSize, y);
  }
  ctx.stroke();
  ctx.fillStyle = TEXT;
  if (axis.labels) {
    ctx.font = FONT.label;
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    for (const label of p.yLabels) ctx.fillText(label.text, p.left - METRIC.tickSize - METRIC.labelPadding, p.top + label.at);
  }
  if (axis.title) {
    ctx.save();
    ctx.font = FONT.axisTitle;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.translate(p.yTitleLeft, p.top + p.panel.height / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(axis.title, 0, 0);
    ctx.restore();
  }
}

/** The reference rules and their labels: part of the frame (they stay put while the data move). */
function rules(ctx: Context, p: PanelLayout): void {
  const { panel } = p;
  for (const rule of panel.rules) {
    const y = p.top + p.y(rule.value);
    ctx.strokeStyle = rule.color;
    ctx.lineWidth = 1;
    ctx.setLineDash(rule.dash as number[]);
    line(ctx, p.left, y, p.left + panel.width, y);
    ctx.setLineDash([]);
    if (rule.label) {
      ctx.font = FONT.ruleLabel;
      ctx.fillStyle = RULE_LABEL;
      ctx.textAlign = "left";
      ctx.textBaseline = "middle";
      ctx.fillText(rule.label, p.left + 3, y - 6);
    }
  }
}

/** The data: interval bars, then each series' line and points. */
function marks(ctx: Context, p: PanelLayout): void {
  const { panel } = p;
  ctx.lineWidth = 1.5;
  for (const bar of panel.intervals) {
    if (!Number.isFinite(bar.low) || !Number.isFinite(bar.high)) continue;
    const x = p.left + p.x(bar.x);
    ctx.strokeStyle = bar.color;
    line(ctx, x, p.top + p.y(bar.low), x, p.top + p.y(bar.high));
  }
  ctx.lineWidth = 2;
  ctx.lineJoin = "round";
  for (const series of panel.series) {
    ctx.strokeStyle = series.color;
    ctx.beginPath();
    series.points.forEach((point, i) => {
      const x = p.left + p.x(point.x), y = p.top + p.y(point.y);
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.stroke();
    ctx.fillStyle = series.color;
    for (const point of series.points) {
      ctx.beginPath();
      ctx.arc(p.left + p.x(point.x), p.top + p.y(point.y), METRIC.pointRadius, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
}

/** How opaque a legend entry is drawn while another entry of its legend is picked (Vega-Lite's legend binding fades them so). */
const FADED_ENTRY_ALPHA = 0.2;

/** A legend: its title, then a row of symbols (Vega's size-100 symbols, or 10 px lines for rules) with their labels. */
function paintLegend(ctx: Context, legend: LegendLayout): void {
  ctx.fillStyle = TEXT;
  if (legend.title !== null) {
    ctx.font = FONT.legendTitle;
    ctx.textAlign = "left";
    ctx.textBaseline = "top";
    ctx.fillText(legend.title, legend.left, legend.top);
  }
  ctx.font = FONT.legendLabel;
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  for (const entry of legend.entries) {
    const y = entry.y;
    const alpha = entry.faded ? FADED_ENTRY_ALPHA : 1;
    ctx.globalAlpha = alpha;
    if (entry.symbol.kind === "stroke") {
      ctx.strokeStyle = entry.color;
      ctx.lineWidth = 1.5;
      line(ctx, entry.symbolX - METRIC.legendSymbolRadius, y, entry.symbolX + METRIC.legendSymbolRadius, y);
    } else {
      ctx.globalAlpha = alpha * entry.symbol.opacity;
      ctx.fillStyle = entry.color;
      symbolPath(ctx, entry.symbol.shape, entry.symbolX, y, entry.symbol.area ?? 100);
      ctx.fill();
      if (entry.symbol.outline === "color") {
        ctx.strokeStyle = entry.color;
        ctx.lineWidth = 1.5;
        ctx.stroke();
      }
      ctx.globalAlpha = alpha;
    }
    ctx.fillStyle = TEXT;
    ctx.fillText(entry.label, entry.labelX, y);
    ctx.globalAlpha = 1;
  }
}

/**
 * Paints everything but the data: titles, legend, grids, axes (behind the marks, as Vega-Lite draws
 * them) and reference rules. (Painting it once into a second canvas and copying that under each
 * update's marks was slower: the copy of the bitmap cost more in Chromium's software canvas than the
 * text it saved.)
 */
function paintFrame(ctx: Context, layout: FigureLayout): void {
  ctx.textAlign = "left";
  ctx.textBaseline = "top";
  if (layout.title) {
    ctx.font = FONT.title;
    ctx.fillStyle = TEXT;
    ctx.fillText(layout.title, METRIC.pad, layout.titleTop);
  }
  if (layout.subtitle) {
    ctx.font = FONT.subtitle;
    ctx.fillStyle = SUBTITLE;
    ctx.fillText(layout.subtitle, METRIC.pad, layout.subtitleTop);
  }
  for (const legend of layout.legends) paintLegend(ctx, legend);
  ctx.font = FONT.title;
  ctx.fillStyle = TEXT;
  ctx.textAlign = "left";
  ctx.textBaseline = "top";
  const row = layout.arrange === "row" && layout.panelTitles === "centred";
  if (row) {
    ctx.font = FACET_TITLE_FONT;
    ctx.textAlign = "center";
  }
  for (const p of layout.panels) if (p.panel.title) ctx.fillText(p.panel.title, p.titleLeft, p.titleTop);
  for (const p of layout.panels) {
    grid(ctx, p);
    xAxis(ctx, p, p.panel.x);
    yAxis(ctx, p, p.panel.y);
    rules(ctx, p);
  }
}

/** Paints the data of every panel over a frame painted by {@link paintFrame}. */
function paintMarks(ctx: Context, layout: FigureLayout): void {
  for (const p of layout.panels) {
    marks(ctx, p);
    if (p.panel.marks) freeMarks(ctx, p, p.panel.marks);
  }
}

/** Paints the whole figure from the context's origin over what is there (the caller clears to white): its frame, then its data. */
export function paintFigure(ctx: Context, layout: FigureLayout): void {
  paintFrame(ctx, layout);
  paintMarks(ctx, layout);
}
