import { deparse, type Expr } from "../formula/ast";
import { FormulaError } from "../formula/error";
import { FrameError } from "./frame-error";
import type { DataColumn, DataColumns } from "./model-matrices";
import { isMissing, label, sortedLevels } from "./levels";
import type { FactorVariable, NumericVariable, Variable } from "./variable";

const MATH: Record<string, (x: number) => number> = {
  log: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  log1p: Math.log1p,
  exp: Math.exp,
  sqrt: Math.sqrt,
  abs: Math.abs,
};

/** Evaluates formula variables (`x`, `log(x)`, `factor(x)`, `I(x^2)`) over a table, caching columns. */
export class Evaluator {
  private readonly cache = new Map<string, Variable>();
  readonly n: number;

  constructor(
    private readonly data: DataColumns,
    private readonly factors: ReadonlySet<string>,
    private readonly source: string,
  ) {
    const first = Object.values(data)[0];
    this.n = first ? first.length : 0;
    for (const [name, col] of Object.entries(data))
      if (col.length !== this.n) throw new FrameError(`column "${name}" has ${col.length} rows but others have ${this.n}`);
  }

  /** The variable an expression stands for; an unknown column is an error pointing at its name. */
  variable(e: Expr): Variable {
    const key = deparse(e);
    let v = this.cache.get(key);
    if (!v) {
      v = this.compute(e);
      this.cache.set(key, v);
    }
    return v;
  }

  /** The expression as numbers; a factor here is an error. */
  numeric(e: Expr, what: string): NumericVariable {
    const v = this.variable(e);
    if (v.kind !== "numeric") throw new FormulaError(`${what} "${deparse(e)}" must be numeric, but it is a factor`, this.source, e.start);
    return v;
  }

  /** The expression as a factor (grouping variables are always factors). */
  factor(e: Expr): FactorVariable {
    const v = this.variable(e);
    if (v.kind === "factor") return v;
    const key = `factor(${deparse(e)})`;
    const cached = this.cache.get(key);
    if (cached) return cached as FactorVariable;
    const f = numericToFactor(v);
    this.cache.set(key, f);
    return f;
  }

  private compute(e: Expr): Variable {
    switch (e.kind) {
      case "name":
        return this.column(e.name, e.start);
      case "num":
        return { kind: "numeric", values: new Float64Array(this.n).fill(e.value) };
      case "paren":
        return this.variable(e.inner);
      case "unary": {
        const a = this.numeric(e.arg, "the operand of unary minus");
        return e.op === "-" ? map(a, (x) => -x) : a;
      }
      case "call":
        return this.call(e);
      case "binary": {
        const compare = COMPARE[e.op];
        if (compare) return this.comparison(e, compare);
        const op = ARITH[e.op];
        if (!op) throw new FormulaError(`"${e.op}" is not arithmetic; wrap the expression in I() or move it out of the function call`, this.source, e.start);
        const a = this.numeric(e.left, `the left operand of "${e.op}"`).values;
        const b = this.numeric(e.right, `the right operand of "${e.op}"`).values;
        return { kind: "numeric", values: Float64Array.from(a, (x, i) => op(x, b[i]!)) };
      }
    }
  }

  private call(e: Expr & { kind: "call" }): Variable {
    if ((e.fn === "factor" || e.fn === "as.factor") && e.args.length === 1) return this.factor(e.args[0]!);
    // I() protects an expression; a comparison inside stays logical, as in R.
    if (e.fn === "I" && e.args.length === 1) return this.variable(e.args[0]!);
    if (e.fn === "as.numeric" && e.args.length === 1) {
      const v = this.variable(e.args[0]!);
      if (v.kind === "factor" && v.logical) return { kind: "numeric", values: Float64Array.from(v.codes, (c) => (c < 0 ? NaN : Number(v.levels[c] === "TRUE"))) };
      return this.numeric(e.args[0]!, "the argument of as.numeric()");
    }
    // Own properties only: `constructor`, `toString` and friends are not formula functions.
    const f = Object.hasOwn(MATH, e.fn) ? MATH[e.fn as keyof typeof MATH] : undefined;
    if (!f) throw new FormulaError(`unknown function ${e.fn}(); known: ${[...Object.keys(MATH), "I", "factor", "as.numeric", "offset", "cbind"].join(", ")}`, this.source, e.start);
    if (e.args.length !== 1) throw new FormulaError(`${e.fn}() takes one argument`, this.source, e.start);
    return map(this.numeric(e.args[0]!, `the argument of ${e.fn}()`), f);
  }

  /** A comparison of numbers is a logical variable (a factor with levels FALSE, TRUE). */
  private comparison(e: Expr & { kind: "binary" }, compare: (a: number, b: number) => boolean): Variable {
    const a = this.numeric(e.left, `the left side of "${e.op}"`).values;
    const b = this.numeric(e.right, `the right side of "${e.op}"`).values;
    const col = Array.from(a, (x, i) => (Number.isNaN(x) || Number.isNaN(b[i]!) ? null : compare(x, b[i]!)));
    return readColumn(col, false);
  }

  private column(name: string, at: number): Variable {
    const col = Object.hasOwn(this.data, name) ? this.data[name] : undefined;
    if (!col) {
      const names = Object.keys(this.data);
      throw new FormulaError(`unknown column "${name}"; the data has ${names.length ? names.join(", ") : "no columns"}`, this.source, at);
    }
    return readColumn(col, this.factors.has(name));
  }
}

const ARITH: Partial<Record<string, (a: number, b: number) => number>> = {
  "+": (a, b) => a + b,
  "-": (a, b) => a - b,
  "*": (a, b) => a * b,
  "/": (a, b) => a / b,
  "^": (a, b) => a ** b,
};

const COMPARE: Partial<Record<string, (a: number, b: number) => boolean>> = {
  "==": (a, b) => a === b,
  "!=": (a, b) => a !== b,
  ">": (a, b) => a > b,
  "<": (a, b) => a < b,
  ">=": (a, b) => a >= b,
  "<=": (a, b) => a <= b,
};

function map(v: NumericVariable, f: (x: number) => number): NumericVariable {
  return { kind: "numeric", values: v.values.map(f) };
}

/** A table column as a variable: numbers stay numeric unless listed as factors; strings and booleans are factors. */
export function readColumn(col: DataColumn, asFactor: boolean): Variable {
  // A Float64Array is numeric throughout (NaN marks a missing value): nothing to scan.
  if (col instanceof Float64Array && !asFactor) return { kind: "numeric", values: col };
  const n = col.length;
  let numeric = true;
  let logical = true;
  for (let i = 0; i < n; i++) {
    const v = col[i];
    if (isMissing(v)) continue;
    if (typeof v !== "number") numeric = false;
    if (typeof v !== "boolean") logical = false;
  }
  if (numeric && !asFactor) {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = isMissing(col[i]) ? NaN : (col[i] as number);
    return { kind: "numeric", values };
  }
  // Rows of a group usually come together: a value equal to the row before's needs no lookup.
  const distinct = new Set<string | number | boolean>();
  for (let i = 0; i < n; i++) if ((i === 0 || col[i] !== col[i - 1]) && !isMissing(col[i])) distinct.add(col[i] as string | number | boolean);
  const levels = sortedLevels(distinct);
  // Map raw values (not labels) to codes, so numbers skip formatting on every row.
  const index = new Map<unknown, number>();
  const labels = new Map(levels.map((l, k) => [l, k]));
  for (const v of distinct) index.set(v, labels.get(label(v))!);
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = i > 0 && col[i] === col[i - 1] ? codes[i - 1]! : isMissing(col[i]) ? -1 : index.get(col[i])!;
  return logical && !numeric ? { kind: "factor", levels, codes, logical: true } : { kind: "factor", levels, codes };
}

function numericToFactor(v: NumericVariable): FactorVariable {
  return readColumn(Array.from(v.values), true) as FactorVariable;
}
