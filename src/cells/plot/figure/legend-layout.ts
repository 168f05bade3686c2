// Where a figure's legends go, as Vega lays out its symbol legends: a title, then entries (symbol and
// label) in a row or a grid of columns, legends side by side.
import { FONT, METRIC, type MeasureText } from "./metrics";
import type { FigureLegend, LegendSymbol } from "./types";

interface LegendEntryLayout {
  label: string;
  color: string;
  symbol: LegendSymbol;
  /** Centre of the symbol and left end of the label; the entry's vertical middle. */
  symbolX: number;
  labelX: number;
  y: number;
  /** Where a click picks the entry: from its symbol box's left to its label's end, a row's height around `y`. */
  hit: { left: number; right: number; top: number; bottom: number };
  /** Drawn faded: another entry of a picking legend is picked. */
  faded: boolean;
}

export interface LegendLayout {
  title: string | null;
  left: number;
  top: number;
  /** A click on an entry picks it (FigureLegend.picks). */
  picks: boolean;
  entries: LegendEntryLayout[];
}

/** An entry's symbol box, as Vega sizes it: the symbol's width and its stroke, at least a label's height. */
function symbolBox(symbol: LegendSymbol): number {
  const area = symbol.kind === "shape" ? (symbol.area ?? 100) : 100;
  return Math.max(METRIC.labelSize, Math.ceil(Math.sqrt(area) + 1.5));
}

/** Vega counts a symbol's stroke in its bounds (even a transparent one): 2 px more around it. */
const outlined = (symbol: LegendSymbol): boolean => symbol.kind === "stroke" || symbol.outline !== null;

/**
 * Lays out `legend` from (`left`, `top`) as Vega's symbol legend: a title, then entries (symbol, label)
 * in a grid of `columns` (one row by default), each column as wide as its widest entry and 10 px
 * (12 beside outlined symbols) from the next; rows 2 px apart, each as tall as its largest symbol.
 */
function layoutLegend(legend: FigureLegend, left: number, top: number, measure: MeasureText): { layout: LegendLayout; width: number; height: number } {
  const entriesTop = legend.title === null ? top : top + METRIC.legendTitleSize + METRIC.legendTitlePadding;
  const columns = Math.max(1, legend.columns ?? legend.entries.length);
  const box = Math.max(0, ...legend.entries.map((e) => symbolBox(e.symbol)));
  const gap = METRIC.legendColumnPadding + (legend.entries.some((e) => outlined(e.symbol)) ? 2 : 0);
  // A line symbol's stroke widens its bounds but not its height.
  const rowHeight = legend.entries.some((e) => e.symbol.kind === "shape" && e.symbol.outline !== null) ? box + 2 : box - 1;
  const widths: number[] = [];
  const entryWidths = legend.entries.map((e) => symbolBox(e.symbol) + METRIC.legendLabelGap + measure(e.label, FONT.legendLabel));
  entryWidths.forEach((width, i) => (widths[i % columns] = Math.max(widths[i % columns] ?? 0, width)));
  const columnLeft: number[] = [];
  widths.reduce((x, w, c) => ((columnLeft[c] = x), x + w + gap), left);
  const entries = legend.entries.map((e, i) => {
    const x = columnLeft[i % columns]!;
    const own = symbolBox(e.symbol);
    const y = entriesTop + Math.floor(i / columns) * (rowHeight + METRIC.legendRowPadding) + box / 2;
    const hit = { left: x, right: x + entryWidths[i]!, top: y - rowHeight / 2, bottom: y + rowHeight / 2 };
    return { label: e.label, color: e.color, symbol: e.symbol, symbolX: x + own / 2, labelX: x + own + METRIC.legendLabelGap, y, hit, faded: e.faded === true };
  });
  const rows = Math.ceil(legend.entries.length / columns);
  let right = legend.title === null ? left : left + measure(legend.title, FONT.legendTitle);
  widths.forEach((w, c) => (right = Math.max(right, columnLeft[c]! + w)));
  const layout: LegendLayout = { title: legend.title, left, top, picks: legend.picks === true, entries };
  return { layout, width: right - left, height: entriesTop - top + rows * rowHeight + (rows - 1) * METRIC.legendRowPadding };
}

/** Legends side by side from (`left`, `top`), top-aligned as Vega's top legends: their layouts, the row's height and right end. */
export function layoutLegends(legends: readonly FigureLegend[], left: number, top: number, measure: MeasureText): { layouts: LegendLayout[]; height: number; right: number } {
  const layouts: LegendLayout[] = [];
  let height = 0;
  let right = left;
  let at = left;
  for (const legend of legends) {
    if (!legend.entries.length) continue;
    const placed = layoutLegend(legend, at, top, measure);
    layouts.push(placed.layout);
    height = Math.max(height, placed.height);
    right = Math.max(right, at + placed.width);
    at += placed.width + METRIC.legendGap;
  }
  return { layouts, height, right };
}
