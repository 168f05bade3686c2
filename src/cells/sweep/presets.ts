// Chart presets for sweep results, registered in the plot cell's preset registry when the sweep cell
// type loads (src/cells/index.ts imports ./index, which imports this file).
//
// - `power-curve`: rejection rate (power; the type I error rate under a true null) by the first varied
//   value, with its 95% Wilson interval, a dashed target-power line and a dotted α line.
// - `bias-coverage`: bias ±1.96 MCSE (reference 0) above Wald coverage with its 95% Wilson interval
//   (reference 1 − α).
// Rates get Wilson intervals rather than ±1.96 MCSE: with a draft's two or three replicates a rate of
// 0 or 1 has an MCSE of 0, and the bar would claim a certainty two fits cannot give.
// - `estimate-distribution`: box plots of the estimates at each grid point, one panel per term, with
//   the truth as a black diamond.
// The first two say under their title how many fits each grid point rests on (`power_note`, `bc_note`):
// a drag step's draft rests on two or three, the released sweep on all its replicates.
// Input `summary` is a sweep's summary table and `replicates` its replicate table (own properties of
// the sweep's value, so a plot reading a sweep finds them by name).
import { chartPresets } from "../plot/presets";
import type { CommonOptions, Preset } from "../plot/presets/types";
import { anchorLayer, domainFrom, n, q, size, subtitleFrom, topLevel } from "../plot/presets/spec";
import { niceExtent } from "../plot/presets/nice-domain";
import { label, num, table } from "../plot/presets/util";
import { MODEL_COLORS, TABLEAU10 } from "../plot/palette";
import { wilsonInterval } from "../../stats/sweep/summarise";
import type { Row, Tables } from "../plot/tables";
import { curveColors, curveEncoding, gridAxis, gridEncoding } from "./chart-axes";
import { biasCoverageFigure, coverageTitle, powerColors, powerFigure, type BiasCoverageScales, type SweepFigureOptions } from "./figures";

export interface SweepChartOptions extends CommonOptions {
  /** Terms to draw (default: every term with something to draw). */
  terms?: string[];
  /** Axis title of the varied value (default: "grid value"). */
  xTitle?: string;
  /** Log-scale x axis (default: when all values are positive and span a factor of 8 or more). */
  logX?: boolean;
}

export interface PowerCurveOptions extends SweepChartOptions {
  /** Dashed reference line for the target power (default 0.8; null for none). */
  target?: number | null;
}

const NOMINAL = "black";

function keep(o: SweepChartOptions, term: string): boolean {
  return !o.terms || o.terms.includes(term);
}

function curveOf(r: Row): string {
  const series = label(r.series);
  return series ? `${label(r.term)} · ${series}` : label(r.term);
}

const clip = (v: number) => Math.min(1, Math.max(0, v));

/** Default plot sizes (px) of the power curve and of each bias/coverage panel: the spec's and the figure's. */
const POWER_SIZE = { width: 420, height: 260 };
const BIAS_COVERAGE_PANEL = { width: 420, height: 170 };

/** A rate's 95% Wilson interval from its denominator; ±1.96 MCSE (clipped) when a table lacks the count. */
function rateInterval(rate: number, n: number | undefined, mcse: number | undefined): { low: number; high: number } {
  const wilson = n !== undefined ? wilsonInterval(rate, n) : null;
  if (wilson) return wilson;
  const se = mcse ?? 0;
  return { low: clip(rate - 1.96 * se), high: clip(rate + 1.96 * se) };
}

/**
 * The one-row subtitle dataset of a sweep chart: how many fits each grid point rests on. A drag step's
 * draft rests on two or three, the released sweep on all its replicates; read from a dataset, the
 * subtitle changes with the rows and the chart updates in place.
 */
function fitsNote(summary: readonly Row[], what: string): { subtitle: string }[] {
  const fits = summary.map((r) => num(r.n)).filter((v): v is number => v !== undefined);
  if (!fits.length) return [{ subtitle: "" }];
  const lo = Math.min(...fits), hi = Math.max(...fits);
  return [{ subtitle: `${lo === hi ? lo : `${lo}–${hi}`} fits per grid point; ${what}` }];
}

function powerCurve(tables: Tables, options: Partial<PowerCurveOptions> = {}) {
  const o: PowerCurveOptions = { target: 0.8, ...options };
  const summary = table(tables, "summary", "power-curve");
  let alpha: number | undefined;
  const rows = summary.flatMap((r) => {
    const x = num(r.grid_value), rate = num(r.rejection);
    alpha ??= num(r.alpha);
    if (x === undefined || rate === undefined || !keep(o, label(r.term))) return [];
    const { low, high } = rateInterval(rate, num(r.rejection_n) ?? num(r.n), num(r.mcse_rejection));
    return [{ x, curve: curveOf(r), term: label(r.term), rejection: rate, low, high, n: num(r.n) ?? null, label: label(r.label) }];
  });
  const refs = [
    ...(o.target !== null && o.target !== undefined ? [{ y: o.target, ref: `target ${o.target}` }] : []),
    ...(alpha !== undefined ? [{ y: alpha, ref: `α = ${alpha}` }] : []),
  ];
  const { width, height } = size(o, POWER_SIZE.width, POWER_SIZE.height);
  const x = gridEncoding(gridAxis(rows.map((r) => r.x), width, o.logX), o.xTitle ?? "grid value");
  const colors = powerColors(rows.map((r) => r.curve));
  const color = curveEncoding(colors, colors.size > 1);
  const y = q("rejection", "Rejection rate (power)", { scale: { domain: [0, 1] } });
  return topLevel({
    width, height,
    layer: [
      { data: { name: "power_refs" }, mark: { type: "rule", color: "#888", strokeDash: [4, 3] }, encoding: { y: q("y") } },
      { data: { name: "power_refs" }, mark: { type: "text", align: "left", dx: 3, dy: -6, color: "#555", fontSize: 10 }, encoding: { y: q("y"), x: { value: 0 }, text: { field: "ref" } } },
      { data: { name: "power_rows" }, mark: { type: "rule", strokeWidth: 1.5 }, encoding: { x, y: q("low", "Rejection rate (power)"), y2: { field: "high" }, color } },
      { data: { name: "power_rows" }, mark: { type: "line", point: { filled: true, size: 50 } }, encoding: {
        x, y, color,
        tooltip: [n("label", "Grid point"), n("term", "Term"), q("rejection", "Rejection rate", { format: ".3f" }), q("low", "95% interval from", { format: ".3f" }), q("high", "to", { format: ".3f" }), q("n", "Fits")],
      } },
      anchorLayer("power_note"),
    ],
  }, { power_rows: rows, power_refs: refs, power_note: fitsNote(summary, "bars: 95% Wilson intervals") }, { text: powerTitle(o), subtitle: subtitleFrom("power_note") });
}

const powerTitle = (o: Partial<SweepChartOptions>): string => o.title ?? "Power curve: how often the test rejects";
const biasCoverageTitle = (o: Partial<SweepChartOptions>): string => o.title ?? "Bias and coverage across the grid";

/** What a sweep chart's figure takes from its options, with the preset's defaults. */
function figureOptions(o: Partial<SweepChartOptions>, title: string, defaults: { width: number; height: number }): SweepFigureOptions {
  const box = size(o, defaults.width, defaults.height);
  return { title, xTitle: o.xTitle ?? "grid value", logX: o.logX, width: box.width, height: box.height };
}

function biasCoverage(tables: Tables, options: Partial<SweepChartOptions> = {}) {
  const o: SweepChartOptions = { ...options };
  const summary = table(tables, "summary", "bias-coverage");
  let alpha: number | undefined;
  const bias = summary.flatMap((r) => {
    const x = num(r.grid_value), b = num(r.bias), se = num(r.mcse_bias) ?? 0;
    alpha ??= num(r.alpha);
    if (x === undefined || b === undefined || !keep(o, label(r.term))) return [];
    return [{ x, curve: curveOf(r), bias: b, low: b - 1.96 * se, high: b + 1.96 * se, label: label(r.label) }];
  });
  const coverage = summary.flatMap((r) => {
    const x = num(r.grid_value), c = num(r.coverage);
    if (x === undefined || c === undefined || !keep(o, label(r.term))) return [];
    const { low, high } = rateInterval(c, num(r.coverage_n) ?? num(r.n), num(r.mcse_coverage));
    return [{ x, curve: curveOf(r), coverage: c, low, high, label: label(r.label) }];
  });
  const nominal = 1 - (alpha ?? 0.05);
  // Each panel's y domain (its intervals and its reference line, rounded out as Vega's nice scales
  // would be) rides in the one-row `bc_scales`: most drag steps leave it unchanged, so Vega keeps
  // both y scales and their axes and only moves the marks.
  const [b0, b1] = niceExtent([0, ...bias.flatMap((r) => [r.low, r.high])]);
  const [c0, c1] = niceExtent([nominal, ...coverage.flatMap((r) => [r.low, r.high])]);
  const scales = [{ b0, b1, c0, c1, nominal } satisfies BiasCoverageScales];
  const { width, height } = size(o, BIAS_COVERAGE_PANEL.width, BIAS_COVERAGE_PANEL.height);
  const grid = gridAxis([...bias, ...coverage].map((r) => r.x), width, o.logX);
  const xTitle = o.xTitle ?? "grid value";
  const xLower = gridEncoding(grid, xTitle);
  const color = curveEncoding(curveColors([...bias, ...coverage].map((r) => r.curve), TABLEAU10), true);
  // The panels share their x axis: the upper one keeps its ticks and grid but leaves the labels and
  // the title to the lower one (less to read).
  const xUpper = gridEncoding(grid, xTitle, false);
  const panel = (data: string, field: string, title: string, ref: number, refLabel: string, domain: [string, string], more: unknown[] = [], x = xLower) => {
    const extra = { scale: { domain: domainFrom("bc_scales", ...domain), nice: false, zero: false } };
    return {
      width, height,
      layer: [
        { data: { values: [{ y: ref, ref: refLabel }] }, mark: { type: "rule", color: NOMINAL, strokeDash: [4, 3] }, encoding: { y: q("y", undefined, extra) } },
        { data: { name: data }, mark: { type: "rule", strokeWidth: 1.5 }, encoding: { x, y: q("low", title, extra), y2: { field: "high" }, color } },
        { data: { name: data }, mark: { type: "line", point: { filled: true, size: 45 } }, encoding: {
          x, y: q(field, title, extra), color,
          tooltip: [n("label", "Grid point"), n("curve", "Term"), q(field, title, { format: ".4f" }), q("low", "interval from", { format: ".4f" }), q("high", "to", { format: ".4f" })],
        } },
        ...more,
      ],
    };
  };
  return topLevel({
    vconcat: [
      panel("bc_bias", "bias", "Bias (estimate − truth)", 0, "no bias", ["b0", "b1"], [anchorLayer("bc_note"), anchorLayer("bc_scales")], xUpper),
      panel("bc_coverage", "coverage", coverageTitle(nominal), nominal, "nominal", ["c0", "c1"]),
    ],
    resolve: { scale: { color: "shared" } },
  }, { bc_bias: bias, bc_coverage: coverage, bc_scales: scales, bc_note: fitsNote(summary, "bars: bias ±1.96 Monte Carlo SE, coverage 95% Wilson intervals") }, { text: biasCoverageTitle(o), subtitle: subtitleFrom("bc_note") });
}

function estimateDistribution(tables: Tables, options: Partial<SweepChartOptions> = {}) {
  const o: SweepChartOptions = { ...options };
  const reps = table(tables, "replicates", "estimate-distribution");
  const rows = reps.flatMap((r) => {
    const e = num(r.estimate), x = r.grid_value;
    if (e === undefined || !keep(o, label(r.term))) return [];
    const xv = label(x) + (label(r.series) ? ` (${label(r.series)})` : "");
    return [{ x: xv, order: num(x) ?? 0, term: label(r.term), estimate: e, truth: num(r.truth) ?? null }];
  });
  const order = [...new Map(rows.map((r) => [r.x, r.order])).entries()].sort((a, b) => a[1] - b[1]).map(([k]) => k);
  const terms = [...new Set(rows.map((r) => r.term))];
  const { width, height } = size(o, Math.max(160, 50 * order.length), 200);
  const xe = n("x", o.xTitle ?? "grid value", { sort: order, axis: { labelAngle: 0 } });
  return topLevel({
    data: { name: "est_rows" },
    facet: { column: { field: "term", type: "nominal", sort: terms, title: null, header: { labelFontWeight: "bold" } } },
    spec: {
      width, height,
      layer: [
        { mark: { type: "boxplot", extent: 1.5, size: 22, color: MODEL_COLORS.partial, median: { color: "white" }, outliers: { size: 8, opacity: 0.5 } }, encoding: { x: xe, y: q("estimate", "Estimate", { scale: { zero: false } }) } },
        { transform: [{ filter: "isValid(datum.truth)" }], mark: { type: "point", shape: "diamond", filled: true, color: NOMINAL, size: 70 }, encoding: { x: xe, y: { field: "truth", type: "quantitative", aggregate: "mean", title: "Estimate" }, tooltip: [n("x", "Grid point"), { field: "truth", type: "quantitative", aggregate: "mean", title: "Truth", format: ".3f" }] } },
      ],
    },
    resolve: { scale: { y: "independent" } },
  }, { est_rows: rows }, o.title ?? "Distribution of the estimates (diamond: truth)");
}

export const powerCurvePreset: Preset<PowerCurveOptions> = {
  name: "power-curve",
  title: "Power Curve",
  inputs: { summary: { required: true, description: "a sweep's summary: grid_value, series, term, rejection, mcse_rejection, alpha" } },
  defaults: { target: 0.8 },
  build: powerCurve,
  figure: (datasets, o = {}) => powerFigure(datasets, figureOptions(o, powerTitle(o), POWER_SIZE)),
};

export const biasCoveragePreset: Preset<SweepChartOptions> = {
  name: "bias-coverage",
  title: "Bias and Coverage",
  inputs: { summary: { required: true, description: "a sweep's summary: grid_value, series, term, bias, mcse_bias, coverage, mcse_coverage, alpha" } },
  defaults: {},
  build: biasCoverage,
  figure: (datasets, o = {}) => biasCoverageFigure(datasets, figureOptions(o, biasCoverageTitle(o), BIAS_COVERAGE_PANEL)),
};

export const estimateDistributionPreset: Preset<SweepChartOptions> = {
  name: "estimate-distribution",
  title: "Distribution of Estimates",
  inputs: { replicates: { required: true, description: "a sweep's replicate table: grid_value, series, term, estimate, truth" } },
  defaults: {},
  build: estimateDistribution,
};

export const sweepPresets: readonly Preset<any>[] = [powerCurvePreset, biasCoveragePreset, estimateDistributionPreset];

for (const preset of sweepPresets) {
  if (!chartPresets.has(preset.name)) chartPresets.register(preset);
}
