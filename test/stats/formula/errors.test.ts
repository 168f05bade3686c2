import { describe, expect, it } from "vitest";
import { FormulaError } from "../../../src/stats/formula/error";
import { formulaTerms } from "../../../src/stats/formula/terms";

/** The error a bad formula throws, as [message, 1-based column]. */
function failure(source: string): [string, number] {
  try {
    formulaTerms(source);
  } catch (e) {
    expect(e).toBeInstanceOf(FormulaError);
    const f = e as FormulaError;
    return [f.brief, f.position + 1];
  }
  throw new Error(`"${source}" parsed`);
}

describe("formulaTerms(bad formula) throws FormulaError at the place", () => {
  it.each([
    ["", "empty formula", 1],
    ["Reaction Days", 'unexpected "Days"', 10],
    ["~ Days", 'the response is missing before "~" (one-sided formulas are not models)', 1],
    ["y ~ x +", "formula ends where a term was expected", 8],
    ["y ~ x + (1 | g", 'expected ")" to close the "(" at column 9, found end of formula', 15],
    ["y ~ x + )", 'unmatched ")"', 9],
    ["y ~ x + ()", "empty parentheses", 10],
    ["y ~ x $ z", 'unexpected character "$"', 7],
    ["y ~ x + 2", "the number 2 cannot be a term (only 0 or 1, for the intercept)", 9],
    ["y ~ x | g", "a random-effects term must be in parentheses of its own, like (1 | g)", 5],
    ["y ~ (1 | g + h)", 'the grouping factor "g + h" must be a column, an interaction a:b, or nested a/b', 10],
    ["y ~ x - (1 | g)", "a random-effects term cannot be subtracted", 9],
    ["y ~ (0 | g)", "the random-effects term has no intercept and no variables", 6],
    ["y ~ x ~ z", '"~" may appear only once, between the response and the terms', 7],
    ["y ~ offset(a, b)", "offset() takes exactly one argument", 5],
    ["y ~ (a + b)^x", "the power of a term must be a positive whole number", 13],
    ["y ~ `x", "unclosed backquote", 5],
    ["y ~ log(x", 'expected "," or ")" in the call to log(), found end of formula', 10],
  ])("%j", (source, message, column) => {
    expect(failure(source)).toEqual([message, column]);
  });

  it("shows the formula with a caret under the column", () => {
    expect(() => formulaTerms("y ~ x + )")).toThrow("column 9: unmatched \")\"\n  y ~ x + )\n          ^");
  });
});
