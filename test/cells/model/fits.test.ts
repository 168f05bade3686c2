import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../src/cli/csv";
import { buildFrame, fitMixed, type FitOptions } from "../../../src/cells/model/fits";

const cbpp = parseCsv(readFileSync(join(__dirname, "../../../reference/data/cbpp.csv"), "utf8")).columns;
const sleep = parseCsv(readFileSync(join(__dirname, "../../../reference/data/sleepstudy.csv"), "utf8")).columns;

describe("fitMixed(..., likelihoodOnly)", () => {
  const cases: [string, string, typeof cbpp, FitOptions][] = [
    ["glmer", "cbind(incidence, size - incidence) ~ period + (1 | herd)", cbpp, { family: "binomial", REML: false, nAGQ: 1, factors: ["period", "herd"] }],
    ["lmer", "Reaction ~ Days + (Days | Subject)", sleep, { family: "gaussian", REML: false, nAGQ: 1, factors: ["Subject"] }],
  ];
  for (const [name, formula, data, options] of cases) {
    it(`${name}: the same logLik, AIC and npar as the full fit, without conditional variances`, () => {
      const frame = buildFrame(formula, data, options);
      const full = fitMixed(frame, formula, options);
      const lean = fitMixed(frame, formula, options, { likelihoodOnly: true });
      expect(lean.logLik).toBe(full.logLik);
      expect(lean.AIC).toBe(full.AIC);
      expect(lean.npar).toBe(full.npar);
      expect(full.ranef[0]!.condsd).not.toBeNull();
      expect(lean.ranef[0]!.condsd).toBeNull();
      if (full.kind === "lmm" && lean.kind === "lmm") {
        expect(full.optimizer.fitLog.length).toBe(full.optimizer.nEval);
        expect(lean.optimizer.fitLog).toEqual([]); // no per-evaluation trace either
      }
    });
  }
});

describe("fitMixed(..., {start})", () => {
  it("lmer from a θ near the optimum: the same fit in fewer evaluations", () => {
    const options: FitOptions = { family: "gaussian", REML: true, nAGQ: 1, factors: ["Subject"] };
    const formula = "Reaction ~ Days + (Days | Subject)";
    const frame = buildFrame(formula, sleep, options);
    const cold = fitMixed(frame, formula, options);
    const warm = fitMixed(frame, formula, options, { draft: true, start: cold.theta.map((t) => t * 1.05) });
    if (cold.kind !== "lmm" || warm.kind !== "lmm") throw new Error("expected lmer fits");
    expect(warm.optimizer.nEval).toBeLessThan(cold.optimizer.nEval);
    // A draft's accuracy: far below the digits and pixels shown while dragging.
    expect(Math.abs(warm.logLik - cold.logLik)).toBeLessThan(1e-5);
    warm.theta.forEach((t, i) => expect(Math.abs(t - cold.theta[i]!)).toBeLessThan(1e-3 * Math.max(1, Math.abs(cold.theta[i]!))));
    warm.fixef.forEach((r, i) => expect(Math.abs(r.estimate - cold.fixef[i]!.estimate)).toBeLessThan(1e-4 * Math.max(1, Math.abs(cold.fixef[i]!.estimate))));
    // the draft skips lme4's convergence checks; the exact fit runs them
    expect(cold.convergence.gradientCheck).toBe("passed");
    expect(warm.convergence.gradientCheck).toBe("skipped");
    // without `draft`, a start is not used: lme4's start, the cold fit exactly
    const notDraft = fitMixed(frame, formula, options, { start: cold.theta.map((t) => t * 1.05) });
    if (notDraft.kind !== "lmm") throw new Error("expected an lmer fit");
    expect(notDraft.theta).toEqual(cold.theta);
  });
});
