// The generator cell: seeded simulation of grouped data, with the truth beside it.
import { boundOptions } from "../bind";
import { shouldOffload } from "../offload/policy";
import { defineCellType, type CellInput, type Json } from "../registry";
import { simulateGroupedData, validateSimulateOptions, type SimulateOptions } from "../../stats/simulate";
import { bindableOptions, checkGenerator, configOptions, defaults, generatorSchema, type GeneratorConfig } from "./config";
import { generatorTables, type GeneratorTables } from "./tables";
import { loadOnce } from "../load-once";

/** The worker path (large data), loaded on first use and kept: see load-once.ts. */
const loadOffload = loadOnce(() => import("./offload"));

export type { GeneratorConfig } from "./config";
export { generatorTables, type GeneratorTables, type SimulatedRows } from "./tables";

/** What a generator cell holds: plots and models read these tables by name. */
export interface GeneratorValue extends GeneratorTables {
  /** Which input cell drives which option (explicit `bind` and inputs named like an option), for sweeps. */
  bindings: Record<string, string>;
}

/**
 * Rows a simulation with these options will have, known before simulating it, so a large one can
 * go to a worker from the start: round(groups × groupSize) (a tiny group can add a row or two).
 */
export function expectedRows(options: SimulateOptions): number {
  return Math.round(options.groups * options.groupSize);
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

export const generator = defineCellType<GeneratorConfig, GeneratorValue>({
  name: "generator",
  title: "Generator",
  description: "Seeded simulation of grouped data (random intercepts and slopes; gaussian, binomial or Poisson), with the truth beside it.",
  config: generatorSchema,
  defaults,
  inputs: { min: 0, max: 16 },
  check: checkGenerator,
  // What a sweep reruns: the options after the bound inputs, and which input drives which option.
  resolve: (config, inputs): Pick<GeneratorValue, "options" | "bindings"> => ({ options: resolveOptions(config, inputs), bindings: bindingsOf(config, inputs) }),
  compute(config, inputs, context): GeneratorValue | Promise<GeneratorValue> {
    const options = resolveOptions(config, inputs);
    const bindings = bindingsOf(config, inputs);
    // A large simulation (in a browser page) runs in a worker: simulating 100,000 rows here would
    // freeze the page for a few hundred ms. Small ones stay synchronous, so a slider drag over a
    // small dataset settles within its frame; Node (CLI, tests) always simulates in-process.
    if (shouldOffload(expectedRows(options))) {
      return Promise.resolve(loadOffload()).then((m) => m.simulateInWorker(options, context.signal)).then((tables) => ({ ...tables, bindings }));
    }
    return { ...generatorTables(simulateGroupedData(options), options), bindings };
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
