import type { TopLevelSpec } from "vega-lite";
import type { Preset, CommonOptions } from "./types";
import type { Tables } from "../tables";
import { dataScatter } from "./data-scatter";
import { shrinkageMap } from "./shrinkage-map";
import { spaghetti } from "./spaghetti";
import { AUTOSIZE, CONFIG, SCHEMA, type Json } from "./spec";

/** Options of {@link sandbox}. */
export interface SandboxOptions extends CommonOptions {
  /** Family of the simulated response; passed on to the data and spaghetti views. Defaults to "gaussian". */
  family: "gaussian" | "binomial" | "poisson";
}

export const sandboxDefaults: SandboxOptions = { family: "gaussian", width: 220, height: 200 };

/**
 * The views' titles, the same for every family (the link scale is the identity for a gaussian one), so
 * that switching the family swaps rows and the chart stays in place.
 */
const SANDBOX_TITLES = { intercept: "Intercept (link scale)", slope: "Slope (link scale)", eta: "linear predictor η" } as const;

/**
 * **The Sandbox (GLMM sandbox) strip**: three mini-views side by side, all fed by the same sandbox
 * state: The Data, the Shrinkage Map and the Spaghetti plot. Their datasets keep their own names
 * (`data_*`, `shrink_*`, `spag_*`), so one `updateViewData` call refreshes all three.
 *
 * Inputs: `data` ({@link DataRow}), `coefs` ({@link CoefRow}), `fixef` ({@link FixefRow}),
 * `varcorr` ({@link VarCorrRow}, optional), `population` ({@link PopulationRow}, optional).
 */
function build(tables: Tables, options: Partial<SandboxOptions> = {}): TopLevelSpec {
  const o = { ...sandboxDefaults, ...options };
  const mini = { width: o.width, height: o.height };
  const parts = [
    dataScatter.build(tables, { ...mini, counts: false, family: o.family, title: "The Data" }),
    shrinkageMap.build(tables, { ...mini, title: "Shrinkage Map", xTitle: SANDBOX_TITLES.intercept, yTitle: SANDBOX_TITLES.slope }),
    // η = intercept + slope·x drawn as it is (the identity, as for a gaussian response): straight lines
    // on the link scale for every family.
    spaghetti.build(tables, { ...mini, family: "gaussian", yTitle: SANDBOX_TITLES.eta, title: "Spaghetti" }),
  ] as unknown as Json[];
  const datasets: Json = {};
  const hconcat = parts.map((p) => {
    const { $schema: _s, datasets: d, config: _c, autosize: _a, ...body } = p;
    Object.assign(datasets, d as Json);
    return body;
  });
  return { $schema: SCHEMA, title: o.title ?? "Sandbox", datasets, hconcat, resolve: { scale: { color: "independent", shape: "independent" }, legend: { color: "independent" } }, autosize: AUTOSIZE, config: CONFIG } as unknown as TopLevelSpec;
}

export const sandbox: Preset<SandboxOptions> = {
  name: "sandbox",
  title: "Sandbox (mini-views)",
  inputs: {
    data: { required: true, description: "group, x, y[, trials]" },
    coefs: { required: true, description: "group, model (complete|no|partial), intercept, slope, n" },
    fixef: { required: true, description: "term, estimate" },
    varcorr: { required: false, description: "grp, var1, var2, vcov, sdcor" },
    population: { required: false, description: "x, estimate, conf_low, conf_high, pred_low, pred_high" },
  },
  defaults: sandboxDefaults,
  build,
};
