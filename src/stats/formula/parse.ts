import type { BinaryNode, Expr } from "./ast";
import { FormulaError } from "./error";
import { tokenize, type Token } from "./tokenize";

/** A parsed two-sided formula `response ~ rhs`. */
export interface FormulaAst {
  readonly source: string;
  readonly response: Expr;
  readonly rhs: Expr;
}

// Binding strength of binary operators, as in R: `~` < `|` < comparisons < `+ -` < `* /` < `%in%` < `:` < `^`.
// Unary minus sits between `:` and `^`, so `-a^2` is `-(a^2)` and `-1:2` is `(-1):2`.
const BINARY: Record<string, number> = {
  "~": 1, "|": 2, "||": 2, "==": 3, "!=": 3, ">": 3, "<": 3, ">=": 3, "<=": 3,
  "+": 4, "-": 4, "*": 5, "/": 5, "%in%": 6, ":": 7, "^": 9,
};
const UNARY = 8;

/** Parses lme4 formula syntax; throws FormulaError pointing at the first problem. */
export function parseFormula(source: string): FormulaAst {
  if (source.trim() === "") throw new FormulaError("empty formula", source, 0);
  const tokens = tokenize(source);
  let at = 0;
  // Nesting depth of expressions: deep input (thousands of "-" or "(") gets a FormulaError, not a stack overflow.
  let depth = 0;
  const MAX_DEPTH = 200;
  const peek = (): Token => tokens[at]!;
  const fail = (msg: string, tok: Token = peek()): never => {
    throw new FormulaError(msg, source, tok.start);
  };
  const describe = (t: Token) => (t.kind === "end" ? "end of formula" : `"${t.text}"`);

  function expression(minPower: number): Expr {
    if (++depth > MAX_DEPTH) fail(`the formula nests deeper than ${MAX_DEPTH} levels`);
    try {
      return expressionAt(minPower);
    } finally {
      depth--;
    }
  }

  function expressionAt(minPower: number): Expr {
    let left = operand();
    for (;;) {
      const t = peek();
      const power = t.kind === "op" ? BINARY[t.text] : undefined;
      if (power === undefined || power < minPower) return left;
      at++;
      // `^` is right-associative; the others associate to the left.
      const right = expression(t.text === "^" ? power : power + 1);
      left = { kind: "binary", op: t.text as BinaryNode["op"], left, right, start: left.start, end: right.end };
    }
  }

  function operand(): Expr {
    const t = peek();
    if (t.kind === "op" && (t.text === "-" || t.text === "+")) {
      at++;
      const arg = expression(UNARY);
      return { kind: "unary", op: t.text, arg, start: t.start, end: arg.end };
    }
    if (t.kind === "num") {
      at++;
      return { kind: "num", value: t.value, start: t.start, end: t.end };
    }
    if (t.kind === "name") {
      at++;
      if (peek().kind === "(") return call(t);
      return { kind: "name", name: t.text, start: t.start, end: t.end };
    }
    if (t.kind === "(") {
      at++;
      if (peek().kind === ")") fail("empty parentheses");
      const inner = expression(2);
      const close = peek();
      if (close.kind !== ")") fail(`expected ")" to close the "(" at column ${t.start + 1}, found ${describe(close)}`);
      at++;
      return { kind: "paren", inner, start: t.start, end: close.end };
    }
    if (t.kind === "end") return fail("formula ends where a term was expected");
    if (t.kind === ")") return fail('unmatched ")"');
    if (t.text === "~" && at === 0) return fail('the response is missing before "~" (one-sided formulas are not models)');
    return fail(`unexpected ${describe(t)}`);
  }

  function call(fn: Token): Expr {
    at++; // "("
    const args: Expr[] = [];
    if (peek().kind !== ")") {
      for (;;) {
        args.push(expression(2));
        if (peek().kind === ",") {
          at++;
          continue;
        }
        break;
      }
    }
    const close = peek();
    if (close.kind !== ")") fail(`expected "," or ")" in the call to ${fn.text}(), found ${describe(close)}`);
    at++;
    return { kind: "call", fn: fn.text, args, start: fn.start, end: close.end };
  }

  const tildes = tokens.filter((t) => t.text === "~");
  if (tildes.length > 1) fail('"~" may appear only once, between the response and the terms', tildes[1]);
  const whole = expression(1);
  if (peek().kind !== "end") fail(peek().kind === ")" ? 'unmatched ")"' : `unexpected ${describe(peek())}`);
  if (whole.kind !== "binary" || whole.op !== "~") {
    throw new FormulaError('a formula needs a response, "~", and terms, like "y ~ x + (1 | g)"', source, 0);
  }
  return { source, response: whole.left, rhs: whole.right };
}
