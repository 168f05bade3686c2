// Reusing a sweep's last result when a rerun would repeat the same plan. The power template varies
// `groups` over a grid, yet `groups` is also an input (for the graph and the example data): moving
// its slider changes no grid point, and without this the sweep would refit everything again.
import type { SweepConfig } from "./config";
import type { SweepPlan } from "./plan";
import type { SweepValue } from "./run";

/** The plan each complete result was computed from. */
const planOf = new WeakMap<SweepValue, string>();

/**
 * Everything a sweep's result depends on: its config (grid, replicates, seed, terms, truth) and each
 * grid point's simulation options and model. Replicate seeds derive from the config's seed, so an
 * equal key means an equal result.
 */
export function planKey(config: SweepConfig, plan: SweepPlan): string {
  return JSON.stringify({ config, points: plan.points.map((p) => [p.values, p.options, p.model]) });
}

/** `previous` (the cell's last value) when it is a complete run of the same plan. */
export function reusableResult(previous: unknown, key: string): SweepValue | null {
  return previous !== null && typeof previous === "object" && planOf.get(previous as SweepValue) === key ? (previous as SweepValue) : null;
}

/** Remembers which plan a run computed; cancelled runs and drafts are partial and never reused. */
export function rememberPlan(value: SweepValue, key: string): void {
  if (value.status === "complete") planOf.set(value, key);
}
