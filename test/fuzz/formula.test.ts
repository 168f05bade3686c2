// Fuzzing the formula parser and the model frame: token soups, mutated valid lme4 formulas and random
// formulas over a small table. Every formula ends in terms (and a frame or fit) or a FormulaError /
// FrameError with a message and a position inside the formula; never a TypeError, RangeError or hang.
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { deparse } from "../../src/stats/formula/ast";
import { FormulaError } from "../../src/stats/formula/error";
import { parseFormula } from "../../src/stats/formula/parse";
import { formulaTerms } from "../../src/stats/formula/terms";
import { modelFrame } from "../../src/stats/frame/model-frame";
import { fitModel } from "../../src/stats/fit";
import { budget, Counter, crashReason, expectCleanError, sample } from "./helpers";
import { applyTextMutations, textMutationArb } from "./mutate";

const counter = new Counter("formula");
afterAll(() => counter.report());

const VALID = [
  "y ~ x", "y ~ 1", "y ~ 0 + x", "y ~ x - 1", "y ~ x + (1 | g)", "y ~ x + (x | g)", "y ~ x + (x || g)", "y ~ x * f + (1 | g)",
  "y ~ x + (1 | g/h)", "y ~ x + (1 | g:h)", "y ~ log(z) + I(x^2) + (1 | g)", "y ~ (x + z)^2", "y ~ x %in% f", "y ~ poly + offset(z)",
  "cbind(s, n - s) ~ x + (1 | g)", "Reaction ~ Days + (Days | Subject)", "y ~ `odd name` + (0 + x | g)", "y ~ .x + x.y_z", "y ~ f/x",
];

const TOKENS = [
  "y", "x", "z", "g", "h", "f", "s", "n", "`odd name`", "`", "log", "exp", "sqrt", "I", "offset", "cbind", "factor", "poly", "scale",
  "0", "1", "2", "3", "0.5", "1e3", "-1", "~", "+", "-", "*", "/", ":", "^", "|", "||", "%in%", "%", "(", ")", "(", ")", ",", " ", "  ",
  "==", "<", ">", "!", "&", "$", "@", "[", "]", "{", "}", ";", "\"", "'", "#", "\n", "é", "\u0000", "constructor", "__proto__", "toString",
];
const soup = fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 18 }).map((t) => t.join(" "));
const tight = fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 18 }).map((t) => t.join(""));

/** formulaTerms' contract on one string; returns the terms when accepted. */
function checkFormula(source: string): ReturnType<typeof formulaTerms> | undefined {
  try {
    const terms = formulaTerms(source);
    // Accepted formulas deparse and re-parse to the same right-hand side (deparse does not re-quote
    // `backquoted names`, as R would, so those are skipped).
    if (!source.includes("`")) {
      const ast = parseFormula(source);
      const again = parseFormula(`${deparse(ast.response)} ~ ${deparse(ast.rhs)}`);
      expect(deparse(again.rhs), source).toBe(deparse(ast.rhs));
    }
    for (const t of terms.fixed) for (const v of t.vars) expect(terms.variables.has(v), `${source}: ${v}`).toBe(true);
    for (const r of terms.random) expect(r.group.length, source).toBeGreaterThan(0);
    return terms;
  } catch (error) {
    expectCleanError(error, source);
    if (!(error instanceof FormulaError)) expect.fail(`refused with ${(error as Error).name} instead of FormulaError: ${(error as Error).message}\n  input: ${sample(source)}`);
    expect(error.position, source).toBeGreaterThanOrEqual(0);
    expect(error.position, source).toBeLessThanOrEqual(source.length);
    return undefined;
  }
}

/** A small table: numeric x, z (with a missing value), factor f, groups g/h, counts s of n. */
function smallData(rows = 24): Record<string, (number | string | null)[]> {
  const d: Record<string, (number | string | null)[]> = { y: [], x: [], z: [], f: [], g: [], h: [], s: [], n: [], "odd name": [] };
  for (let i = 0; i < rows; i++) {
    const x = (i % 6) - 2.5;
    d.x!.push(x);
    d.z!.push(i === 3 ? null : 1 + ((i * 7) % 5));
    d.f!.push(["a", "b", "c"][i % 3]!);
    d.g!.push(`g${i % 4}`);
    d.h!.push(`h${i % 2}`);
    d.n!.push(10);
    d.s!.push((i * 3) % 11);
    d["odd name"]!.push(i / 3);
    d.y!.push(2 + 0.5 * x + (i % 4) * 0.7 + Math.sin(i) * 0.3);
  }
  return d;
}

describe("fuzz: formula parser", () => {
  it("valid formulas are accepted", () => {
    for (const f of VALID) {
      counter.hit("valid");
      expect(checkFormula(f), f).toBeDefined();
    }
  });

  it("token soups end in terms or a FormulaError with a position", () => {
    fc.assert(
      fc.property(fc.oneof(soup, tight, fc.string({ maxLength: 40 })), (source) => {
        counter.hit("token-soup");
        checkFormula(source);
      }),
      budget(),
    );
  });

  it("mutated valid formulas end in terms or a FormulaError with a position", () => {
    fc.assert(
      fc.property(fc.constantFrom(...VALID), fc.array(textMutationArb, { minLength: 1, maxLength: 3 }), (f, mutations) => {
        counter.hit("mutated-valid");
        checkFormula(applyTextMutations(f, mutations));
      }),
      budget(),
    );
  });

  it("random formulas over a small table give a frame or a FormulaError/FrameError", () => {
    const data = smallData();
    fc.assert(
      fc.property(fc.oneof(soup, fc.constantFrom(...VALID).chain((f) => fc.array(textMutationArb, { maxLength: 2 }).map((m) => applyTextMutations(f, m)))), (source) => {
        counter.hit("frame");
        const terms = checkFormula(source);
        if (!terms) return;
        try {
          const frame = modelFrame(terms, data);
          expect(frame.X.length, source).toBe(frame.n * frame.p);
          expect(frame.y.length, source).toBe(frame.n);
        } catch (error) {
          expectCleanError(error, source);
        }
      }),
      budget(),
    );
  });

  it("random formulas over a small table fit or refuse; a fit never presents NaN estimates silently", () => {
    const data = smallData();
    let fitted = 0;
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...VALID), soup), fc.boolean(), (source, REML) => {
        counter.hit("fit");
        if (!checkFormula(source)) return;
        try {
          const result = fitModel(source, data, { REML });
          fitted++;
          const bad = result.fit.fixef.filter((f) => !Number.isFinite(f.estimate));
          if (bad.length) expect(result.messages.length, `${source}: non-finite estimates ${bad.map((b) => b.term)} without a message`).toBeGreaterThan(0);
        } catch (error) {
          const why = crashReason(error);
          if (why) expect.fail(`fitModel(${JSON.stringify(source)}) ${why}\n${(error as Error).stack?.split("\n").slice(0, 5).join("\n")}`);
        }
      }),
      { ...budget(2500), numRuns: 400 },
    );
    console.log(`[fuzz] formula fits completed: ${fitted}`);
  });
});

describe("formulas that used to hang or crash", () => {
  // Interactions once expanded with no cap (`(x0+…+x6)^7` took 2.7 s, `x0*…*x15` over a minute); the
  // expansion is now refused past MAX_TERMS.
  it("a formula expanding to thousands of terms is refused quickly with a FormulaError", () => {
    counter.hit("explosive");
    const source = `y ~ ${Array.from({ length: 11 }, (_, i) => `x${i}`).join("*")}`;
    const start = performance.now();
    let error: unknown;
    try {
      formulaTerms(source);
    } catch (e) {
      error = e;
    }
    const took = performance.now() - start;
    console.log(`[fuzz] ${source}: ${took.toFixed(0)} ms, ${error ? (error as Error).message.split("\n")[0] : "accepted"}`);
    expect(error).toBeInstanceOf(FormulaError);
    // A guard against hanging (the unguarded expansion took minutes), loose enough for a busy machine.
    expect(took).toBeLessThan(1000);
  });

  // The parser's recursion is bounded: deep nesting is a FormulaError, not a stack overflow.
  it("5000 nested unary minus signs give a FormulaError, not a RangeError", () => {
    counter.hit("deep");
    expect(() => formulaTerms(`y ~ ${"-".repeat(5000)}x`)).toThrow(FormulaError);
  });

  // A non-syntactic column name keeps its backquotes in term names, as in R: `x:z` the column is not x:z.
  it("a backquoted column named like an interaction gets a distinct term name", () => {
    counter.hit("backquote");
    const data: Record<string, number[]> = { y: [], x: [], z: [], "x:z": [] };
    for (let i = 0; i < 30; i++) {
      data.y!.push(Math.sin(i) + i * 0.1);
      data.x!.push(i % 5);
      data.z!.push((i * 7) % 3);
      data["x:z"]!.push(Math.cos(i));
    }
    const names = fitModel("y ~ `x:z` + x:z", data).fit.fixef.map((f) => f.term);
    expect(new Set(names).size).toBe(names.length);
  });
});
