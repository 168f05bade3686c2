import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../src/cli/csv";
import { modelFrame } from "../../../src/stats/frame/model-frame";
import { fitGlm, glmCompletePooling, glmFixedFactor, glmSeparate } from "../../../src/stats/glm";

const csv = (path: string) => parseCsv(readFileSync(new URL(`../../../reference/${path}`, import.meta.url), "utf8")).columns;

describe("fitGlm", () => {
  const cbpp = modelFrame("cbind(incidence, size - incidence) ~ period + (1 | herd)", csv("data/cbpp.csv"), { factors: ["herd", "period"], family: "binomial" });

  it("fitGlm(cbpp, binomial) matches R's glm: coefficients, SEs, logLik, AIC, deviances", () => {
    const f = fitGlm(cbpp, { family: "binomial" });
    const want = [[-1.269023489, 0.1449197624], [-1.170762725, 0.2914677877], [-1.301405334, 0.3128811716], [-1.782278635, 0.413056443]];
    f.fixef.forEach((b, j) => {
      expect(b.estimate).toBeCloseTo(want[j]![0]!, 7);
      expect(b.se).toBeCloseTo(want[j]![1]!, 6);
    });
    expect(f.fixef[0]!.p).toBeCloseTo(2.009931787e-18, 24);
    expect(f.logLik).toBeCloseTo(-99.02919949, 6);
    expect(f.AIC).toBeCloseTo(206.05839898, 6);
    expect(f.deviance).toBeCloseTo(114.10169144, 6);
    expect(f.nullDeviance).toBeCloseTo(154.8174643, 6);
    expect(f.iterations).toBe(5);
    expect(f.converged).toBe(true);
    expect(f.separation).toBe(false);
  });

  it("fitGlm(poisson with offset) matches R's glm", () => {
    const m = modelFrame("count ~ x + offset(log(expo))", csv("glmm-extra/data/poisson_crossed.csv"), { family: "poisson" });
    const f = fitGlm(m, { family: "poisson" });
    expect(f.fixef[0]!.estimate).toBeCloseTo(0.550448893417, 8);
    expect(f.fixef[1]!.estimate).toBeCloseTo(0.446036721555, 8);
    expect(f.fixef[1]!.se).toBeCloseTo(0.0668102281346, 6);
    expect(f.logLik).toBeCloseTo(-613.041110741, 6);
    expect(f.BIC).toBeCloseTo(1237.408142443, 6);
    expect(f.nullDeviance).toBeCloseTo(676.507827384, 5);
  });

  it("fitGlm(Bernoulli) matches R's glm", () => {
    const m = modelFrame("y ~ x", csv("glmm-extra/data/bernoulli_slope.csv"), { family: "binomial" });
    const f = fitGlm(m, { family: "binomial" });
    expect(f.fixef[0]!.estimate).toBeCloseTo(-0.349958119995, 8);
    expect(f.fixef[1]!.se).toBeCloseTo(0.1030609494307, 7);
    expect(f.logLik).toBeCloseTo(-307.262602296, 6);
  });

  it("fitGlm detects complete separation and says so", () => {
    const x = Array.from({ length: 40 }, (_, i) => i - 19.5);
    const m = modelFrame("y ~ x", { x, y: x.map((v) => (v > 0 ? 1 : 0)) }, { family: "binomial" });
    const f = fitGlm(m, { family: "binomial" });
    expect(f.separation).toBe(true);
    expect(f.messages.join("\n")).toMatch(/complete separation: fitted probabilities numerically 0 or 1 occurred.*\(diverging: .*x\)/);
  });

  it("fitGlm rejects a response the family cannot model", () => {
    const m = modelFrame("y ~ x", { x: [1, 2, 3, 4], y: [0, 1, 2.5, 3] }, { family: "poisson" });
    expect(() => fitGlm(m, { family: "poisson" })).toThrow(/whole-number count; it is 2\.5 in row 3/);
    expect(() => fitGlm(m, { family: "gamma" as never })).toThrow(/unknown family "gamma"/);
    const tiny = modelFrame("y ~ x", { x: [1, 2], y: [0, 1] }, { family: "binomial" });
    expect(() => fitGlm(tiny, { family: "binomial" })).toThrow(/2 observations cannot estimate 2 coefficients/);
  });
});

describe("GLM pooling fits", () => {
  const cbpp = modelFrame("cbind(incidence, size - incidence) ~ period + (1 | herd)", csv("data/cbpp.csv"), { factors: ["herd", "period"], family: "binomial" });
  it("glmCompletePooling gives every herd the pooled coefficients", () => {
    const f = glmCompletePooling(cbpp, { family: "binomial" });
    expect(f.kind).toBe("complete");
    expect(f.group).toBe("herd");
    expect(f.coef[0]!.levels).toHaveLength(15);
    expect(f.coef[0]!.values["(Intercept)"]![7]).toBeCloseTo(-1.269023489, 7);
  });
  it("glmSeparate fits each herd alone, names herds it cannot fit, and sums the log-likelihoods", () => {
    const m = modelFrame("cbind(incidence, size - incidence) ~ 1 + (1 | herd)", csv("data/cbpp.csv"), { factors: ["herd"], family: "binomial" });
    const f = glmSeparate(m, { family: "binomial" });
    expect(f.kind).toBe("separate");
    // herd 1: 2+3+4+0 successes in 14+12+9+5 trials
    expect(f.coef[0]!.values["(Intercept)"]![0]).toBeCloseTo(Math.log(9 / 31), 6);
    // herd 8 has a single row: not estimable on its own
    expect(f.coef[0]!.values["(Intercept)"]![7]).toBeNaN();
    expect(f.messages).toContain("group 8: 1 coefficient(s) not estimable from its 1 rows");
    expect(Number.isFinite(f.logLik)).toBe(true);
    expect(f.fitted.filter((v) => !Number.isFinite(v))).toHaveLength(1);
  });
  it("glmFixedFactor fits one GLM with a coefficient per herd, named like R's", () => {
    const f = glmFixedFactor(cbpp, { family: "binomial" });
    expect(f.kind).toBe("fixed-factor");
    expect(f.fixef[0]!.term).toBe("herd1");
    expect(f.fixef.map((b) => b.term)).toContain("period4");
    expect(f.coef[0]!.values["(Intercept)"]).toHaveLength(15);
    expect(f.coef[0]!.values.period2!.every((v) => v === f.coef[0]!.values.period2![0])).toBe(true);
    // R: glm(cbind(incidence, size - incidence) ~ 0 + herd + period, binomial)
    expect(f.coef[0]!.values["(Intercept)"]![0]).toBeCloseTo(-0.6294814027, 6);
    expect(f.coef[0]!.values["(Intercept)"]![1]).toBeCloseTo(-1.8918365581, 6);
    expect(f.coef[0]!.values.period2![0]).toBeCloseTo(-0.8935755745, 6);
    expect(f.logLik).toBeCloseTo(-76.39132794, 6);
  });
});
