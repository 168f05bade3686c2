// Config of a sweep cell: which parameters to vary over which values, how many replicates, the seed,
// which terms to collect and what to compare them with. Example (templates/power.json):
//
//   { "type": "sweep", "inputs": ["sim", "fit", "groups"],
//     "config": { "vary": [{ "cell": "groups", "values": [4, 8, 16, 32] }],
//                 "replicates": 100, "seed": 2026, "terms": ["x", "sd__x"], "alpha": 0.05 } }
//
// - inputs: the generator and the model cell it reruns (`generator` / `model` name them when there are
//   several), optionally the parameter cells it varies (only for the graph).
// - vary[i]: `cell` (a parameter cell id) and/or `option` (the generator option: groups, groupSize,
//   imbalance, tinyGroup, intercept, slope, interceptSD, slopeSD, rho, sigma, xMean, xSD, confounding,
//   family, trials; or the model's REML / formula), with `values: [...]` or `from`, `to`, `steps`
//   (`scale: "log"` for geometric steps). A cell named like an option drives that option (the generator's
//   own convention); otherwise give `option`. The grid is every combination, first entry outermost.
// - replicates per grid point; seed: replicate r at point g simulates with replicateSeed(seed, g, r).
// - terms: fixed effects and broom.mixed-named variance parameters (default: all); collect: columns
//   of the replicate table (default all of estimate, se, ci, p, singular, converged).
// - truth: per term, a number, a generator parameter name (gamma00, gamma10, tau0, tau1, rho, sigma)
//   or null; default by term name. nullValues: per term, the null of the rejection rate (default 0).
// - alpha: level of the rejection rate and 1 − level of the Wald CI; workers: 0 = one per core.
import {
  array, describeValue, number, object, oneOfValues, optional, recordOf, scalar, string, type Infer, type Issue, type Schema,
} from "../schema";

/** Columns of the replicate table a sweep can collect besides the estimate. */
export const collectables = ["estimate", "se", "ci", "p", "singular", "converged"] as const;
export type Collectable = (typeof collectables)[number];

/** Most grid points × replicates one sweep may ask for. */
export const MAX_FITS = 100_000;
/** Most grid points. */
export const MAX_POINTS = 400;

const cellId = () => string({ minLength: 1, maxLength: 64 });
const finiteNumber = () => number({ min: -1e9, max: 1e9 });

const varySchema = object({
  /** The parameter cell whose value is swept (by id). */
  cell: optional(cellId()),
  /** The generator option (groups, groupSize, slope, slopeSD, …) or model option (REML, formula) it drives. */
  option: optional(string({ minLength: 1, maxLength: 40 })),
  /** The values, in order. */
  values: optional(array(scalar(), { minItems: 1, maxItems: 100 })),
  /** Or a range: `steps` values from `from` to `to`, evenly spaced (`scale: "log"`: geometrically). */
  from: optional(finiteNumber()),
  to: optional(finiteNumber()),
  steps: optional(number({ integer: true, min: 1, max: 100 })),
  scale: optional(oneOfValues(["linear", "log"] as const)),
});

export type VaryConfig = Infer<typeof varySchema>;

/** `{term: number | "gamma10" | null}`: the truth of a term, by value or by generator parameter name. */
function truthMap(): Schema<Record<string, number | string | null>> {
  return recordOf<number | string | null>(`an object mapping terms to a number, a generator parameter name or null, e.g. {"x": "gamma10"}`, (key, value) => {
    if (key.length === 0 || key.length > 100) return { problem: "a term name has 1 to 100 characters" };
    if (value === null || (typeof value === "number" && Number.isFinite(value)) || (typeof value === "string" && value.length <= 40)) return { value };
    return { problem: `expected a number, a parameter name or null, got ${describeValue(value)}` };
  });
}

export const sweepSchema = object({
  /** Id of the generator input whose simulation is rerun (default: the first generator input). */
  generator: optional(cellId()),
  /** Id of the model input whose fit is rerun (default: the first model input). */
  model: optional(cellId()),
  /** Parameters to vary; the grid is every combination (first entry outermost). Empty: one point. */
  vary: optional(array(varySchema, { maxItems: 4 }), []),
  /** Replicates per grid point. */
  replicates: optional(number({ integer: true, min: 1, max: 100_000 }), 100),
  /** Seed of the whole sweep; replicate r at point g simulates with a seed derived from (seed, g, r). */
  seed: optional(number({ integer: true, min: -(2 ** 53), max: 2 ** 53 }), 1),
  /**
   * Terms to collect: fixed effects ("x", "(Intercept)") and variance parameters as broom.mixed
   * names them ("sd__(Intercept)", "sd__x", "cor__(Intercept).x", "sd__Observation"). Default: all.
   */
  terms: optional(array(string({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 20 })),
  /** Columns of the replicate table (the summary always has every measure). Default: all. */
  collect: optional(array(oneOfValues(collectables), { minItems: 1, maxItems: collectables.length })),
  /** Truth per term; default from the generator: (Intercept) gamma00, x gamma10, sd__(Intercept) tau0, sd__x tau1, cor rho, sd__Observation sigma. */
  truth: optional(truthMap()),
  /** Value of each term under the null hypothesis of the rejection rate (default 0). */
  nullValues: optional(truthMap()),
  /** Significance level of the rejection rate; Wald intervals have level 1 − alpha. */
  alpha: optional(number({ min: 0.0001, max: 0.5 }), 0.05),
  /** Workers to use: 0 = one per core. */
  workers: optional(number({ integer: true, min: 0, max: 32 }), 0),
});

export type SweepConfig = Infer<typeof sweepSchema>;

export const sweepDefaults: SweepConfig = { vary: [], replicates: 100, seed: 1, alpha: 0.05, workers: 0 };

/** The values of one vary entry (a range expanded); integer rounding is applied later, per option. */
export function varyValues(v: VaryConfig): (number | string | boolean)[] {
  if (v.values) return [...v.values];
  const from = v.from!, to = v.to!, steps = v.steps!;
  if (steps === 1) return [from];
  const out: number[] = [];
  for (let k = 0; k < steps; k++) {
    const t = k / (steps - 1);
    out.push(v.scale === "log" ? Math.exp(Math.log(from) + t * (Math.log(to) - Math.log(from))) : from + t * (to - from));
  }
  // Remove floating noise such as 7.999999999 from geometric steps.
  return out.map((x) => Number(x.toPrecision(12)));
}

export function checkSweep(config: SweepConfig): Issue[] {
  const issues: Issue[] = [];
  let points = 1;
  (config.vary ?? []).forEach((v, i) => {
    const path = `vary[${i}]`;
    if (v.cell === undefined && v.option === undefined) issues.push({ path, message: `name the parameter cell ("cell") or the option ("option") to vary` });
    const hasRange = v.from !== undefined || v.to !== undefined || v.steps !== undefined;
    if (v.values && hasRange) issues.push({ path, message: `give either "values" or "from", "to" and "steps", not both` });
    else if (!v.values && (v.from === undefined || v.to === undefined || v.steps === undefined)) {
      issues.push({ path, message: `give "values" or all of "from", "to" and "steps"` });
    } else if (v.scale === "log" && !v.values && !(v.from! > 0 && v.to! > 0)) {
      issues.push({ path: `${path}.scale`, message: `a log scale needs positive "from" and "to"` });
    }
    points *= v.values ? v.values.length : (v.steps ?? 1);
  });
  if (points > MAX_POINTS) issues.push({ path: "vary", message: `the grid has ${points} points; at most ${MAX_POINTS}` });
  const fits = points * (config.replicates ?? 100);
  if (fits > MAX_FITS) issues.push({ path: "replicates", message: `${points} grid points × ${config.replicates} replicates = ${fits} fits; at most ${MAX_FITS}` });
  return issues;
}
