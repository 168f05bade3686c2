import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../src/cli/csv";
import { buildFrame, fitMixed, type FitOptions } from "../../../src/cells/model/fits";
import { simulateGroupedData } from "../../../src/stats/simulate";

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

describe("fitMixed(..., {draft, start}) for glmer", () => {
  it("starts its second stage from the last fit's θ: no first stage, no Hessian, the same fit to the draft's tolerance", () => {
    const options: FitOptions = { family: "binomial", REML: false, nAGQ: 1, factors: ["period", "herd"] };
    const formula = "cbind(incidence, size - incidence) ~ period + (1 | herd)";
    const frame = buildFrame(formula, cbpp, options);
    const cold = fitMixed(frame, formula, options);
    const start = cold.theta.map((t) => t * 1.05);
    const warm = fitMixed(frame, formula, options, { draft: true, start });
    if (cold.kind !== "glmm" || warm.kind !== "glmm") throw new Error("expected glmer fits");
    expect(cold.optimizer.stage1).not.toBeNull();
    expect(warm.optimizer.stage1).toBeNull();
    expect(warm.optimizer.stage2!.initialTheta.slice(0, start.length)).toEqual(start);
    expect(cold.vcovMethod).toBe("hessian");
    expect(warm.vcovMethod).toBe("RX");
    expect(warm.derivs).toBeNull();
    warm.fixef.forEach((r, j) => expect(Math.abs(r.estimate - cold.fixef[j]!.estimate)).toBeLessThan(0.02 * cold.fixef[j]!.se));
    expect(Math.abs(warm.logLik - cold.logLik)).toBeLessThan(0.005);
    // without `draft`, a start is not used: the cold fit exactly
    const notDraft = fitMixed(frame, formula, options, { start });
    if (notDraft.kind !== "glmm") throw new Error("expected a glmer fit");
    expect(notDraft.theta).toEqual(cold.theta);
    expect(notDraft.fixef).toEqual(cold.fixef);
    // a start that does not fit the model (another formula's θ): the draft runs its first stage
    const unusable = fitMixed(frame, formula, options, { draft: true, start: [1, 0, 1] });
    if (unusable.kind !== "glmm") throw new Error("expected a glmer fit");
    expect(unusable.optimizer.stage1).not.toBeNull();
    unusable.fixef.forEach((r, j) => expect(Math.abs(r.estimate - cold.fixef[j]!.estimate)).toBeLessThan(0.02 * cold.fixef[j]!.se));
  });

  it("over a drag of the GLMM template's intercept spread, each draft from the last: within 0.02 SE of the exact fit's β", () => {
    const design = { seed: 5, groups: 8, groupSize: 25, imbalance: 0.3, intercept: 0.5, slope: 0.8, slopeSD: 0.3, trials: 1 };
    const formula = "y ~ x + (x | group)";
    for (const family of ["binomial", "poisson"] as const) {
      const options: FitOptions = { family, REML: false, nAGQ: 1 };
      let start: readonly number[] | undefined;
      let worstBeta = 0;
      let worstCoef = 0;
      let worstTheta = 0;
      for (let k = 0; k <= 20; k++) {
        const { columns } = simulateGroupedData({ ...design, family, interceptSD: k / 10 });
        const frame = buildFrame(formula, { group: columns.group, x: columns.x, y: columns.y, ...(columns.trials ? { trials: columns.trials } : {}) }, options);
        const exact = fitMixed(frame, formula, options);
        const draft = fitMixed(frame, formula, options, { draft: true, ...(start ? { start } : {}) });
        if (exact.kind !== "glmm" || draft.kind !== "glmm") throw new Error("expected glmer fits");
        if (k > 0) expect(draft.optimizer.stage1).toBeNull();
        start = draft.theta;
        exact.fixef.forEach((r, j) => (worstBeta = Math.max(worstBeta, Math.abs(r.estimate - draft.fixef[j]!.estimate) / r.se)));
        exact.theta.forEach((t, i) => (worstTheta = Math.max(worstTheta, Math.abs(t - draft.theta[i]!))));
        for (const [term, values] of Object.entries(exact.coef[0]!.values))
          values.forEach((v, h) => (worstCoef = Math.max(worstCoef, Math.abs(v - draft.coef[0]!.values[term]![h]!))));
      }
      expect(worstBeta, family).toBeLessThan(0.02);
      expect(worstCoef, family).toBeLessThan(0.02);
      expect(worstTheta, family).toBeLessThan(0.06);
    }
  });
});
