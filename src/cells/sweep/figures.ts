// The power curve and the bias/coverage chart as hand-painted figures (../plot/figure): during a drag
// they are redrawn on every step. Each reads the rows its preset put in the Vega-Lite spec's datasets
// (./presets.ts), so the figure and the spec show the same numbers, and takes its axes and colours
// from ./chart-axes.ts, as the spec does.
import type { Figure, FigureLegend, FigurePanel, FigureSeries } from "../plot/figure/types";
import { MODEL_COLORS, TABLEAU10 } from "../plot/palette";
import { curveColors, gridAxis, gridFigureAxis } from "./chart-axes";
import { colorLegend, firstRow, linearAxis, rowsOf, subtitleOf, type Datasets } from "../plot/presets/figure-parts";
import { isFiniteNumber } from "../plot/presets/util";

/** A row of `power_rows`. */
interface PowerRow {
  x: number;
  curve: string;
  term: string;
  rejection: number;
  low: number;
  high: number;
  n: number | null;
  label: string;
}

/** A row of `bc_bias` (field `bias`) or `bc_coverage` (field `coverage`). */
interface BiasCoverageRow {
  x: number;
  curve: string;
  low: number;
  high: number;
  label: string;
  bias?: number;
  coverage?: number;
}

export interface SweepFigureOptions {
  title: string;
  xTitle: string;
  logX: boolean | undefined;
  width: number;
  height: number;
}

const fixed = (digits: number) => (v: number | null | undefined): string => (isFiniteNumber(v) ? v.toFixed(digits) : "");

/** Series of `rows` by curve, in the colours' order, each sorted by x (Vega's line mark sorts by x). */
function seriesOf<R extends { x: number; curve: string }>(rows: readonly R[], colors: ReadonlyMap<string, string>, y: (r: R) => number, tooltip: (r: R) => [string, string][]): FigureSeries[] {
  return [...colors].map(([curve, color]) => ({
    color,
    points: rows.filter((r) => r.curve === curve && Number.isFinite(y(r))).sort((a, b) => a.x - b.x).map((r) => ({ x: r.x, y: y(r), tooltip: tooltip(r) })),
  }));
}

/** The legend of the curves' colours (Vega's, of a line with points: opaque filled circles). */
const termLegend = (colors: ReadonlyMap<string, string>): FigureLegend => colorLegend("Term", [...colors].map(([label, color]) => [label, color, "circle"] as const), 1);

/** The power curve's colours: partial pooling's for a single curve (no legend), tableau10 for several. */
export const powerColors = (curves: Iterable<string>): Map<string, string> => {
  const colors = curveColors(curves, TABLEAU10);
  return colors.size === 1 ? new Map([[[...colors.keys()][0]!, MODEL_COLORS.partial]]) : colors;
};

export function powerFigure(datasets: Datasets, o: SweepFigureOptions): Figure {
  const rows = rowsOf<PowerRow>(datasets, "power_rows");
  const refs = rowsOf<{ y: number; ref: string }>(datasets, "power_refs");
  const colors = powerColors(rows.map((r) => r.curve));
  const x = gridAxis(rows.map((r) => r.x), o.width, o.logX);
  const f3 = fixed(3);
  const panel: FigurePanel = {
    width: o.width,
    height: o.height,
    x: gridFigureAxis(x, o.xTitle),
    y: linearAxis("Rejection rate (power)", [0, 1], o.height),
    rules: refs.map((r) => ({ value: r.y, color: "#888", dash: [4, 3], label: r.ref })),
    intervals: rows.map((r) => ({ x: r.x, low: r.low, high: r.high, color: colors.get(r.curve)! })),
    series: seriesOf(rows, colors, (r) => r.rejection, (r) => [["Grid point", r.label], ["Term", r.term], ["Rejection rate", f3(r.rejection)], ["95% interval from", f3(r.low)], ["to", f3(r.high)], ["Fits", r.n === null ? "" : String(r.n)]]),
  };
  return {
    title: o.title,
    subtitle: subtitleOf(datasets, "power_note"),
    legends: colors.size > 1 ? [termLegend(colors)] : [],
    panels: [panel],
  };
}

/** The row of `bc_scales`: each panel's y domain and the nominal coverage 1 − α. */
export interface BiasCoverageScales {
  b0: number;
  b1: number;
  c0: number;
  c1: number;
  nominal: number;
}

/** The coverage panel's y title. */
export const coverageTitle = (nominal: number): string => `Coverage of the ${Math.round(nominal * 100)}% Wald CI`;

export function biasCoverageFigure(datasets: Datasets, o: SweepFigureOptions): Figure {
  const bias = rowsOf<BiasCoverageRow>(datasets, "bc_bias");
  const coverage = rowsOf<BiasCoverageRow>(datasets, "bc_coverage");
  const scales = firstRow<BiasCoverageScales>(datasets, "bc_scales") ?? { b0: -1, b1: 1, c0: 0, c1: 1, nominal: 0.95 };
  const colors = curveColors([...bias, ...coverage].map((r) => r.curve), TABLEAU10);
  const x = gridAxis([...bias, ...coverage].map((r) => r.x), o.width, o.logX);
  const f4 = fixed(4);
  const panel = (rows: readonly BiasCoverageRow[], field: "bias" | "coverage", title: string, domain: [number, number], ref: number, labels: boolean): FigurePanel => ({
    width: o.width,
    height: o.height,
    x: gridFigureAxis(x, o.xTitle, labels),
    y: linearAxis(title, domain, o.height),
    rules: [{ value: ref, color: "black", dash: [4, 3], label: null }],
    intervals: rows.map((r) => ({ x: r.x, low: r.low, high: r.high, color: colors.get(r.curve)! })),
    series: seriesOf(rows, colors, (r) => r[field] ?? NaN, (r) => [["Grid point", r.label], ["Term", r.curve], [title, f4(r[field])], ["interval from", f4(r.low)], ["to", f4(r.high)]]),
  });
  return {
    title: o.title,
    subtitle: subtitleOf(datasets, "bc_note"),
    legends: colors.size ? [termLegend(colors)] : [],
    panels: [
      panel(bias, "bias", "Bias (estimate − truth)", [scales.b0, scales.b1], 0, false),
      panel(coverage, "coverage", coverageTitle(scales.nominal), [scales.c0, scales.c1], scales.nominal, true),
    ],
  };
}
