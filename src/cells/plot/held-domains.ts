// Axes that stand still while a slider is dragged. A preset puts its nice scale domains in a one-row
// dataset that the scales read (`domainFrom` in presets/spec.ts); on most drag steps some domain
// crosses a round number, and Vega then rebuilds that scale, its axis ticks and labels and the layout,
// and the viewer watches the frame jump instead of the marks move. During a drag (a draft run) a
// domain is therefore held at its last value while the new one fits inside it and spans at least
// HOLD_FRACTION of it (every mark stays on the chart and the marks do not shrink into a corner);
// otherwise it changes. The run that ends the drag computes every domain afresh, so what stays on
// screen equals the chart built from scratch.
import type { TopLevelSpec } from "vega-lite";
import type { PlotValue } from "./index";
import { readDomainFrom } from "./presets/spec";

/** A held domain must still span at least this share of the new data's nice domain's width. */
export const HOLD_FRACTION = 0.5;

/** One domain a spec's scale reads: fields `lo` and `hi` of the first row of dataset `dataset`. */
export interface DomainPair {
  dataset: string;
  lo: string;
  hi: string;
}

/** Every domain pair the spec's scales read (each once, in the order found). */
export function domainPairs(spec: unknown): DomainPair[] {
  const pairs = new Map<string, DomainPair>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    // Object.keys, not for...in: see collectNames in presets/spec.ts.
    const keys = Object.keys(node);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      // The rows are data, not spec: a large dataset would cost the walk more than the rest of it.
      if (key === "datasets") continue;
      const value = (node as Record<string, unknown>)[key];
      if (key === "expr" && typeof value === "string") {
        const pair = readDomainFrom(value);
        if (pair) pairs.set(`${pair.dataset}.${pair.lo}.${pair.hi}`, pair);
      } else visit(value);
    }
  };
  visit(spec);
  return [...pairs.values()];
}

/** Whether the domain [lo, hi] is held at [heldLo, heldHi]. */
export function holds(heldLo: number, heldHi: number, lo: number, hi: number): boolean {
  return heldLo < heldHi && lo < hi && lo >= heldLo && hi <= heldHi && hi - lo >= HOLD_FRACTION * (heldHi - heldLo);
}

type Row = Record<string, unknown>;
const isRow = (value: unknown): value is Row => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * `value` with each of its domains held at `previous`'s where {@link holds} says so (a draft's
 * chart); `value` itself when none is held or `previous` is not a preset chart.
 */
export function holdDomains(value: PlotValue, previous: unknown): PlotValue {
  const last = previous as Partial<PlotValue> | null | undefined;
  if (value.source !== "preset" || !isRow(last) || last.source !== "preset" || !isRow(last.datasets)) return value;
  const before = last.datasets;
  let datasets: Record<string, readonly unknown[]> | null = null;
  for (const { dataset, lo, hi } of domainPairs(value.spec)) {
    const row = (datasets ?? value.datasets)[dataset]?.[0];
    const held = before[dataset]?.[0];
    if (!isRow(row) || !isRow(held)) continue;
    const [newLo, newHi, heldLo, heldHi] = [row[lo], row[hi], held[lo], held[hi]];
    if (typeof newLo !== "number" || typeof newHi !== "number" || typeof heldLo !== "number" || typeof heldHi !== "number") continue;
    if ((newLo === heldLo && newHi === heldHi) || !holds(heldLo, heldHi, newLo, newHi)) continue;
    datasets ??= { ...value.datasets };
    datasets[dataset] = [{ ...row, [lo]: heldLo, [hi]: heldHi }, ...datasets[dataset]!.slice(1)];
  }
  if (!datasets) return value;
  return { ...value, spec: { ...value.spec, datasets } as TopLevelSpec, datasets };
}
