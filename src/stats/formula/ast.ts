/**
 * The syntax tree of a model formula. Every node records where it starts and ends in the
 * source text (0-based, end exclusive), so later stages can point errors at it.
 */

interface Span {
  readonly start: number;
  readonly end: number;
}

/** A numeric literal: `0`, `1`, `2.5`. */
export interface NumNode extends Span {
  readonly kind: "num";
  readonly value: number;
}

/** A column name, possibly backquoted in the source. */
export interface NameNode extends Span {
  readonly kind: "name";
  readonly name: string;
}

/** A function call: `log(x)`, `offset(log(n))`, `cbind(s, n - s)`. */
export interface CallNode extends Span {
  readonly kind: "call";
  readonly fn: string;
  readonly args: readonly Expr[];
}

/** A binary operator; `|` and `||` only make sense inside parentheses on the right of `~`. */
export interface BinaryNode extends Span {
  readonly kind: "binary";
  readonly op: "~" | "+" | "-" | "*" | "/" | ":" | "^" | "|" | "||" | "%in%" | Comparison;
  readonly left: Expr;
  readonly right: Expr;
}

/** Comparisons, for derived variables such as `factor(Days > 4)`. */
export type Comparison = "==" | "!=" | ">" | "<" | ">=" | "<=";

/** Unary `-` or `+` (`-1` removes the intercept). */
export interface UnaryNode extends Span {
  readonly kind: "unary";
  readonly op: "-" | "+";
  readonly arg: Expr;
}

/** Parentheses are kept: `(1 | g)` is a random term only when parenthesized. */
export interface ParenNode extends Span {
  readonly kind: "paren";
  readonly inner: Expr;
}

export type Expr = NumNode | NameNode | CallNode | BinaryNode | UnaryNode | ParenNode;

const SPACED = new Set(["+", "-", "*", "/", "|", "||", "~", "%in%", "==", "!=", ">", "<", ">=", "<="]);

const RESERVED = new Set(["if", "else", "repeat", "while", "function", "for", "next", "break", "TRUE", "FALSE", "NULL", "Inf", "NaN", "NA", "in"]);

/** Whether R would write this name without backquotes (so `x:z` the column differs from x:z the interaction). */
function syntacticName(name: string): boolean {
  return /^(?:\p{L}|\.(?![0-9]))[\p{L}\p{N}._]*$|^\.$/u.test(name) && !RESERVED.has(name);
}

/** R's deparse of an expression, which is how R names terms: `log(x)`, `I(x^2)`, `cbind(s, n - s)`. */
export function deparse(e: Expr): string {
  switch (e.kind) {
    case "num":
      return String(e.value);
    case "name":
      return syntacticName(e.name) ? e.name : `\`${e.name}\``;
    case "call":
      return `${e.fn}(${e.args.map(deparse).join(", ")})`;
    case "unary":
      return `${e.op}${deparse(e.arg)}`;
    case "paren":
      return `(${deparse(e.inner)})`;
    case "binary":
      return SPACED.has(e.op)
        ? `${deparse(e.left)} ${e.op} ${deparse(e.right)}`
        : `${deparse(e.left)}${e.op}${deparse(e.right)}`;
  }
}

/** Column names an expression reads, in source order, each once. */
export function namesIn(e: Expr, out: NameNode[] = []): NameNode[] {
  switch (e.kind) {
    case "name":
      if (!out.some((n) => n.name === e.name)) out.push(e);
      break;
    case "call":
      for (const a of e.args) namesIn(a, out);
      break;
    case "unary":
      namesIn(e.arg, out);
      break;
    case "paren":
      namesIn(e.inner, out);
      break;
    case "binary":
      namesIn(e.left, out);
      namesIn(e.right, out);
      break;
  }
  return out;
}
