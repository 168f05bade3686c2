/**
 * Pipeline steps as data: each step is an object with exactly one verb key, e.g.
 *
 *   [{ "filter": "d => d.x > 0" },
 *    { "derive": { "xc": "d => d.x - op.mean(d.x)" } },
 *    { "groupby": ["group"] },
 *    { "rollup": { "n": "d => op.count()", "ybar": "d => op.mean(d.y)" } }]
 *
 * {@link validateSteps} checks the shape and every expression (without tables) so that a shared
 * file is refused when it is opened; the pipeline checks expressions again against the actual
 * columns when it runs.
 */
import type { Issue } from "../schema";
import { checkExpression, type ExpressionContext, ExpressionError } from "./expression";

/** An orderby key: a column name (ascending) or `{desc: name}`. */
export type OrderKey = string | { desc: string };

export interface JoinSpec {
  /** Name of the other input table (a key of `runPipeline`'s `tables`, not "main"). */
  table: string;
  /** Key columns shared by both tables, or `{left, right}` for differently named keys; omitted = natural join. */
  on?: string | string[] | { left: string[]; right: string[] };
  /** A join predicate instead of keys, e.g. "(a, b) => a.g === b.g && a.t < b.t". */
  predicate?: string;
  /** inner (default), left, right or full. */
  how?: "inner" | "left" | "right" | "full";
  /** Suffixes for clashing column names; defaults to ["_1", "_2"]. */
  suffix?: [string, string];
}

export interface SampleSpec {
  /** Rows to draw (per group when grouped). Give `n` or `frac`. */
  n?: number;
  /** Fraction of rows to draw (per group when grouped), in [0, 1] (or more with replacement). */
  frac?: number;
  /** Seed of the draw; the same seed gives the same rows everywhere. */
  seed: number;
  /** Draw with replacement (bootstrap). */
  replace?: boolean;
}

export interface FoldSpec {
  /** Columns to fold into key/value rows. */
  columns: string[];
  /** Names of the key and value columns; defaults to ["key", "value"]. */
  as?: [string, string];
}

export interface PivotSpec {
  /** Column(s) whose values become new column names. */
  keys: string[];
  /** Column(s) to spread (first value per cell), or named aggregate expressions. */
  values: string[] | Record<string, string>;
}

export interface SliceSpec {
  start?: number;
  end?: number;
}

/** One step; exactly one key is present. */
export type PipelineStep =
  | { filter: string }
  | { derive: Record<string, string> }
  | { select: string[] }
  | { rename: Record<string, string> }
  | { groupby: string[] }
  | { ungroup: true }
  | { rollup: Record<string, string> }
  | { orderby: OrderKey[] }
  | { join: JoinSpec }
  | { sample: SampleSpec }
  | { fold: FoldSpec }
  | { pivot: PivotSpec }
  | { dedupe: string[] }
  | { slice: SliceSpec };

export type Verb = PipelineStep extends infer S ? (S extends unknown ? keyof S : never) : never;

export const VERBS: readonly Verb[] = [
  "filter", "derive", "select", "rename", "groupby", "ungroup", "rollup", "orderby",
  "join", "sample", "fold", "pivot", "dedupe", "slice",
];

export const MAX_STEPS = 100;
export const MAX_NAMES = 1000;
export const MAX_NAME_LENGTH = 200;

/** Names a column may not have: they would touch prototypes of Arquero's column maps. */
const RESERVED_NAMES = new Set(["__proto__", "constructor", "prototype"]);

/** Where each verb's expressions may use aggregates and windows (mirrors Arquero's verbs). */
export const EXPRESSION_CONTEXT: Record<"filter" | "derive" | "rollup" | "pivot", ExpressionContext> = {
  filter: {},
  derive: {},
  rollup: { aggregateOnly: true, window: false },
  pivot: { aggregateOnly: true, window: false },
};

/** The single verb key of a step object, or an Issue message. */
export function stepVerb(step: unknown): Verb | string {
  if (step === null || typeof step !== "object" || Array.isArray(step)) {
    return `expected a step object such as {"filter": "d => d.x > 0"}`;
  }
  const keys = Object.keys(step);
  if (keys.length !== 1) {
    return `expected exactly one verb key (one of ${VERBS.join(", ")}), got ${keys.length ? keys.map((k) => `"${k}"`).join(", ") : "none"}`;
  }
  const verb = keys[0] as Verb;
  if (!VERBS.includes(verb)) return `unknown verb "${keys[0]}"; use one of ${VERBS.join(", ")}`;
  return verb;
}

/** Checks a column name given in a step (as input or output). */
export function nameProblem(name: unknown): string | null {
  if (typeof name !== "string") return `expected a column name, got ${typeof name}`;
  if (name === "") return "column names may not be empty";
  if (name.length > MAX_NAME_LENGTH) return `column names may be at most ${MAX_NAME_LENGTH} characters`;
  if (RESERVED_NAMES.has(name)) return `"${name}" is not allowed as a column name`;
  return null;
}

class Collector {
  constructor(readonly issues: Issue[]) {}
  add(path: string, message: string): void {
    this.issues.push({ path, message });
  }
  names(path: string, value: unknown, allowEmpty = false): void {
    if (!Array.isArray(value)) return this.add(path, "expected an array of column names");
    if (!allowEmpty && value.length === 0) return this.add(path, "expected at least one column name");
    if (value.length > MAX_NAMES) return this.add(path, `at most ${MAX_NAMES} names`);
    value.forEach((v, i) => {
      const p = nameProblem(v);
      if (p) this.add(`${path}[${i}]`, p);
    });
  }
  expressions(path: string, value: unknown, context: ExpressionContext): void {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return this.add(path, 'expected an object of named expressions such as {"z": "d => d.x * 2"}');
    }
    const entries = Object.entries(value);
    if (entries.length === 0) return this.add(path, "expected at least one named expression");
    if (entries.length > MAX_NAMES) return this.add(path, `at most ${MAX_NAMES} expressions`);
    for (const [name, expr] of entries) {
      const p = nameProblem(name);
      if (p) this.add(`${path}.${name}`, p);
      else this.expression(`${path}.${name}`, expr, context);
    }
  }
  expression(path: string, expr: unknown, context: ExpressionContext): void {
    try {
      checkExpression(expr, context);
    } catch (err) {
      if (!(err instanceof ExpressionError)) throw err;
      this.add(path, typeof expr === "string" ? `${err.message} in "${expr}"` : err.message);
    }
  }
  integer(path: string, value: unknown, min: number): void {
    if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
      this.add(path, `expected an integer >= ${min}, got ${JSON.stringify(value)}`);
    }
  }
  keysOnly(path: string, value: object, allowed: string[]): void {
    for (const k of Object.keys(value)) if (!allowed.includes(k)) this.add(`${path}.${k}`, `unknown option; use ${allowed.join(", ")}`);
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * Shape and expression problems of `steps`, each with a path such as `steps[2].derive.z`.
 * Does not need the tables (column existence is checked when the pipeline runs).
 */
export function validateSteps(steps: unknown, path = "steps"): Issue[] {
  const c = new Collector([]);
  if (!Array.isArray(steps)) {
    c.add(path, "expected an array of steps");
    return c.issues;
  }
  if (steps.length > MAX_STEPS) c.add(path, `at most ${MAX_STEPS} steps, got ${steps.length}`);
  steps.slice(0, MAX_STEPS).forEach((step, i) => {
    const sp = `${path}[${i}]`;
    const verb = stepVerb(step);
    if (!VERBS.includes(verb as Verb)) return c.add(sp, verb);
    const p = `${sp}.${verb}`;
    const arg = (step as Record<string, unknown>)[verb];
    switch (verb as Verb) {
      case "filter":
        return c.expression(p, arg, EXPRESSION_CONTEXT.filter);
      case "derive":
        return c.expressions(p, arg, EXPRESSION_CONTEXT.derive);
      case "rollup":
        return c.expressions(p, arg, EXPRESSION_CONTEXT.rollup);
      case "select":
      case "groupby":
        return c.names(p, arg);
      case "dedupe":
        return c.names(p, arg, true);
      case "ungroup":
        if (arg !== true) c.add(p, "expected true");
        return;
      case "rename": {
        if (!isPlainObject(arg) || Object.keys(arg).length === 0) return c.add(p, 'expected an object such as {"old": "new"}');
        for (const [from, to] of Object.entries(arg)) {
          const p1 = nameProblem(from) ?? nameProblem(to);
          if (p1) c.add(`${p}.${from}`, p1);
        }
        return;
      }
      case "orderby": {
        if (!Array.isArray(arg) || arg.length === 0) return c.add(p, 'expected an array of keys such as ["x", {"desc": "y"}]');
        arg.forEach((k, j) => {
          const name = isPlainObject(k) && Object.keys(k).length === 1 && "desc" in k ? k.desc : k;
          const problem = nameProblem(name);
          if (problem) c.add(`${p}[${j}]`, typeof name === "string" ? problem : 'expected a column name or {"desc": name}');
        });
        return;
      }
      case "join": {
        if (!isPlainObject(arg)) return c.add(p, 'expected an object such as {"table": "other", "on": ["key"]}');
        c.keysOnly(p, arg, ["table", "on", "predicate", "how", "suffix"]);
        if (typeof arg.table !== "string" || arg.table === "" || arg.table === "main") {
          c.add(`${p}.table`, 'expected the name of another input table (not "main")');
        }
        if (arg.on !== undefined && arg.predicate !== undefined) c.add(p, "give either on or predicate, not both");
        if (typeof arg.on === "string") {
          const problem = nameProblem(arg.on);
          if (problem) c.add(`${p}.on`, problem);
        } else if (Array.isArray(arg.on)) c.names(`${p}.on`, arg.on);
        else if (isPlainObject(arg.on)) {
          c.names(`${p}.on.left`, arg.on.left);
          c.names(`${p}.on.right`, arg.on.right);
          if (Array.isArray(arg.on.left) && Array.isArray(arg.on.right) && arg.on.left.length !== arg.on.right.length) {
            c.add(`${p}.on`, "left and right need the same number of keys");
          }
        } else if (arg.on !== undefined) c.add(`${p}.on`, "expected a column name, an array of names, or {left, right}");
        if (arg.predicate !== undefined) c.expression(`${p}.predicate`, arg.predicate, { join: true, aggregate: false, window: false });
        if (arg.how !== undefined && !["inner", "left", "right", "full"].includes(arg.how as string)) {
          c.add(`${p}.how`, 'expected "inner", "left", "right" or "full"');
        }
        if (arg.suffix !== undefined) {
          if (!Array.isArray(arg.suffix) || arg.suffix.length !== 2 || !arg.suffix.every((s) => typeof s === "string" && s.length <= 20)) {
            c.add(`${p}.suffix`, 'expected two short strings such as ["_1", "_2"]');
          }
        }
        return;
      }
      case "sample": {
        if (!isPlainObject(arg)) return c.add(p, 'expected an object such as {"n": 10, "seed": 1}');
        c.keysOnly(p, arg, ["n", "frac", "seed", "replace"]);
        if ((arg.n === undefined) === (arg.frac === undefined)) c.add(p, "give exactly one of n or frac");
        if (arg.n !== undefined) c.integer(`${p}.n`, arg.n, 0);
        if (arg.frac !== undefined && (typeof arg.frac !== "number" || !(arg.frac >= 0) || !Number.isFinite(arg.frac))) {
          c.add(`${p}.frac`, "expected a number >= 0");
        }
        if (typeof arg.seed !== "number" || !Number.isInteger(arg.seed) || Math.abs(arg.seed) > 2 ** 53) {
          c.add(`${p}.seed`, `expected an integer seed, got ${JSON.stringify(arg.seed)}`);
        }
        if (arg.replace !== undefined && typeof arg.replace !== "boolean") c.add(`${p}.replace`, "expected true or false");
        return;
      }
      case "fold": {
        if (!isPlainObject(arg)) return c.add(p, 'expected an object such as {"columns": ["a", "b"]}');
        c.keysOnly(p, arg, ["columns", "as"]);
        c.names(`${p}.columns`, arg.columns);
        if (arg.as !== undefined) {
          if (!Array.isArray(arg.as) || arg.as.length !== 2) c.add(`${p}.as`, 'expected two names such as ["key", "value"]');
          else c.names(`${p}.as`, arg.as);
        }
        return;
      }
      case "pivot": {
        if (!isPlainObject(arg)) return c.add(p, 'expected an object such as {"keys": ["k"], "values": ["v"]}');
        c.keysOnly(p, arg, ["keys", "values"]);
        c.names(`${p}.keys`, arg.keys);
        if (Array.isArray(arg.values)) c.names(`${p}.values`, arg.values);
        else c.expressions(`${p}.values`, arg.values, EXPRESSION_CONTEXT.pivot);
        return;
      }
      case "slice": {
        if (!isPlainObject(arg)) return c.add(p, 'expected an object such as {"start": 0, "end": 10}');
        c.keysOnly(p, arg, ["start", "end"]);
        for (const k of ["start", "end"] as const) {
          if (arg[k] !== undefined && (typeof arg[k] !== "number" || !Number.isInteger(arg[k]))) {
            c.add(`${p}.${k}`, "expected an integer (negative counts from the end)");
          }
        }
        return;
      }
    }
  });
  return c.issues;
}
