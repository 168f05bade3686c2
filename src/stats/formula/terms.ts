import type { Expr } from "./ast";
import { FormulaError } from "./error";
import { parseFormula } from "./parse";
import { expandRandom, type RandomSpec } from "./random";
import { TermSet, type Sign, type Term } from "./term-set";

export type { Term } from "./term-set";

/** A formula reduced to what the model frame needs. */
export interface FormulaTerms {
  readonly source: string;
  readonly response: Expr;
  /** Whether the fixed part has an intercept (`0` or `-1` remove it). */
  readonly intercept: boolean;
  /** Fixed terms, sorted by order (main effects, then two-way interactions, ...). */
  readonly fixed: readonly Term[];
  /** Arguments of `offset(...)` terms. */
  readonly offsets: readonly Expr[];
  /** Random-effects terms, with `||` and `a/b` already expanded, in formula order. */
  readonly random: readonly RandomSpec[];
  /** Every variable key used on the right (fixed, random, grouping) mapped to its expression. */
  readonly variables: ReadonlyMap<string, Expr>;
}

/** Parses a formula and expands it into terms, as R's `terms()` and lme4's `findbars` do. */
export function formulaTerms(source: string): FormulaTerms {
  const ast = parseFormula(source);
  const variables = new Map<string, Expr>();
  const set = new TermSet(source, variables);
  const offsets: Expr[] = [];
  const random: RandomSpec[] = [];
  const paren = (e: Expr & { kind: "paren" }, sign: Sign): boolean => {
    const bar = e.inner;
    if (bar.kind !== "binary" || (bar.op !== "|" && bar.op !== "||")) return false;
    if (sign < 0) throw new FormulaError("a random-effects term cannot be subtracted", source, e.start);
    random.push(...expandRandom(bar, source, variables));
    return true;
  };
  const call = (e: Expr & { kind: "call" }, sign: Sign): boolean => {
    if (e.fn !== "offset") return false;
    if (sign < 0) throw new FormulaError("an offset cannot be subtracted", source, e.start);
    if (e.args.length !== 1) throw new FormulaError("offset() takes exactly one argument", source, e.start);
    offsets.push(e.args[0]!);
    return true;
  };
  set.collect(ast.rhs, 1, { paren, call });
  if (set.terms.length === 0 && !set.intercept && random.length === 0)
    throw new FormulaError("the model has no terms (no intercept and no variables)", source, ast.rhs.start);
  return { source, response: ast.response, intercept: set.intercept, fixed: set.sorted(), offsets, random, variables };
}

/** How many parsed formulas {@link parsedFormulaTerms} keeps: a workbench uses a handful. */
const PARSED_FORMULAS_KEPT = 64;
const parsedFormulas = new Map<string, FormulaTerms>();

/**
 * {@link formulaTerms}, remembered by source text: a slider move refits the same formulas on new
 * data, and the terms depend on the text alone. Errors are not remembered (they throw every time).
 */
export function parsedFormulaTerms(source: string): FormulaTerms {
  const known = parsedFormulas.get(source);
  if (known) return known;
  const terms = formulaTerms(source);
  if (parsedFormulas.size >= PARSED_FORMULAS_KEPT) parsedFormulas.delete(parsedFormulas.keys().next().value!);
  parsedFormulas.set(source, terms);
  return terms;
}
