// Axis ticks computed in a preset, for charts that draw their own axes (the trellis): the values and
// labels Vega's linear axis would show, so a hand-laid-out axis reads like every other chart's.
import { tickIncrement } from "./nice-domain";

/** d3's ticks(lo, hi, count): the multiples of the 1-, 2- or 5-step within [lo, hi], ascending. */
export function linearTicks(lo: number, hi: number, count: number): number[] {
  if (!(Number.isFinite(lo) && Number.isFinite(hi)) || hi <= lo || count <= 0) return [];
  const increment = tickIncrement(lo, hi, count);
  if (!Number.isFinite(increment) || increment === 0) return [];
  const out: number[] = [];
  if (increment > 0) {
    for (let i = Math.ceil(lo / increment), end = Math.floor(hi / increment); i <= end; i++) out.push(i * increment);
  } else {
    const inverse = -increment;
    for (let i = Math.ceil(lo * inverse), end = Math.floor(hi * inverse); i <= end; i++) out.push(i / inverse);
  }
  return out;
}

/** The number of ticks Vega-Lite asks a quantitative axis of `pixels` length for. */
export function tickCountFor(pixels: number): number {
  return Math.ceil(pixels / 40);
}

/**
 * Labels as d3's default tick format: as many decimals as the step needs, thousands grouped, and
 * the typographic minus sign.
 */
export function tickLabels(ticks: readonly number[]): string[] {
  if (ticks.length === 0) return [];
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : Math.abs(ticks[0]!) || 1;
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const format = formatWith(decimals);
  return ticks.map((t) => format(t === 0 ? 0 : t));
}

/**
 * `format`, remembering its labels: Intl's format is slow for the few ticks a drag step labels per
 * chart, and the ticks mostly repeat from step to step.
 */
export function rememberLabels(format: (t: number) => string): (t: number) => string {
  const labels = new Map<number, string>();
  return (t) => {
    let label = labels.get(t);
    if (label === undefined) {
      if (labels.size > 1000) labels.clear();
      label = format(t);
      labels.set(t, label);
    }
    return label;
  };
}

/** A formatter to `decimals` places with the typographic minus. */
const formats = new Map<number, (t: number) => string>();
function formatWith(decimals: number): (t: number) => string {
  let format = formats.get(decimals);
  if (!format) {
    const intl = new Intl.NumberFormat("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    format = rememberLabels((t) => intl.format(t).replace("-", "\u2212"));
    formats.set(decimals, format);
  }
  return format;
}
