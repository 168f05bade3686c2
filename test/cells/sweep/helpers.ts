// Shared inputs for sweep tests: a generator and a model value as the engine would hand them over.
import type { CellInput } from "../../../src/cells/registry";
import { simulateDefaults, type SimulateOptions } from "../../../src/stats/simulate";

export function sweepInputs(options: Partial<SimulateOptions> = {}, formula = "y ~ x + (1 | group)", method = "lmer"): CellInput[] {
  return [
    { id: "sim", type: "generator", value: { options: { ...simulateDefaults, ...options } } },
    { id: "fit", type: "model", value: { method, formula, family: "gaussian", REML: true } },
  ];
}

/** A random-intercept design whose Wald inference for the within-group slope is close to exact. */
export const interceptDesign: Partial<SimulateOptions> = { groups: 10, groupSize: 10, slope: 0.5, slopeSD: 0, interceptSD: 1, sigma: 1 };
