// The generator cell: seeded simulation of grouped data, with the truth beside it.
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { boundOptions } from "../bind";
import { defineCellType, type CellInput, type Json } from "../registry";
import { simulateGroupedData, validateSimulateOptions, type SimulateOptions, type SimulatedData } from "../../stats/simulate";
import { bindableOptions, checkGenerator, configOptions, defaults, generatorSchema, type GeneratorConfig } from "./config";

export type { GeneratorConfig } from "./config";

/** What a generator cell holds: plots and models read these tables by name. */
export interface GeneratorValue {
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
  /** Which input cell drives which option (explicit `bind` and inputs named like an option), for sweeps. */
  bindings: Record<string, string>;
}

/**
 * Options after applying input values: explicit `bind` entries first, then any input whose cell id
 * is an option name (a slider called "confounding" drives confounding).
 */
export function resolveOptions(config: GeneratorConfig, inputs: readonly CellInput[]): SimulateOptions {
  const options = { ...configOptions(config), ...boundOptions(config.bind, bindableOptions, inputs) };
  const problems = validateSimulateOptions(options as Partial<SimulateOptions>);
  if (problems.length) throw new Error(problems.join("; "));
  return options as unknown as SimulateOptions;
}

function bindingsOf(config: GeneratorConfig, inputs: readonly CellInput[]): Record<string, string> {
  const bindings: Record<string, string> = { ...(config.bind ?? {}) };
  const used = new Set(Object.values(bindings));
  for (const input of inputs) {
    if (!used.has(input.id) && (bindableOptions as string[]).includes(input.id) && !(input.id in bindings)) bindings[input.id] = input.id;
  }
  return bindings;
}

/** Arquero tables of a simulation. */
export function generatorTables(sim: SimulatedData, options: SimulateOptions): Omit<GeneratorValue, "bindings"> {
  const c = sim.columns;
  const data: Record<string, ArrayLike<unknown>> = { group: c.group, x: c.x, y: c.y };
  if (c.trials) data.trials = c.trials;
  const g = sim.truth.groups;
  const J = g.label.length;
  const group: string[] = [], term: string[] = [], coef: number[] = [], offset: number[] = [], n: number[] = [];
  for (let j = 0; j < J; j++) {
    group.push(g.label[j], g.label[j]);
    term.push("(Intercept)", "x");
    coef.push(g.intercept[j], g.slope[j]);
    offset.push(g.interceptOffset[j], g.slopeOffset[j]);
    n.push(g.size[j], g.size[j]);
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

export const generator = defineCellType<GeneratorConfig, GeneratorValue>({
  name: "generator",
  title: "Generator",
  description: "Seeded simulation of grouped data (random intercepts and slopes; gaussian, binomial or Poisson), with the truth beside it.",
  config: generatorSchema,
  defaults,
  inputs: { min: 0, max: 16 },
  check: checkGenerator,
  compute(config, inputs) {
    const options = resolveOptions(config, inputs);
    return { ...generatorTables(simulateGroupedData(options), options), bindings: bindingsOf(config, inputs) };
  },
  summary(value): Json {
    const o = value.options;
    return {
      rows: value.data.numRows(),
      groups: value.groups.numRows(),
      columns: value.data.columnNames(),
      family: o.family,
      seed: o.seed,
      parameters: Object.fromEntries(
        (value.parameters.objects() as { parameter: string; truth: number }[]).map((r) => [r.parameter, r.truth]),
      ),
    };
  },
  tables: (value) => ({ main: value.data, truth: value.truth, parameters: value.parameters, groups: value.groups }),
});
