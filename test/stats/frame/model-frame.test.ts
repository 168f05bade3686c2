import { describe, expect, it } from "vitest";
import { modelFrame } from "../../../src/stats/frame/model-frame";
import { FormulaError } from "../../../src/stats/formula/error";
import { FrameError } from "../../../src/stats/frame/frame-error";
import { referenceData } from "./helpers";

const small = {
  y: [1.5, 2.1, 3.2, 4.8, 5.1, 6.3, null, 8.2, 9.9],
  x: [1, 2, 3, 4, 5, 6, 7, 8, 9],
  g: ["b", "a", "B", "a", "c", "c", "a", "b", "B"],
  h: [2, 10, 2, 10, 1, 1, 2, 10, 1],
  ok: [true, false, true, true, false, false, true, false, true],
};

describe("modelFrame(formula, data, options)", () => {
  it("builds sleepstudy's matrices with lme4's names and R's level order", () => {
    const m = modelFrame("Reaction ~ Days + (Days | Subject)", referenceData("data/sleepstudy.csv"), { factors: ["Subject"] });
    expect(m.n).toBe(180);
    expect(m.p).toBe(2);
    expect(m.fixedNames).toEqual(["(Intercept)", "Days"]);
    expect(m.X[180 + 5]).toBe(5);
    expect(m.reTerms).toHaveLength(1);
    const re = m.reTerms[0]!;
    expect(re.group).toBe("Subject");
    expect(re.levels.slice(0, 3)).toEqual(["308", "309", "310"]);
    expect(re.columnNames).toEqual(["(Intercept)", "Days"]);
    expect(re.index[10]).toBe(1);
    expect(m.messages).toEqual([]);
    expect(m.responseName).toBe("Reaction");
  });

  it("codes factors with treatment contrasts, first level in R's sort order as reference", () => {
    const m = modelFrame("y ~ g + (1 | h)", small, { factors: ["h"] });
    expect(m.fixedNames).toEqual(["(Intercept)", "gb", "gB", "gc"]);
    expect(m.reTerms[0]!.levels).toEqual(["1", "2", "10"]);
    const cbpp = modelFrame("cbind(incidence, size - incidence) ~ period + (1 | herd)", referenceData("data/cbpp.csv"), { factors: ["herd", "period"], family: "binomial" });
    expect(cbpp.fixedNames).toEqual(["(Intercept)", "period2", "period3", "period4"]);
    expect(cbpp.reTerms[0]!.levels.slice(0, 11)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"]);
  });

  it("drops rows with missing values and says how many", () => {
    const m = modelFrame("y ~ x + (1 | g)", small);
    expect(m.n).toBe(8);
    expect(Array.from(m.rows)).toEqual([0, 1, 2, 3, 4, 5, 7, 8]);
    expect(m.messages).toEqual(["dropped 1 of 9 rows with missing values (y: 1)"]);
    const many = modelFrame("y ~ x", { y: [1, NaN, 3, 4, 5], x: [1, 2, "", "NA", 5] as (number | string)[] });
    expect(many.n).toBe(2);
    expect(many.messages[0]).toBe("dropped 3 of 5 rows with missing values (y: 1, x: 2)");
  });

  it("names interactions like lme4 (x:g2) and codes a factor without its main effect by indicators", () => {
    expect(modelFrame("y ~ x*g", small).fixedNames).toEqual(["(Intercept)", "x", "gb", "gB", "gc", "x:gb", "x:gB", "x:gc"]);
    expect(modelFrame("y ~ x:g", small).fixedNames).toEqual(["(Intercept)", "x:ga", "x:gb", "x:gB", "x:gc"]);
    expect(modelFrame("y ~ 0 + g", small).fixedNames).toEqual(["ga", "gb", "gB", "gc"]);
    // Only the first factor replaces the intercept; R's model.matrix gives ga, gb, gB, gc, h2, h10.
    expect(modelFrame("y ~ 0 + g + h", small, { factors: ["h"] }).fixedNames).toEqual(["ga", "gb", "gB", "gc", "h2", "h10"]);
    expect(modelFrame("y ~ g/x", small).fixedNames).toEqual(["(Intercept)", "gb", "gB", "gc", "ga:x", "gb:x", "gB:x", "gc:x"]);
    expect(modelFrame("y ~ ok", small).fixedNames).toEqual(["(Intercept)", "okTRUE"]);
  });

  it("makes interaction grouping factors a:b and expands nested a/b", () => {
    const m = modelFrame("y ~ 1 + (1 | g/h)", small, { factors: ["h"] });
    expect(m.reTerms.map((t) => t.group)).toEqual(["g", "h:g"]);
    // Row 7 (a, 2) has a missing y, so the level 2:a is dropped; the first factor varies slowest.
    expect(m.reTerms[1]!.levels).toEqual(["1:B", "1:c", "2:b", "2:B", "10:a", "10:b"]);
    expect(modelFrame("y ~ 1 + (1 | g:h)", small, { factors: ["h"] }).reTerms[0]!.levels).toEqual(["a:10", "b:2", "b:10", "B:1", "B:2", "c:1"]);
  });

  it("gives random slopes of factors lme4's column names", () => {
    // Three copies of the rows, so 3 levels x 4 columns are fewer random effects than rows.
    const triple = Object.fromEntries(Object.entries(small).map(([k, v]) => [k, [...v, ...v, ...v]]));
    const m = modelFrame("y ~ 1 + (0 + g | h)", triple);
    expect(m.reTerms[0]!.columnNames).toEqual(["ga", "gb", "gB", "gc"]);
    expect(modelFrame("y ~ 1 + (g | h)", triple).reTerms[0]!.columnNames).toEqual(["(Intercept)", "gb", "gB", "gc"]);
  });

  it("drops rank-deficient fixed columns with a message naming them", () => {
    const m = modelFrame("y ~ x + x2 + x3", { y: [1, 3, 2, 5, 4], x: [1, 2, 3, 4, 5], x2: [2, 4, 6, 8, 10], x3: [1, 0, 1, 0, 0] });
    expect(m.fixedNames).toEqual(["(Intercept)", "x", "x3"]);
    expect(m.droppedNames).toEqual(["x2"]);
    expect(m.messages).toEqual(["fixed-effect model matrix is rank deficient so dropping 1 column / coefficient: x2"]);
  });

  it("warns when predictor scales differ by orders of magnitude", () => {
    const m = modelFrame("y ~ x + big", { y: [1, 3, 2, 5, 4], x: [1, 2, 3, 4, 5], big: [1e5, 3e5, 2e5, 7e5, 4e5] });
    expect(m.messages[0]).toMatch(/^some predictor variables are on very different scales: big \(SD 2\.3\de\+5\); consider rescaling$/);
  });

  it("codes binomial responses: 0/1, logical, factor, cbind and proportions with weights", () => {
    const d = { s: [1, 0, 3], f: [2, 1, 0], yes: [true, false, true], lab: ["no", "yes", "yes"], p: [0.5, 0, 1], n: [2, 1, 3], x: [1, 2, 3] };
    expect(Array.from(modelFrame("yes ~ x", d, { family: "binomial" }).y)).toEqual([1, 0, 1]);
    expect(Array.from(modelFrame("lab ~ x", d, { family: "binomial" }).y)).toEqual([0, 1, 1]);
    const c = modelFrame("cbind(s, f) ~ x", d, { family: "binomial" });
    expect(Array.from(c.y)).toEqual([1 / 3, 0, 1]);
    expect(Array.from(c.weights!)).toEqual([3, 1, 3]);
    const w = modelFrame("p ~ x", d, { family: "binomial", weights: "n" });
    expect(Array.from(w.weights!)).toEqual([2, 1, 3]);
  });

  it("adds offset(...) terms into the offset", () => {
    const m = modelFrame("y ~ x + offset(log(x)) + offset(x)", { y: [1, 2, 3], x: [1, 2, 4] });
    expect(Array.from(m.offset!)).toEqual([1, 2 + Math.log(2), 4 + Math.log(4)]);
  });
});

describe("modelFrame(bad input) explains the problem", () => {
  const message = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return (e as Error) instanceof FormulaError ? (e as FormulaError).brief : (e as Error).message;
    }
    return "no error";
  };

  it("names an unknown column and lists the columns available", () => {
    const e = (() => {
      try {
        modelFrame("y ~ z + (1 | g)", small);
      } catch (e) {
        return e as FormulaError;
      }
    })()!;
    expect(e).toBeInstanceOf(FormulaError);
    expect(e.brief).toBe('unknown column "z"; the data has y, x, g, h, ok');
    expect(e.position).toBe(4);
  });

  it.each([
    ["g ~ x", {}, 'the response "g" is a factor; a gaussian model needs a numeric response'],
    ["y ~ log(g)", {}, 'the argument of log() "g" must be numeric, but it is a factor'],
    ["y ~ foo(x)", {}, "unknown function foo(); known: log, log2, log10, log1p, exp, sqrt, abs, I, factor, as.numeric, offset, cbind"],
    ["x ~ y", { family: "binomial" }, 'a binomial response must be 0/1, a proportion, a two-level factor, or cbind(successes, failures); "x" is 2 in row 2'],
    ["cbind(x, y) ~ 1", {}, "cbind() responses are for family binomial, not gaussian"],
    ["y ~ x", { weights: "w" }, 'unknown weights column "w"; the data has y, x, g, h, ok'],
  ] as const)("%s %j", (formula, options, expected) => {
    expect(message(() => modelFrame(formula, small, options))).toBe(expected);
  });

  it("refuses a table where every row has a missing value", () => {
    expect(() => modelFrame("y ~ x", { y: [null, null], x: [1, 2] })).toThrow(FrameError);
    expect(message(() => modelFrame("y ~ x", { y: [null, null], x: [1, 2] }))).toBe("no rows left: all 2 rows have missing values (y: 2)");
  });
});

describe("modelFrame(...) grouping and factor options", () => {
  it("treats a numeric grouping variable as a factor while it stays numeric as a predictor", () => {
    const m = modelFrame("y ~ h + (1 | h)", { y: [1, 2, 3, 5, 4, 6], h: [1, 1, 2, 2, 10, 10] });
    expect(m.fixedNames).toEqual(["(Intercept)", "h"]);
    expect(m.reTerms[0]!.levels).toEqual(["1", "2", "10"]);
  });

  it("rejects --factors names that are not columns", () => {
    expect(() => modelFrame("y ~ x", { y: [1, 2, 3], x: [1, 2, 4] }, { factors: ["Subjct"] })).toThrow('unknown factor column "Subjct"; the data has y, x');
  });

  it("rejects columns of different lengths", () => {
    expect(() => modelFrame("y ~ x", { y: [1, 2, 3], x: [1, 2] })).toThrow(FrameError);
  });
});

describe("modelFrame(cbind response with missing values)", () => {
  it("names the cbind column that is missing", () => {
    const m = modelFrame("cbind(s, n - s) ~ x", { s: [1, null, 2, 3], n: [4, 4, null, 5], x: [1, 2, 3, 4] }, { family: "binomial" });
    expect(m.n).toBe(2);
    expect(m.messages).toEqual(["dropped 2 of 4 rows with missing values (s: 1, n - s: 2)"]);
  });
});

describe("modelFrame(...) checks that random terms are identifiable, as lme4 does", () => {
  const d = { y: [1, 2, 3, 4, 5, 6], x: [1, 2, 3, 4, 5, 6], one: ["a", "a", "a", "a", "a", "a"], id: ["a", "b", "c", "d", "e", "f"], pair: ["a", "a", "b", "b", "c", "c"] };
  it.each([
    ["y ~ x + (1 | one)", 'the grouping factor "one" has 1 level; a random term needs at least 2'],
    ["y ~ x + (1 | id)", 'the grouping factor "id" has 6 levels for 6 rows; it needs fewer levels than rows (several rows per level)'],
    ["y ~ x + (x | pair)", "the term ((Intercept) + x | pair) has 6 random effects for 6 rows; with as many effects as rows the residual variance cannot be estimated"],
  ])("%s", (formula, message) => {
    expect(() => modelFrame(formula, d)).toThrow(message);
  });

  it("allows as many random effects as rows for non-gaussian families", () => {
    const b = { ...d, y: [0, 1, 1, 0, 1, 0] };
    expect(modelFrame("y ~ x + (x | pair)", b, { family: "binomial" }).reTerms).toHaveLength(1);
  });

  it("allows an observation-level random effect (one level per row) for Poisson, as glmer does", () => {
    const counts = { ...d, y: [0, 3, 1, 7, 2, 4] };
    expect(modelFrame("y ~ x + (1 | id)", counts, { family: "poisson" }).reTerms[0]!.levels).toHaveLength(6);
  });
});

describe("modelFrame(...) with comparisons", () => {
  it("makes comparisons logical, named as R names them", () => {
    const d = { y: [1, 2, 3, 4, 5, 7], x: [1, 2, 3, 5, 6, 8] };
    expect(modelFrame("y ~ x > 4", d).fixedNames).toEqual(["(Intercept)", "x > 4TRUE"]);
    expect(modelFrame("y ~ factor(x >= 5)", d).fixedNames).toEqual(["(Intercept)", "factor(x >= 5)TRUE"]);
    expect(modelFrame("y ~ I(x == 3)", d).fixedNames).toEqual(["(Intercept)", "I(x == 3)TRUE"]);
    const m = modelFrame("y ~ as.numeric(x > 4)", d);
    expect(m.fixedNames).toEqual(["(Intercept)", "as.numeric(x > 4)"]);
    expect(Array.from(m.X.subarray(6))).toEqual([0, 0, 0, 1, 1, 1]);
  });
});

describe("modelFrame(data with Infinity)", () => {
  it("refuses, naming the column and row (R: NA/NaN/Inf in 'y')", () => {
    expect(() => modelFrame("y ~ x", { y: [1, Infinity, 3, -Infinity], x: [1, 2, 3, 4] })).toThrow('"y" is Infinity in row 2 and 1 other row; remove or correct those rows');
    expect(() => modelFrame("y ~ log(x)", { y: [1, 2, 3], x: [1, 0, 3] })).toThrow('"log(x)" is -Infinity in row 2; remove or correct those rows');
  });
});
