// From a sweep's config and its inputs (a generator and a model cell) to a plan: the grid points,
// each with the full simulation options and model spec a worker needs, and the truth per term.
// Nothing here reads the document: the generator's `resolve` (or value) carries its options after
// bound inputs and the model's its method, formula, family and REML, so the sweep reruns exactly those.
import type { CellInput } from "../registry";
import { simulateDefaults, validateSimulateOptions, type SimulateOptions } from "../../stats/simulate";
import { varyValues, type Collectable, type SweepConfig } from "./config";

export type Scalar = number | string | boolean;

/** What a worker refits: the model cell's resolved choices. */
export interface ModelSpec {
  /** "mixed" (lmer / glmer) or "fixed" (lm / glm: complete pooling). */
  kind: "mixed" | "fixed";
  formula: string;
  family: "gaussian" | "binomial" | "poisson";
  REML: boolean;
  nAGQ: number;
}

export interface GridPoint {
  index: number;
  /** Column name → value swept to at this point. */
  values: Record<string, Scalar>;
  /** "groups=8, slope=0.5" */
  label: string;
  options: SimulateOptions;
  model: ModelSpec;
}

export interface SweepPlan {
  points: GridPoint[];
  /** Column names of the varied options, in config order. */
  vary: string[];
  replicates: number;
  seed: number;
  alpha: number;
  /** Requested terms, or null for every term the fit reports. */
  terms: string[] | null;
  collect: ReadonlySet<Collectable>;
  /** Truth of a term at a point (null when unknown). */
  truth(point: GridPoint, term: string): number | null;
  /** Null value of a term for the rejection rate. */
  nullValue(term: string): number;
  generatorId: string;
  modelId: string;
}

const GENERATOR_OPTIONS = Object.keys(simulateDefaults).filter((k) => k !== "seed") as (keyof SimulateOptions)[];
const INTEGER_OPTIONS = new Set<string>(["groups", "tinyGroup", "trials"]);
const MODEL_OPTIONS = ["REML", "formula"] as const;

/** The generating parameters by name, as the generator's `parameters` table lists them. */
export function parametersOf(o: SimulateOptions): Record<string, number | null> {
  return {
    gamma00: o.intercept,
    gamma10: o.slope,
    tau0: o.interceptSD,
    tau1: o.slopeSD,
    rho: o.rho,
    sigma: o.family === "gaussian" ? o.sigma : null,
  };
}

/** Default truth of a term: the generating parameter it estimates (the generator's predictor is `x`). */
export function defaultParameterOf(term: string): string | null {
  switch (term) {
    case "(Intercept)":
      return "gamma00";
    case "x":
      return "gamma10";
    case "sd__(Intercept)":
      return "tau0";
    case "sd__x":
      return "tau1";
    case "cor__(Intercept).x":
    case "cor__x.(Intercept)":
      return "rho";
    case "sd__Observation":
    case "sigma":
      return "sigma";
    default:
      return null;
  }
}

function inputOfType(inputs: readonly CellInput[], type: string, id: string | undefined, key: "generator" | "model"): CellInput {
  if (id !== undefined) {
    const input = inputs.find((i) => i.id === id);
    if (!input) throw new Error(`${key}: "${id}" is not an input of this sweep (inputs: ${inputs.map((i) => i.id).join(", ") || "none"})`);
    return input;
  }
  const input = inputs.find((i) => i.type === type);
  if (!input) throw new Error(`a sweep needs a ${type} cell among its inputs (got ${inputs.map((i) => `${i.id} (${i.type})`).join(", ") || "none"})`);
  return input;
}

function generatorOptionsOf(input: CellInput): SimulateOptions {
  const options = (input.value as { options?: unknown } | null)?.options;
  if (typeof options !== "object" || options === null) throw new Error(`input "${input.id}" (${input.type}) is not a generator: its value has no simulation options`);
  return { ...simulateDefaults, ...(options as Partial<SimulateOptions>) };
}

function modelSpecOf(input: CellInput): ModelSpec {
  const v = input.value as { method?: unknown; formula?: unknown; family?: unknown; REML?: unknown } | null;
  if (typeof v?.formula !== "string" || typeof v.method !== "string") throw new Error(`input "${input.id}" (${input.type}) is not a model: its value has no method and formula`);
  const method = v.method;
  let kind: ModelSpec["kind"];
  if (method === "compare" || method === "lmer" || method === "glmer") kind = "mixed";
  else if (method === "lm" || method === "glm") kind = "fixed";
  else throw new Error(`model "${input.id}": a sweep reruns one fit with one set of estimates; method "${method}" is not supported (use lmer, glmer, lm, glm or compare)`);
  const family = (typeof v.family === "string" ? v.family : "gaussian") as ModelSpec["family"];
  return { kind, formula: v.formula, family, REML: v.REML !== false, nAGQ: 1 };
}

/** Which option a vary entry drives: explicit, a generator's `bindings` (if it reports them), or the cell id itself. */
function targetOf(entry: { cell?: string; option?: string }, generator: CellInput, path: string): { option: string; on: "generator" | "model" } {
  let option = entry.option;
  if (option === undefined && entry.cell !== undefined) {
    const bindings = (generator.value as { bindings?: unknown } | null)?.bindings;
    if (bindings && typeof bindings === "object") {
      const found = Object.entries(bindings as Record<string, unknown>).find(([, id]) => id === entry.cell);
      if (found) option = found[0];
    }
    option ??= entry.cell;
  }
  if (option !== undefined && (GENERATOR_OPTIONS as string[]).includes(option)) return { option, on: "generator" };
  if (option !== undefined && (MODEL_OPTIONS as readonly string[]).includes(option)) return { option, on: "model" };
  if (entry.option !== undefined) {
    throw new Error(`${path}.option: "${entry.option}" is not a generator option (${GENERATOR_OPTIONS.join(", ")}) or a model option (${MODEL_OPTIONS.join(", ")})`);
  }
  throw new Error(`${path}: cannot tell which option the cell "${entry.cell}" drives; add "option" (one of ${GENERATOR_OPTIONS.join(", ")}, ${MODEL_OPTIONS.join(", ")})`);
}

function coerce(option: string, value: Scalar, path: string): Scalar {
  if (option === "formula" || option === "family") {
    if (typeof value !== "string") throw new Error(`${path}: ${option} takes text, got ${JSON.stringify(value)}`);
    return value;
  }
  if (option === "REML") {
    if (typeof value === "boolean") return value;
    if (value === "true" || value === "false") return value === "true";
    throw new Error(`${path}: REML takes true or false, got ${JSON.stringify(value)}`);
  }
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n)) throw new Error(`${path}: ${option} takes numbers, got ${JSON.stringify(value)}`);
  return INTEGER_OPTIONS.has(option) ? Math.round(n) : n;
}

export function planSweep(config: SweepConfig, inputs: readonly CellInput[]): SweepPlan {
  const generator = inputOfType(inputs, "generator", config.generator, "generator");
  const model = inputOfType(inputs, "model", config.model, "model");
  const baseOptions = generatorOptionsOf(generator);
  const baseModel = modelSpecOf(model);

  const axes = (config.vary ?? []).map((entry, i) => {
    const path = `vary[${i}]`;
    const target = targetOf(entry, generator, path);
    const values = varyValues(entry).map((v, k) => coerce(target.option, v, `${path}.values[${k}]`));
    const unique = values.filter((v, k) => values.indexOf(v) === k);
    return { ...target, column: target.option, values: unique };
  });
  const columns = axes.map((a) => a.column);
  const duplicate = columns.find((c, k) => columns.indexOf(c) !== k);
  if (duplicate) throw new Error(`vary: "${duplicate}" is varied twice`);

  const points: GridPoint[] = [];
  const combos: Scalar[][] = [[]];
  for (const axis of axes) {
    const next: Scalar[][] = [];
    for (const combo of combos) for (const v of axis.values) next.push([...combo, v]);
    combos.splice(0, combos.length, ...next);
  }
  combos.forEach((combo, index) => {
    const options: SimulateOptions = { ...baseOptions };
    const modelSpec: ModelSpec = { ...baseModel };
    const values: Record<string, Scalar> = {};
    axes.forEach((axis, k) => {
      const v = combo[k]!;
      values[axis.column] = v;
      if (axis.on === "generator") (options as unknown as Record<string, Scalar>)[axis.option] = v;
      else (modelSpec as unknown as Record<string, Scalar>)[axis.option] = v;
    });
    const label = axes.map((a, k) => `${a.column}=${String(combo[k])}`).join(", ") || "base";
    const problems = validateSimulateOptions(options);
    if (problems.length) throw new Error(`grid point ${label}: ${problems.join("; ")}`);
    points.push({ index, values, label, options, model: modelSpec });
  });

  const truthConfig = config.truth ?? {};
  const nullConfig = config.nullValues ?? {};
  const truth = (point: GridPoint, term: string): number | null => {
    const configured = Object.hasOwn(truthConfig, term) ? truthConfig[term] : undefined;
    const params = parametersOf(point.options);
    if (configured === null) return null;
    if (typeof configured === "number") return configured;
    const name = typeof configured === "string" ? configured : defaultParameterOf(term);
    if (name === null) return null;
    if (!Object.hasOwn(params, name)) throw new Error(`truth.${term}: "${name}" is not a generator parameter (${Object.keys(params).join(", ")})`);
    return params[name] ?? null;
  };
  for (const [term, v] of Object.entries(truthConfig)) {
    if (typeof v === "string" && !Object.hasOwn(parametersOf(baseOptions), v)) {
      throw new Error(`truth.${term}: "${v}" is not a generator parameter (${Object.keys(parametersOf(baseOptions)).join(", ")})`);
    }
  }
  for (const [term, v] of Object.entries(nullConfig)) {
    if (typeof v !== "number") throw new Error(`nullValues.${term}: give a number`);
  }
  return {
    points,
    vary: columns,
    replicates: config.replicates ?? 100,
    seed: config.seed ?? 1,
    alpha: config.alpha ?? 0.05,
    terms: config.terms ? [...config.terms] : null,
    collect: new Set(config.collect ?? ["estimate", "se", "ci", "p", "singular", "converged"]),
    truth,
    nullValue: (term) => {
      const v = Object.hasOwn(nullConfig, term) ? nullConfig[term] : undefined;
      return typeof v === "number" ? v : 0;
    },
    generatorId: generator.id,
    modelId: model.id,
  };
}
