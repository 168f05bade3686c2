import { deparse, type Expr } from "../formula/ast";
import { FormulaError } from "../formula/error";
import type { Evaluator } from "./evaluate";
import type { FamilyName } from "./model-matrices";
import { subsetVariable, type Variable } from "./variable";

/** The coded response: y, and for binomial counts the number of trials as weights. */
export interface Response {
  readonly y: Float64Array;
  readonly trials?: Float64Array;
}

/** The variables a response reads, by name, so rows where any is missing are dropped. */
export function responseVariables(e: Expr, ev: Evaluator): [string, Variable][] {
  return isCbind(e) ? e.args.map((a) => [deparse(a), ev.numeric(a, "a cbind() column")]) : [[deparse(e), ev.variable(e)]];
}

/**
 * Codes the response for the family, on the kept `rows`. Binomial accepts 0/1 numbers,
 * logicals, factors (first level = failure, others success), `cbind(successes, failures)`,
 * and proportions (with the trials given as weights).
 */
export function codeResponse(e: Expr, ev: Evaluator, rows: Int32Array, family: FamilyName, source: string): Response {
  const name = deparse(e);
  if (isCbind(e)) {
    if (family !== "binomial") throw new FormulaError(`cbind() responses are for family binomial, not ${family}`, source, e.start);
    if (e.args.length !== 2) throw new FormulaError("cbind() takes two columns: successes and failures", source, e.start);
    const [s, f] = e.args.map((a) => subsetVariable(ev.numeric(a, "a cbind() column"), rows)) as [Variable & { kind: "numeric" }, Variable & { kind: "numeric" }];
    const trials = s.values.map((x, i) => x + f.values[i]!);
    const bad = s.values.findIndex((x, i) => x < 0 || f.values[i]! < 0);
    if (bad >= 0) throw new FormulaError(`${name} has a negative count in row ${rows[bad]! + 1}`, source, e.start);
    return { y: s.values.map((x, i) => (trials[i]! > 0 ? x / trials[i]! : 0)), trials };
  }
  const v = subsetVariable(ev.variable(e), rows);
  if (v.kind === "factor") {
    if (family !== "binomial") throw new FormulaError(`the response "${name}" is a factor; a ${family} model needs a numeric response`, source, e.start);
    return { y: Float64Array.from(v.codes, (c) => (c > 0 ? 1 : 0)) };
  }
  const y = v.values;
  if (family === "binomial") {
    const bad = y.findIndex((x) => x < 0 || x > 1);
    if (bad >= 0) throw new FormulaError(`a binomial response must be 0/1, a proportion, a two-level factor, or cbind(successes, failures); "${name}" is ${y[bad]} in row ${rows[bad]! + 1}`, source, e.start);
  }
  if (family === "poisson") {
    const bad = y.findIndex((x) => x < 0);
    if (bad >= 0) throw new FormulaError(`a poisson response must be a non-negative count; "${name}" is ${y[bad]} in row ${rows[bad]! + 1}`, source, e.start);
  }
  return { y };
}

function isCbind(e: Expr): e is Expr & { kind: "call" } {
  return e.kind === "call" && e.fn === "cbind";
}
