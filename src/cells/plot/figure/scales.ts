// Position scales of a figure's axes: linear or log, with Vega's padding, and band positions as a
// linear domain.
import type { FigureAxis } from "./types";

/** A position scale: data value → px from the panel's left (x) or top (y). */
export type PositionScale = (value: number) => number;

/** A value's position along `pixels`: linear or log-10, `padding` px in from each end; y axes run upward unless reversed. */
export function positionScale(axis: FigureAxis, pixels: number, upward: boolean): PositionScale {
  const map = axis.log ? Math.log10 : (v: number) => v;
  const lo = map(axis.domain[0]);
  const span = map(axis.domain[1]) - lo;
  const inner = pixels - 2 * axis.padding;
  const unit = span !== 0 && Number.isFinite(span) ? inner / span : 0;
  return upward !== Boolean(axis.reverse) ? (v) => pixels - axis.padding - (map(v) - lo) * unit : (v) => axis.padding + (map(v) - lo) * unit;
}

/**
 * The linear domain that puts index i of `count` categories at the centre of its band, as Vega's band
 * scale does over the same pixels with `paddingInner` and `paddingOuter` (fractions of a step). A point
 * scale with padding p is the band scale with paddingInner 1 and paddingOuter p.
 */
export function bandDomain(count: number, paddingInner: number, paddingOuter: number): [number, number] {
  const lead = paddingOuter + (1 - paddingInner) / 2;
  return [-lead, count - paddingInner + 2 * paddingOuter - lead];
}
