import { describe, expect, it } from "vitest";
import { formulaTerms, parsedFormulaTerms } from "../../../src/stats/formula/terms";
import { deparse } from "../../../src/stats/formula/ast";

const labels = (f: string) => formulaTerms(f).fixed.map((t) => t.label);
const random = (f: string) =>
  formulaTerms(f).random.map((r) => `${r.intercept ? "1" : "0"}${r.terms.map((t) => " + " + t.label).join("")} | ${r.groupLabel}`);

describe("formulaTerms(source)", () => {
  it("expands main effects, interactions and a*b in R's term order", () => {
    expect(labels("y ~ x + g")).toEqual(["x", "g"]);
    expect(labels("y ~ x*g")).toEqual(["x", "g", "x:g"]);
    expect(labels("y ~ g:x + x")).toEqual(["x", "g:x"]);
    expect(labels("y ~ a*b*c")).toEqual(["a", "b", "c", "a:b", "a:c", "b:c", "a:b:c"]);
    expect(labels("y ~ (a + b + c)^2")).toEqual(["a", "b", "c", "a:b", "a:c", "b:c"]);
    expect(labels("y ~ a/b")).toEqual(["a", "a:b"]);
    expect(labels("y ~ a*b - a:b")).toEqual(["a", "b"]);
  });

  it("reads the intercept from 1, 0 and -1", () => {
    expect(formulaTerms("y ~ x").intercept).toBe(true);
    expect(formulaTerms("y ~ 0 + x").intercept).toBe(false);
    expect(formulaTerms("y ~ x - 1").intercept).toBe(false);
    expect(formulaTerms("y ~ -1 + x").intercept).toBe(false);
    expect(formulaTerms("y ~ 1").intercept).toBe(true);
    expect(formulaTerms("y ~ 1").fixed).toEqual([]);
  });

  it("keeps function calls as variables and collects offsets", () => {
    const t = formulaTerms("y ~ log(x) + I(x^2) + offset(log(n))");
    expect(t.fixed.map((x) => x.label)).toEqual(["log(x)", "I(x^2)"]);
    expect(t.offsets.map(deparse)).toEqual(["log(n)"]);
  });

  it("parses cbind responses with arithmetic", () => {
    expect(deparse(formulaTerms("cbind(incidence, size - incidence) ~ period + (1 | herd)").response)).toBe("cbind(incidence, size - incidence)");
  });

  it("expands random terms: slopes, no intercept, several and crossed", () => {
    expect(random("Reaction ~ Days + (Days | Subject)")).toEqual(["1 + Days | Subject"]);
    expect(random("y ~ (1 + x | g)")).toEqual(["1 + x | g"]);
    expect(random("y ~ (0 + x | g)")).toEqual(["0 + x | g"]);
    expect(random("y ~ (x - 1 | g)")).toEqual(["0 + x | g"]);
    expect(random("y ~ 1 + (1 | plate) + (1 | sample)")).toEqual(["1 | plate", "1 | sample"]);
    expect(formulaTerms("y ~ x + (1 | g)").fixed.map((t) => t.label)).toEqual(["x"]);
  });

  it("splits (x || g) into uncorrelated terms as lme4 does", () => {
    expect(random("y ~ Days + (Days || Subject)")).toEqual(["1 | Subject", "0 + Days | Subject"]);
    expect(random("y ~ (0 + a + b || g)")).toEqual(["0 + a | g", "0 + b | g"]);
  });

  it("expands nested (1|a/b) into (1|a) + (1|b:a), named inner-first as lme4 does, and keeps (1|a:b)", () => {
    expect(random("y ~ (1 | a/b)")).toEqual(["1 | a", "1 | b:a"]);
    expect(random("y ~ (1 | a/b/c)")).toEqual(["1 | a", "1 | b:a", "1 | c:b:a"]);
    expect(random("y ~ (1 | a:b)")).toEqual(["1 | a:b"]);
    expect(formulaTerms("y ~ (1 | a:b)").random[0]!.group).toEqual(["a", "b"]);
  });

  it("accepts backquoted names and names with dots; term labels keep R's backquotes", () => {
    expect(labels("y ~ `my var` + x.1 + größe_2")).toEqual(["`my var`", "x.1", "größe_2"]);
  });
});

describe("parsedFormulaTerms(source)", () => {
  it("gives formulaTerms' terms, the same object for the same text, and still throws on bad text", () => {
    const f = "y ~ x * g + (1 + x | g)";
    const once = parsedFormulaTerms(f);
    expect(parsedFormulaTerms(f)).toBe(once);
    expect(once.fixed.map((t) => t.label)).toEqual(formulaTerms(f).fixed.map((t) => t.label));
    expect(once.random.length).toBe(1);
    expect(() => parsedFormulaTerms("y ~ (1 |")).toThrow();
    expect(() => parsedFormulaTerms("y ~ (1 |")).toThrow();
  });
});
