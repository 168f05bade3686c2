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

/**
 * d3's log-10 ticks(lo, hi, count) for 0 < lo < hi: every k·10^e (k = 1…9) within [lo, hi] when the
 * domain spans fewer decades than `count` (linear ticks if that gives fewer than count / 2), else
 * powers of ten at a linear step of the exponent.
 */
export function logTicks(lo: number, hi: number, count: number): number[] {
  if (!(lo > 0 && hi > lo && Number.isFinite(hi))) return [];
  const e0 = Math.log10(lo), e1 = Math.log10(hi);
  if (e1 - e0 >= count) return linearTicks(e0, e1, Math.min(e1 - e0, count)).map((e) => 10 ** e);
  const out: number[] = [];
  for (let e = Math.floor(e0); e <= Math.ceil(e1); e++) {
    for (let k = 1; k < 10; k++) {
      const t = e < 0 ? k / 10 ** -e : k * 10 ** e;
      if (t < lo) continue;
      if (t > hi) break;
      out.push(t);
    }
  }
  return out.length * 2 < count ? linearTicks(lo, hi, count) : out;
}

/** A positive tick as Vega labels a log axis: its value in plain digits, trailing zeros trimmed. */
const plainLabel = (v: number): string => String(Number(v.toPrecision(12)));

/**
 * Labels of log ticks as Vega writes them (d3's log format filter): a tick keeps its label when its
 * mantissa (the k of k·10^e) is at most max(1, 10·count / ticks), else gets "" (no label).
 */
export function logTickLabels(ticks: readonly number[], count: number): string[] {
  const most = Math.max(1, (10 * count) / Math.max(1, ticks.length));
  return ticks.map((t) => {
    let mantissa = t / 10 ** Math.round(Math.log10(t));
    if (mantissa * 10 < 10 - 0.5) mantissa *= 10;
    return mantissa <= most ? plainLabel(t) : "";
  });
}

/**
 * Labels as percentages, as Vega writes an axis formatted "%" (d3's tick format: as many decimals as
 * the step needs in percent) or ".0%" (`decimals` 0).
 */
export function percentLabels(ticks: readonly number[], decimals?: number): string[] {
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : 1;
  const places = decimals ?? Math.max(0, -Math.floor(Math.log10(step) + 1e-9) - 2);
  return ticks.map((t) => `${(t * 100).toFixed(places).replace("-", "\u2212")}%`);
}
