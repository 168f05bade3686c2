// A scale domain rounded outward to round tick values, as Vega's `nice: true` does for a linear scale
// (d3's linear nice with its default of 10 ticks), computed in the preset instead of in the view.
// Presets put such domains in a one-row scales dataset (`domainFrom`): a slider move rarely changes
// them, so Vega keeps its scales and axes instead of deriving them from the rows on every update.
import { extent } from "./util";

const E10 = Math.sqrt(50);
const E5 = Math.sqrt(10);
const E2 = Math.sqrt(2);

/**
 * d3's tickIncrement: for a range [lo, hi] split into about `count` ticks, the tick step 1, 2 or 5 × 10^k,
 * returned as the step when k ≥ 0 and as −1/step when k < 0 (so the rounding below stays exact).
 */
export function tickIncrement(lo: number, hi: number, count: number): number {
  const step = (hi - lo) / Math.max(0, count);
  const power = Math.floor(Math.log10(step));
  const error = step / 10 ** power;
  const factor = error >= E10 ? 10 : error >= E5 ? 5 : error >= E2 ? 2 : 1;
  return power >= 0 ? factor * 10 ** power : -(10 ** -power) / factor;
}

/**
 * The nice domain a scale needs to show `values`: their extent (nulls, NaN and infinities left out;
 * see `extent` for one value or none), rounded out by {@link niceDomain}.
 */
export function niceExtent(values: readonly (number | null | undefined)[]): [number, number] {
  const finite: number[] = [];
  for (const v of values) if (typeof v === "number" && Number.isFinite(v)) finite.push(v);
  return niceDomain(...extent(finite));
}

/** [lo, hi] widened to multiples of its tick step, repeated until the step settles (d3's linear.nice). */
export function niceDomain(lo: number, hi: number, count = 10): [number, number] {
  if (!(Number.isFinite(lo) && Number.isFinite(hi)) || hi <= lo) return [lo, hi];
  let start = lo;
  let stop = hi;
  let previous: number | undefined;
  for (let i = 0; i < 10; i++) {
    const step = tickIncrement(start, stop, count);
    if (step === previous) break;
    if (step > 0) {
      start = Math.floor(start / step) * step;
      stop = Math.ceil(stop / step) * step;
    } else if (step < 0) {
      start = Math.ceil(start * step) / step;
      stop = Math.floor(stop * step) / step;
    } else break;
    previous = step;
  }
  return [start, stop];
}
