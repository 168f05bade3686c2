// A figure: a chart described as plain data (panels of reference lines, interval bars and lines with
// points over shared axes), which ./paint.ts draws on a canvas by hand. Presets whose charts follow a
// slider drag step by step (the sweep's power curve and bias/coverage) describe themselves this way
// as well as in Vega-Lite: redrawing a figure takes a fraction of a millisecond, where Vega's dataflow
// and its full-canvas redraw took about 2.5 ms per chart per step. The Vega-Lite spec stays the
// chart's definition for SVG export, the CLI and the snapshot tests; a preset builds both from the same
// rows and the same scale decisions (see the figure tests, which compare the two).

/** A position axis: its scale and what is drawn along it. */
export interface FigureAxis {
  /** Axis title, or null for none. */
  title: string | null;
  /** Log scale (base 10) instead of linear. */
  log: boolean;
  /** The data interval the panel spans. */
  domain: readonly [number, number];
  /** Pixels the domain is inset from each end of the panel (Vega's scale `padding`). */
  padding: number;
  /** Tick values, with a grid line at each. */
  ticks: readonly number[];
  /** Tick labels in the order of `ticks`, or null to draw ticks without labels. */
  labels: readonly string[] | null;
}

/** A horizontal reference line across a panel at `value`, with an optional label at its left end. */
export interface FigureRule {
  value: number;
  color: string;
  dash: readonly number[];
  label: string | null;
}

/** A vertical bar from `low` to `high` at `x` (an interval around a point). */
export interface FigureInterval {
  x: number;
  low: number;
  high: number;
  color: string;
}

/** A point of a series, with the lines its tooltip shows ("name: value"). */
export interface FigurePoint {
  x: number;
  y: number;
  tooltip: readonly (readonly [string, string])[];
}

/** Points joined by a line, in x order, each marked by a filled circle. */
export interface FigureSeries {
  color: string;
  points: readonly FigurePoint[];
}

/** One plot area; a figure's panels stack vertically and share their left edge. */
export interface FigurePanel {
  width: number;
  height: number;
  x: FigureAxis;
  y: FigureAxis;
  rules: readonly FigureRule[];
  intervals: readonly FigureInterval[];
  series: readonly FigureSeries[];
}

export interface FigureLegend {
  title: string;
  entries: readonly { label: string; color: string }[];
}

export interface Figure {
  title: string;
  subtitle: string;
  legend: FigureLegend | null;
  panels: readonly FigurePanel[];
}
