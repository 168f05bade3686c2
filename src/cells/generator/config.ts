// Config of a generator cell: the simulation options, with optional bindings to parameter cells.
import { bindMap } from "../bind";
import { number, object, oneOfValues, optional, type Infer, type Issue } from "../schema";
import { MAX_GROUPS, simulateDefaults, validateSimulateOptions, type SimulateOptions } from "../../stats/simulate";

/** Option names that an input cell can drive (everything but nothing: all options are bindable). */
export const bindableOptions = Object.keys(simulateDefaults) as (keyof SimulateOptions)[];

const d = simulateDefaults;
const real = () => number({ min: -1e6, max: 1e6 });
const sd = () => number({ min: 0, max: 1e6 });

export const generatorSchema = object({
  seed: optional(number({ integer: true, min: -(2 ** 53), max: 2 ** 53 }), d.seed),
  groups: optional(number({ integer: true, min: 1, max: MAX_GROUPS }), d.groups),
  groupSize: optional(number({ min: 1, max: 1_000_000 }), d.groupSize),
  imbalance: optional(number({ min: 0, max: 1 }), d.imbalance),
  tinyGroup: optional(number({ integer: true, min: 0, max: 2 }), d.tinyGroup),
  intercept: optional(real(), d.intercept),
  slope: optional(real(), d.slope),
  interceptSD: optional(sd(), d.interceptSD),
  slopeSD: optional(sd(), d.slopeSD),
  rho: optional(number({ min: -1, max: 1 }), d.rho),
  sigma: optional(sd(), d.sigma),
  xMean: optional(real(), d.xMean),
  xSD: optional(sd(), d.xSD),
  confounding: optional(number({ min: -5, max: 5 }), d.confounding),
  family: optional(oneOfValues(["gaussian", "binomial", "poisson"] as const), d.family),
  trials: optional(number({ integer: true, min: 1, max: 100_000 }), d.trials),
  /** Options driven by input cells (sliders): option name → input cell id. */
  bind: optional(bindMap(bindableOptions)),
});

export type GeneratorConfig = Infer<typeof generatorSchema>;

export const defaults: GeneratorConfig = { ...simulateDefaults };

/** The simulation options written in a config (bindings not applied). */
export function configOptions(config: GeneratorConfig): SimulateOptions {
  const { bind: _bind, ...rest } = config;
  return { ...simulateDefaults, ...rest } as SimulateOptions;
}

/** Cross-field checks (tinyGroup needs 2 groups, at most 1,000,000 rows). */
export function checkGenerator(config: GeneratorConfig): Issue[] {
  return validateSimulateOptions(configOptions(config)).map((message) => ({ path: message.split(" ")[0] ?? "", message }));
}
