import { describe, expect, it } from "vitest";
import { array, boolean, number, object, oneOfKeys, oneOfValues, optional, scalar, string, type Issue } from "../../src/cells/schema";

function parse<T>(schema: { parse(v: unknown, p: string, i: Issue[]): T | undefined }, value: unknown) {
  const issues: Issue[] = [];
  const out = schema.parse(value, "config", issues);
  return { out, issues: issues.map((i) => `${i.path}: ${i.message}`) };
}

describe("schema", () => {
  it("number({min, max, integer}) checks range and integrality", () => {
    const s = number({ min: 1, max: 5, integer: true });
    expect(parse(s, 3)).toEqual({ out: 3, issues: [] });
    expect(parse(s, 2.5).issues).toEqual(["config: expected an integer in [1, 5], got 2.5"]);
    expect(parse(s, NaN).issues).toEqual(["config: expected an integer in [1, 5], got NaN"]);
    expect(parse(number(), "3").issues).toEqual(['config: expected a number, got "3"']);
  });

  it("object({...}) fills defaults, refuses unknown and missing keys with paths", () => {
    const s = object({ a: number(), b: optional(string(), "x"), c: optional(boolean()) });
    expect(parse(s, { a: 1 })).toEqual({ out: { a: 1, b: "x" }, issues: [] });
    expect(parse(s, { b: 2, z: 1 }).issues).toEqual([
      'config.z: unknown key "z" (expected a, b, c)',
      "config.a: missing (expected a number)",
      "config.b: expected a string of at most 10000 characters, got 2",
    ]);
    expect(parse(s, [1]).issues).toEqual(["config: expected an object, got an array"]);
  });

  it("array(item) and oneOfValues / scalar / oneOfKeys report the failing element", () => {
    expect(parse(array(oneOfValues(["a", "b"])), ["a", "c"]).issues).toEqual(['config[1]: expected one of "a", "b", got "c"']);
    expect(parse(array(scalar(), { maxItems: 1 }), [1, 2]).issues).toEqual(["config: expected an array of at most 1 items, got an array"]);
    expect(parse(scalar(), { x: 1 }).issues).toEqual(["config: expected a number, string or boolean, got an object"]);
    const src = oneOfKeys({ builtin: string(), csv: string() });
    expect(parse(src, { csv: "a\n1" })).toEqual({ out: { csv: "a\n1" }, issues: [] });
    expect(parse(src, { url: "http://x" }).issues).toEqual(["config: expected an object with exactly one of the keys builtin, csv, got keys url"]);
  });
});
