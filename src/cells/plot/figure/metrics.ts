// The sizes a figure is laid out and painted with: Vega's defaults as our charts' config leaves them
// (fonts, paddings, offsets), and text measurement.
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
  legendTitleSize: 11,
  /** Between a legend's title and its entries. */
  legendTitlePadding: 5,
  /** Between an entry's symbol box and its label; the radius of a line symbol. */
  legendLabelGap: 4,
  legendSymbolRadius: 5,
  /** Between legend columns, and between rows. */
  legendColumnPadding: 10,
  legendRowPadding: 2,
  /** Between legends side by side. */
  legendGap: 8,
  /** Between the legends and the first panel (Vega's legend offset). */
  legendOffset: 18,
  pointRadius: 4,
} as const;

/** Above a side-by-side panel's plot area for its centred title: Vega's half pixel, the title offset and an 11 px title. */
export const FACET_TITLE_BLOCK = 0.5 + 4 + 11;
export const FACET_TITLE_FONT = "bold 11px sans-serif";

const fontSizes = new Map<string, number>();

/** Size in px of a canvas font string ("bold 11px sans-serif" → 11). */
export function fontSize(font: string): number {
  let size = fontSizes.get(font);
  if (size === undefined) {
    const match = /(\d+(?:\.\d+)?)px/.exec(font);
    size = match ? Number(match[1]) : 10;
    fontSizes.set(font, size);
  }
  return size;
}
