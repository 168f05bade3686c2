import { FormulaError } from "./error";

export type TokenKind = "num" | "name" | "op" | "(" | ")" | "," | "end";

/** One lexical token; `text` is the operator or name, `value` the number for `num`. */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly value: number;
  readonly start: number;
  readonly end: number;
}

const OPERATORS = ["||", "%in%", "==", "!=", ">=", "<=", ">", "<", "~", "+", "-", "*", "/", ":", "^", "|"];
// R names: letters (any script), digits, dots and underscores, not starting with a digit.
const NAME_START = /[\p{L}._]/u;
const NAME_CHAR = /[\p{L}\p{N}._]/u;
const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;

/** Splits a formula into tokens; R names may contain dots and underscores, or be `backquoted`. */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, text: string, start: number, value = NaN) =>
    tokens.push({ kind, text, value, start, end: start + (kind === "name" && src[start] === "`" ? text.length + 2 : text.length) });
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /[0-9]/.test(c) || (c === "." && /[0-9]/.test(src[i + 1] ?? "")) ? NUMBER.exec(src.slice(i)) : null;
    if (num) {
      push("num", num[0], i, Number(num[0]));
      i += num[0].length;
      continue;
    }
    if (NAME_START.test(c)) {
      let j = i + 1;
      while (j < src.length && NAME_CHAR.test(src[j]!)) j++;
      push("name", src.slice(i, j), i);
      i = j;
      continue;
    }
    if (c === "`") {
      const close = src.indexOf("`", i + 1);
      if (close < 0) throw new FormulaError("unclosed backquote", src, i);
      if (close === i + 1) throw new FormulaError("empty backquoted name", src, i);
      push("name", src.slice(i + 1, close), i);
      i = close + 1;
      continue;
    }
    if (c === "(" || c === ")" || c === ",") {
      push(c, c, i);
      i++;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op) {
      push("op", op, i);
      i += op.length;
      continue;
    }
    throw new FormulaError(`unexpected character "${c}"`, src, i);
  }
  tokens.push({ kind: "end", text: "", value: NaN, start: src.length, end: src.length });
  return tokens;
}
