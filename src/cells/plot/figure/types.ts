// A figure: a chart described as plain data (panels of reference lines, interval bars, lines with
// points and free marks over shared axes), which ./paint.ts draws on a canvas by hand. Presets whose
// charts follow a slider drag step by step describe themselves this way as well as in Vega-Lite:
// redrawing a figure takes a fraction of a millisecond, where Vega's dataflow and its full-canvas
// redraw took about 2.5 ms per chart per step. The Vega-Lite spec stays the chart's definition for SVG
// export, the CLI and the snapshot tests; a preset builds both from the same rows and the same scale
// decisions (see the figure tests, which compare the two against Vega's scenegraph).

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
  /** Draw no grid line at the ticks (Vega-Lite's band axes have none). Default false. */
  noGrid?: boolean;
  /** Draw nothing of this axis: the panel's marks bring their own (the trellis's facets). Default false. */
  hidden?: boolean;
  /** Run the axis the other way: a y axis downward (band rows top first), an x axis leftward. */
  reverse?: boolean;
  /** Turn an x axis's labels upright (Vega's label angle 270: read from below), as Vega-Lite does on a band x axis of long names. */
  uprightLabels?: boolean;
  /** Align the labels at the ends of an x axis inward, as Vega-Lite's quantitative x axes do. */
  flush?: boolean;
  /**
   * Hide labels that would overlap, as Vega-Lite's quantitative axes do: "parity" drops every other
   * label until none overlap (linear scales), "greedy" drops each that overlaps the last one kept (log).
   */
  overlap?: "parity" | "greedy";
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
  tooltip: Tooltip;
}

/** Points joined by a line, in x order, each marked by a filled circle. */
export interface FigureSeries {
  color: string;
  points: readonly FigurePoint[];
}

/** A tooltip: the lines it shows, as "name: value". */
export type Tooltip = readonly (readonly [string, string])[];

export type SymbolShape = "circle" | "diamond" | "triangle" | "triangle-up" | "triangle-left" | "triangle-right" | "square";

/**
 * A free mark, in the panel's pixels (origin at the plot area's top-left corner, y downward; a preset
 * maps its values with the panel's scales, ./layout.ts `positionScale`). Marks may reach outside the
 * plot area (the trellis's facets and their axes); the layout makes room for them.
 */
export type FigureMark = (
  | { kind: "segment"; x: number; y: number; x2: number; y2: number; color: string; width: number; opacity: number; dash: readonly number[] | null }
  /** A polyline through `points` ([x, y] pairs, in order). */
  | { kind: "line"; points: readonly (readonly [number, number])[]; color: string; width: number; opacity: number; dash: readonly number[] | null }
  /** A filled band between an upper and a lower edge over the same x's ([x, upper y, lower y], in order). */
  | { kind: "area"; points: readonly (readonly [number, number, number])[]; color: string; opacity: number }
  /** `area` in px², as Vega's symbol `size`; `angle` in degrees clockwise; `stroke` an outline. */
  | {
    kind: "symbol"; x: number; y: number; shape: SymbolShape; area: number; color: string; opacity: number; tooltip: Tooltip | null;
    angle?: number; stroke?: { color: string; width: number };
  }
  | { kind: "rect"; x: number; y: number; width: number; height: number; color: string; opacity: number }
  /** `font` is a canvas font string; `angle` in degrees clockwise, as Vega's. */
  | { kind: "text"; x: number; y: number; text: string; font: string; color: string; align: "left" | "center" | "right"; baseline: "top" | "middle" | "bottom"; angle: number }
) & {
  /** Cut the mark off at the plot area's edges (Vega-Lite's `clip`). */
  clip?: boolean;
  /** The legend entry that picks this mark (see FigureLegend.picks), and its opacity while another entry is picked. */
  key?: string;
  fadedOpacity?: number;
};

/** One plot area; a figure's panels stack vertically and share their left edge. */
export interface FigurePanel {
  width: number;
  height: number;
  x: FigureAxis;
  y: FigureAxis;
  rules: readonly FigureRule[];
  intervals: readonly FigureInterval[];
  series: readonly FigureSeries[];
  /** Free marks, drawn in order over the rest. */
  marks?: readonly FigureMark[];
  /** The panel's own title (a Vega-Lite concat cell's), above its legends and plot. */
  title?: string;
  /** The panel's own legends (a concat cell's), under its title: one under another, or side by side with views' titles (Figure.panelTitles "start"). */
  legends?: readonly FigureLegend[];
}

/**
 * How a legend draws its entries' symbols: filled shapes, or short lines (for rules and lines). A
 * shape's `outline` is Vega's stroke: in the entry's colour (a colour legend of points), transparent
 * (a shape legend: nothing drawn, but the row is as tall), or none (bars and areas).
 */
export type LegendSymbol = { kind: "shape"; shape: SymbolShape; opacity: number; outline: "color" | "transparent" | null; area?: number } | { kind: "stroke" };

export interface FigureLegend {
  /** Legend title, or null for an untitled legend. */
  title: string | null;
  /** Entries per row (a grid, column widths aligned); all in one row by default. */
  columns?: number;
  /**
   * A click on an entry picks it, as a Vega-Lite selection bound to the legend: marks keyed by other
   * entries fade to their `fadedOpacity`, and so do the other entries (see ./picks.ts).
   */
  picks?: boolean;
  entries: readonly { label: string; color: string; symbol: LegendSymbol; faded?: boolean }[];
}

export interface Figure {
  title: string;
  subtitle: string;
  /**
   * How the panels are arranged: one under another sharing their left edge (the default, Vega-Lite's
   * vconcat), or side by side sharing their top, each titled in 11 px bold over its centre (hconcat).
   */
  arrange?: "column" | "row";
  /**
   * How side-by-side panels are titled: a header centred over the plot in 11 px bold (the default, a
   * title Vega-Lite is told so), or "start": a Vega-Lite view's own title, 14 px bold from the panel's
   * left edge (its y axis included), above what reaches over the plot.
   */
  panelTitles?: "centred" | "start";
  /** Legends in a row above the panels, as Vega's `orient: "top"` legends. */
  legends: readonly FigureLegend[];
  panels: readonly FigurePanel[];
}
