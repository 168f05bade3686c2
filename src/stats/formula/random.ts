import { deparse, type BinaryNode, type Expr } from "./ast";
import { FormulaError } from "./error";
import { TermSet, type Term } from "./term-set";

/** One random-effects term `(lhs | group)` after `||` and `a/b` expansion. */
export interface RandomSpec {
  /** Whether the term has a random intercept. */
  readonly intercept: boolean;
  /** The term's non-intercept parts, e.g. `Days`. */
  readonly terms: readonly Term[];
  /** The grouping factor's variable keys; several for an interaction `a:b`. */
  readonly group: readonly string[];
  /** lme4's name of the grouping factor: `Subject`, `a:b`. */
  readonly groupLabel: string;
  /** Where the term is in the formula, for error messages. */
  readonly start: number;
}

/**
 * Expands one `(lhs | g)` or `(lhs || g)`. `||` splits into uncorrelated terms as lme4 does:
 * `(1 + x || g)` is `(1 | g) + (0 + x | g)`. `(1 | a/b)` is `(1 | a) + (1 | b:a)`, named inner-first as lme4 does.
 */
export function expandRandom(bar: BinaryNode, source: string, variables: Map<string, Expr>): RandomSpec[] {
  const lhs = new TermSet(source, variables);
  const reject = (e: Expr): never => {
    throw new FormulaError("random-effects terms and offsets cannot be nested inside a random-effects term", source, e.start);
  };
  lhs.collect(bar.left, 1, {
    paren: (e) => (e.inner.kind === "binary" && (e.inner.op === "|" || e.inner.op === "||") ? reject(e) : false),
    call: (e) => (e.fn === "offset" ? reject(e) : false),
  });
  const terms = lhs.sorted();
  if (!lhs.intercept && terms.length === 0) throw new FormulaError("the random-effects term has no intercept and no variables", source, bar.left.start);
  const groups = groupingFactors(bar.right, source).map((exprs) => exprs.map((g) => lhs.variable(g)));
  const out: RandomSpec[] = [];
  for (const group of groups) {
    const base = { group, groupLabel: group.join(":"), start: bar.start };
    if (bar.op === "||") {
      if (lhs.intercept) out.push({ ...base, intercept: true, terms: [] });
      for (const t of terms) out.push({ ...base, intercept: false, terms: [t] });
    } else {
      out.push({ ...base, intercept: lhs.intercept, terms });
    }
  }
  return out;
}

/** `g` is [[g]], `a:b` is [[a, b]], `a/b` is [[a], [b, a]], `a/b/c` adds [c, b, a]. */
function groupingFactors(e: Expr, source: string): Expr[][] {
  if (e.kind === "paren") return groupingFactors(e.inner, source);
  if (e.kind === "name" || e.kind === "call") return [[e]];
  if (e.kind === "binary" && e.op === ":") {
    const left = groupingFactors(e.left, source);
    const right = groupingFactors(e.right, source);
    if (left.length !== 1 || right.length !== 1) throw badGroup(e, source);
    return [[...left[0]!, ...right[0]!]];
  }
  if (e.kind === "binary" && e.op === "/") {
    const outer = groupingFactors(e.left, source);
    const inner = groupingFactors(e.right, source);
    if (inner.length !== 1) throw badGroup(e, source);
    // lme4 names the nested factor inner-first: (1 | a/b) is (1 | a) + (1 | b:a).
    return [...outer, [...inner[0]!, ...outer[outer.length - 1]!]];
  }
  throw badGroup(e, source);
}

function badGroup(e: Expr, source: string): FormulaError {
  return new FormulaError(`the grouping factor "${deparse(e)}" must be a column, an interaction a:b, or nested a/b`, source, e.start);
}
