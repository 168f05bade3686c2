// The generator's Arquero tables, built from columns as they are (typed arrays stay typed arrays),
// whether the simulation ran here or in a worker.
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import type { SimulatedColumns, SimulateOptions, SimulationTruth } from "../../stats/simulate";

/** What the tables need of a simulation: the row columns the `data` table shows, and the truth. */
export interface SimulatedRows {
  columns: Pick<SimulatedColumns, "group" | "x" | "y" | "trials">;
  truth: SimulationTruth;
}

export interface GeneratorTables {
  /** group, x, y (+ trials for binomial): the `data` table of docs/charts.md. */
  data: ColumnTable;
  /** Long form, two rows per group: group, term ("(Intercept)" | "x"), coef (true β_j), offset (true b_j), n. */
  truth: ColumnTable;
  /** One row per generating parameter: parameter (gamma00, gamma10, tau0, tau1, rho, sigma), truth. */
  parameters: ColumnTable;
  /** One row per group: group, n, x_center (the group's mean of x before noise). */
  groups: ColumnTable;
  /** The options used, after bindings. */
  options: SimulateOptions;
}

/** Arquero tables of a simulation. */
export function generatorTables(sim: SimulatedRows, options: SimulateOptions): GeneratorTables {
  const c = sim.columns;
  const data: Record<string, ArrayLike<unknown>> = { group: c.group, x: c.x, y: c.y };
  if (c.trials) data.trials = c.trials;
  const g = sim.truth.groups;
  const J = g.label.length;
  const group: string[] = [], term: string[] = [], coef: number[] = [], offset: number[] = [], n: number[] = [];
  for (let j = 0; j < J; j++) {
    group.push(g.label[j]!, g.label[j]!);
    term.push("(Intercept)", "x");
    coef.push(g.intercept[j]!, g.slope[j]!);
    offset.push(g.interceptOffset[j]!, g.slopeOffset[j]!);
    n.push(g.size[j]!, g.size[j]!);
  }
  const t = sim.truth;
  const parameters = [
    ["gamma00", t.fixedIntercept],
    ["gamma10", t.fixedSlope],
    ["tau0", t.interceptSD],
    ["tau1", t.slopeSD],
    ["rho", t.rho],
    ...(t.sigma === null ? [] : [["sigma", t.sigma]]),
  ] as [string, number][];
  return {
    data: aq.table(data as Record<string, any>),
    truth: aq.table({ group, term, coef, offset, n }),
    parameters: aq.table({ parameter: parameters.map((p) => p[0]), truth: parameters.map((p) => p[1]) }),
    groups: aq.table({ group: g.label, n: Array.from(g.size), x_center: g.xCenter }),
    options,
  };
}
