import type { TopLevelSpec } from "vega-lite";
import type { Preset, CommonOptions } from "./types";
import type { Tables } from "../tables";
import { dataScatter } from "./data-scatter";
import { shrinkageMap, shrinkageMapDefaults } from "./shrinkage-map";
import { SANDBOX_TEXT, sandboxFigure } from "./sandbox-figure";
import { spaghetti } from "./spaghetti";
import { AUTOSIZE, CONFIG, SCHEMA, type Json } from "./spec";

/** Options of {@link sandbox}. */
export interface SandboxOptions extends CommonOptions {
  /** Family of the simulated response; passed on to the data and spaghetti views. Defaults to "gaussian". */
  family: "gaussian" | "binomial" | "poisson";
}

/** Each view's plot area, px. */
const MINI = { width: 220, height: 200 } as const;

export const sandboxDefaults: SandboxOptions = { family: "gaussian", ...MINI };

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
    dataScatter.build(tables, { ...mini, counts: false, family: o.family, title: SANDBOX_TEXT.data }),
    shrinkageMap.build(tables, { ...mini, title: SANDBOX_TEXT.map, xTitle: SANDBOX_TEXT.intercept, yTitle: SANDBOX_TEXT.slope }),
    // η = intercept + slope·x drawn as it is (the identity, as for a gaussian response): straight lines
    // on the link scale for every family.
    spaghetti.build(tables, { ...mini, family: "gaussian", yTitle: SANDBOX_TEXT.eta, title: SANDBOX_TEXT.spaghetti }),
  ] as unknown as Json[];
  const datasets: Json = {};
  const hconcat = parts.map((p) => {
    const { $schema: _s, datasets: d, config: _c, autosize: _a, ...body } = p;
    Object.assign(datasets, d as Json);
    return body;
  });
  return { $schema: SCHEMA, title: o.title ?? SANDBOX_TEXT.title, datasets, hconcat, resolve: { scale: { color: "independent", shape: "independent" }, legend: { color: "independent" } }, autosize: AUTOSIZE, config: CONFIG } as unknown as TopLevelSpec;
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
  figure: (datasets, options = {}) => {
    const o = { ...sandboxDefaults, ...options };
    return sandboxFigure(datasets, { title: o.title, width: o.width ?? MINI.width, height: o.height ?? MINI.height, sizeByN: shrinkageMapDefaults.sizeByN });
  },
};
