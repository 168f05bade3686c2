// The scale decisions the sweep charts' Vega-Lite specs and their hand-painted figures share, made
// once here so both draw the grid values at the same places with the same ticks and colours: the x
// axis of the varied value (log when the values span a factor of 8 or more), and one colour per curve.
import { linearTicks, rememberLabels, tickCountFor, tickLabels } from "../plot/presets/axis-ticks";
import { niceDomain } from "../plot/presets/nice-domain";
import type { Json } from "../plot/presets/spec";
import { q } from "../plot/presets/spec";
import type { FigureAxis } from "../plot/figure/types";
import { positionScale } from "../plot/figure/scales";

/** At most this many grid values are each given a tick; more get round ticks (linear) or every k-th value (log). */
const MAX_VALUE_TICKS = 12;
/** Px between a linear axis's end and the nearest grid value (a point and its bar are not cut by the frame). */
const LINEAR_PADDING = 12;
/** A log axis reaches this factor beyond the smallest and largest grid value. */
const LOG_MARGIN = 1.25;

export interface GridAxis {
  log: boolean;
  domain: [number, number];
  padding: number;
  ticks: number[];
  labels: string[];
  /** Ticks are grid values (labelled by {@link valueLabel}), not round steps of a linear scale. */
  valueTicks: boolean;
}

const VALUE_FORMAT = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 6, useGrouping: false });

/**
 * A grid value as a label: up to 6 significant digits without trailing zeros, in decimal notation,
 * with a typographic minus (d3's ".6~r", the spec's axis format).
 */
export const valueLabel: (v: number) => string = rememberLabels((v) => VALUE_FORMAT.format(v).replace("-", "\u2212"));

/** Estimated px per character of a 10 px axis label (generous: a label must not be taken for narrower than it is). */
const LABEL_CHAR = 6;
/** Least gap in px between two labels. */
const LABEL_GAP = 4;

/**
 * The ticks whose labels do not overlap, keeping the first and then each one clear of the last kept
 * (Vega's greedy `labelOverlap`); the spec turns Vega's own check off, so both show these.
 */
function clearTicks(axis: GridAxis, width: number): GridAxis {
  const at = positionScale({ ...axis, title: null }, width, false);
  const ticks: number[] = [];
  const labels: string[] = [];
  let reach = -Infinity;
  axis.ticks.forEach((t, i) => {
    const label = axis.labels[i]!;
    const half = (LABEL_CHAR * label.length) / 2;
    if (at(t) - half < reach + LABEL_GAP) return;
    ticks.push(t);
    labels.push(label);
    reach = at(t) + half;
  });
  return { ...axis, ticks, labels };
}

/** The x axis of the grid values `xs` on a panel `width` px wide; `logX` forces or forbids a log scale. */
export function gridAxis(xs: readonly number[], width: number, logX?: boolean): GridAxis {
  const values = [...new Set(xs)].sort((a, b) => a - b);
  const positive = values.length > 0 && values[0]! > 0;
  const lo = values[0] ?? 0, hi = values[values.length - 1] ?? 1;
  const log = positive && (logX ?? hi / lo >= 8);
  if (log) {
    const step = Math.ceil(values.length / MAX_VALUE_TICKS);
    const ticks = values.filter((_, i) => i % step === 0);
    return clearTicks({ log, domain: [lo / LOG_MARGIN, hi * LOG_MARGIN], padding: 0, ticks, labels: ticks.map(valueLabel), valueTicks: true }, width);
  }
  const half = lo === hi ? (Math.abs(lo) || 1) / 2 : 0;
  const domain = values.length ? niceDomain(lo - half, hi + half) : [0, 1] as [number, number];
  if (values.length <= MAX_VALUE_TICKS) return clearTicks({ log, domain, padding: LINEAR_PADDING, ticks: values, labels: values.map(valueLabel), valueTicks: true }, width);
  const ticks = linearTicks(domain[0], domain[1], tickCountFor(width));
  return clearTicks({ log, domain, padding: LINEAR_PADDING, ticks, labels: tickLabels(ticks), valueTicks: false }, width);
}

/** The Vega-Lite x encoding of a grid axis (field `x`); `labels` false keeps the ticks and grid only. */
export function gridEncoding(axis: GridAxis, title: string, labels = true): Json {
  const scale = axis.log ? { type: "log", domain: axis.domain, nice: false } : { zero: false, domain: axis.domain, nice: false, padding: axis.padding };
  const format = axis.valueTicks ? { format: ".6~r" } : {};
  return q("x", title, { scale, axis: { values: axis.ticks, labelOverlap: false, ...format, ...(labels ? {} : { labels: false, title: null }) } });
}

/** The figure's version of the same axis. */
export function gridFigureAxis(axis: GridAxis, title: string, labels = true): FigureAxis {
  return { title: labels ? title : null, log: axis.log, domain: axis.domain, padding: axis.padding, ticks: axis.ticks, labels: labels ? axis.labels : null };
}

/** Curves in Vega's order of a nominal domain (ascending), each with its colour from `palette`. */
export function curveColors(curves: Iterable<string>, palette: readonly string[]): Map<string, string> {
  const sorted = [...new Set(curves)].sort();
  return new Map(sorted.map((c, i) => [c, palette[i % palette.length]!]));
}

/** The Vega-Lite colour encoding of `curve` with the same colours. */
export function curveEncoding(colors: ReadonlyMap<string, string>, legend: boolean): Json {
  return { field: "curve", type: "nominal", title: "Term", scale: { domain: [...colors.keys()], range: [...colors.values()] }, ...(legend ? {} : { legend: null }) };
}
