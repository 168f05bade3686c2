import { deparse, type Expr } from "./ast";
import { FormulaError } from "./error";

/** A fixed-effects term: an interaction of variables (one variable for a main effect). */
export interface Term {
  /** R's label: variables joined by `:` in order of first appearance, e.g. `x:g`. */
  readonly label: string;
  /** Variable keys (deparsed expressions) in order of first appearance. */
  readonly vars: readonly string[];
}

/** Most fixed-effect terms one expression may expand to (R would build them, but no model here could use them). */
export const MAX_TERMS = 1000;

/** 1 adds terms, -1 removes them. */
export type Sign = 1 | -1;

/** Callbacks that take over a parenthesized part (a random term) or a call (offset); true if handled. */
export interface CollectHooks {
  readonly paren?: (e: Expr & { kind: "paren" }, sign: Sign) => boolean;
  readonly call?: (e: Expr & { kind: "call" }, sign: Sign) => boolean;
}

/** A set of terms with an intercept flag, as a `+`/`-` expression builds it. */
export class TermSet {
  intercept = true;
  readonly terms: string[][] = [];

  constructor(
    private readonly source: string,
    readonly variables: Map<string, Expr>,
  ) {}

  add(term: string[]): void {
    if (!this.terms.some((t) => sameTerm(t, term))) this.terms.push(term);
  }

  remove(term: string[]): void {
    const i = this.terms.findIndex((t) => sameTerm(t, term));
    if (i >= 0) this.terms.splice(i, 1);
  }

  /** Terms ordered by degree, each with its variables in order of first appearance. */
  sorted(): Term[] {
    const first = (k: string) => this.variables.get(k)!.start;
    return this.terms
      .map((vars) => [...vars].sort((a, b) => first(a) - first(b)))
      .map((vars, i) => ({ vars, i }))
      .sort((a, b) => a.vars.length - b.vars.length || a.i - b.i)
      .map(({ vars }) => ({ vars, label: vars.join(":") }));
  }

  /** Adds (sign 1) or removes (sign -1) the terms of a `+`/`-` expression; `hooks` claim special parts. */
  collect(e: Expr, sign: Sign, hooks: CollectHooks = {}): void {
    if (e.kind === "binary" && (e.op === "+" || e.op === "-")) {
      this.collect(e.left, sign, hooks);
      this.collect(e.right, e.op === "-" ? flip(sign) : sign, hooks);
    } else if (e.kind === "unary") {
      this.collect(e.arg, e.op === "-" ? flip(sign) : sign, hooks);
    } else if (e.kind === "num") {
      if (e.value !== 0 && e.value !== 1) throw new FormulaError(`the number ${e.value} cannot be a term (only 0 or 1, for the intercept)`, this.source, e.start);
      this.intercept = (e.value === 1) === (sign === 1);
    } else if (e.kind === "paren" && hooks.paren?.(e, sign)) {
      return;
    } else if (e.kind === "call" && hooks.call?.(e, sign)) {
      return;
    } else if (e.kind === "paren" && isSum(e.inner)) {
      this.collect(e.inner, sign, hooks);
    } else {
      for (const t of this.product(e)) (sign === 1 ? this.add(t) : this.remove(t));
    }
  }

  /** The terms an interaction expression stands for: `a*b` is a, b, a:b; `a/b` is a, a:b. */
  product(e: Expr): string[][] {
    switch (e.kind) {
      case "paren":
        return this.product(e.inner);
      case "binary": {
        let left: string[][] | undefined;
        let right: string[][] | undefined;
        const L = () => (left ??= this.product(e.left));
        const R = () => (right ??= this.product(e.right));
        // `(a+b+...)^k` and long `a*b*c*...` chains grow exponentially: refuse before building them.
        const checked = (n: number) => {
          if (n > MAX_TERMS) throw new FormulaError(`this expands to more than ${MAX_TERMS} terms`, this.source, e.start);
        };
        switch (e.op) {
          case ":":
          case "%in%":
            checked(L().length * R().length);
            return cross(L(), R());
          case "*":
            checked(L().length * R().length + L().length + R().length);
            return union(union(L(), R()), cross(L(), R()));
          case "/": {
            const left = L();
            return union(left, cross([unique(left.flat())], R()));
          }
          case "+":
            return union(L(), R());
          case "-": {
            const right = R();
            return L().filter((t) => !right.some((r) => sameTerm(r, t)));
          }
          case "^": {
            if (e.right.kind !== "num" || !Number.isInteger(e.right.value) || e.right.value < 1)
              throw new FormulaError("the power of a term must be a positive whole number", this.source, e.right.start);
            const base = L();
            let out = base;
            for (let k = 1; k < e.right.value; k++) {
              checked(out.length * base.length + out.length);
              out = union(out, cross(out, base));
            }
            return out;
          }
          case "|":
          case "||":
            throw new FormulaError("a random-effects term must be in parentheses of its own, like (1 | g)", this.source, e.start);
          case "~":
            throw new FormulaError('"~" may appear only once', this.source, e.start);
        }
        break;
      }
      case "num":
        throw new FormulaError("a number cannot be part of an interaction", this.source, e.start);
      case "unary":
        throw new FormulaError(`"${e.op}" cannot be used inside an interaction`, this.source, e.start);
      case "call":
        if (e.fn === "offset") throw new FormulaError("offset() cannot be part of an interaction", this.source, e.start);
    }
    return [[this.variable(e)]];
  }

  /** Registers a variable (a name or a call like `log(x)`) and returns its key. */
  variable(e: Expr): string {
    const key = deparse(e);
    const seen = this.variables.get(key);
    if (!seen || seen.start > e.start) this.variables.set(key, e);
    return key;
  }
}

function flip(sign: Sign): Sign {
  return sign === 1 ? -1 : 1;
}

function isSum(e: Expr): boolean {
  return (e.kind === "binary" && (e.op === "+" || e.op === "-")) || e.kind === "num" || e.kind === "unary";
}

function sameTerm(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v) => b.includes(v));
}

function unique(vars: string[]): string[] {
  return [...new Set(vars)];
}

function union(a: string[][], b: string[][]): string[][] {
  return [...a, ...b.filter((t) => !a.some((s) => sameTerm(s, t)))];
}

function cross(a: string[][], b: string[][]): string[][] {
  const out: string[][] = [];
  for (const s of a) for (const t of b) out.push(unique([...s, ...t]));
  return union([], out);
}
