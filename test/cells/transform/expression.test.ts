import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { checkExpression, ExpressionError } from "../../../src/cells/transform/core";

const table = aq.table({ x: [1, 2, 3], s: ["a", "b", "c"], process: [1, 2, 3] });

describe("checkExpression(source, context)", () => {
  it.each([
    "d => d.x - op.mean(d.x)",
    "d.x * 2",
    "d => `${d.s}-${d.x}`",
    "d => op.split(d.s, ',')[0]",
    "d => d.s.length",
    "d => d.process + 1",
    "({x}) => x * 2",
    "d => d['x'] + PI",
    "d => Math.max(d.x, 2)",
    "d => d.x > 1 ? 'big' : 'small'",
    "d => ({a: d.x, 'b': [d.x, 1]})",
    "d => op.row_number()",
    "d => d.s + 'constructor'",
  ])("checkExpression(%j, {table}) accepts it", (source) => {
    expect(checkExpression(source, { table })).toBe(source);
  });

  it.each([
    ["d => globalThis.process", '"globalThis" is not allowed'],
    ["d => d.constructor.constructor('return this')()", '"constructor" is not allowed'],
    ["d => fetch('http://x')", 'unknown function "fetch"'],
    ["d => (function(){return 1})()", "may not define functions"],
    ["d => (() => 1)()", "may not define functions"],
    ["d => this", '"this" is not allowed'],
    ["d => d.__proto__", '"__proto__" is not allowed'],
    ["d => d['__proto__']", '"__proto__" is not allowed'],
    ["d => d.x.constructor(1)", '"constructor" is not allowed'],
    ["d => import('x')", '"import" is not allowed'],
    ["d => window", '"window" is not allowed'],
    ["d => `${globalThis}`", '"globalThis" is not allowed'],
    ["d => new Date()", '"new" is not allowed'],
    ["d => eval('1')", 'unknown function "eval"'],
    ["d => Function('return 1')()", "only op.* functions may be called"],
    ["d => d.x?.toString", "optional chaining"],
    ["d => (d.x, 1)", "comma sequences"],
    ["d => { return d.x }", '"return" is not allowed'],
    ["d => op.foo(d.x)", 'unknown function "op.foo"'],
    ["d => d.s.toString()", 'unknown function "d.s.toString"'],
    ["d => d.s.foo", 'property access ".foo" is only allowed on the row'],
    ["d => op.parse_json(d.s).a", 'property access ".a"'],
    ["d => x", 'unknown name "x"'],
    ["d => d.y", 'unknown column "d.y"'],
    ["d => d[op.lower('X')]", "computed column names must be string literals"],
    ["d => op.random()", "not reproducible"],
    ["d => $.secret", "parameters ($) are not supported"],
    ["d => d.x = 1", "Assignments are not allowed"],
    ["d => {const f = d.x; return f}", '"const" is not allowed'],
    ["d =>", "cannot parse"],
  ])("checkExpression(%j) is refused with %j", (source, message) => {
    expect(() => checkExpression(source, { table })).toThrow(ExpressionError);
    expect(() => checkExpression(source, { table })).toThrow(message);
  });

  it("checkExpression(nonString) and over-long expressions are refused", () => {
    expect(() => checkExpression(42)).toThrow('expected an expression string such as "d => d.x * 2", got number 42');
    expect(() => checkExpression("")).toThrow("empty");
    expect(() => checkExpression("d => " + "d.x + ".repeat(400) + "1")).toThrow(/limit is 2000/);
  });

  it("checkExpression(source, {aggregateOnly, window: false}) enforces rollup rules", () => {
    expect(() => checkExpression("d => d.x", { table, aggregateOnly: true })).toThrow(/must be inside an aggregate function/);
    expect(() => checkExpression("d => op.rank()", { table, window: false })).toThrow(/window functions are not allowed/);
    expect(checkExpression("d => op.mean(d.x) * 2", { table, aggregateOnly: true, window: false })).toBeTruthy();
  });

  it("checkExpression never evaluates anything while checking", () => {
    const g = globalThis as Record<string, unknown>;
    g.__pwbProbe = 0;
    for (const src of [
      "d => d[(globalThis.__pwbProbe = 1)]",
      "d => d[op.abs((globalThis.__pwbProbe = 1))]",
      "d => d[`${globalThis.__pwbProbe = 1}`]",
    ]) {
      expect(() => checkExpression(src, { table })).toThrow();
    }
    expect(g.__pwbProbe).toBe(0);
    delete g.__pwbProbe;
  });
});
