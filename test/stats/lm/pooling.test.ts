import { describe, expect, it } from "vitest";
import { modelFrame } from "../../../src/stats/frame/model-frame";
import { completePooling } from "../../../src/stats/pooling/complete";
import { noPoolingFixedFactor } from "../../../src/stats/pooling/fixed-factor";
import { noPoolingSeparate } from "../../../src/stats/pooling/separate";
import { comparePooling } from "../../../src/stats/pooling/compare";
import { referenceData } from "../frame/helpers";

const m = modelFrame("Reaction ~ Days + (Days | Subject)", referenceData("data/sleepstudy.csv"), { factors: ["Subject"] });

describe("pooling fits of Reaction ~ Days + (Days | Subject)", () => {
  it("completePooling(m) is lm on the fixed part, the same coefficients for every subject", () => {
    const fit = completePooling(m);
    expect(fit.kind).toBe("complete");
    expect(fit.sigma).toBeCloseTo(47.7147197437785, 9);
    expect(fit.coef[0]!.group).toBe("Subject");
    expect(fit.coef[0]!.values.Days).toHaveLength(18);
    expect(fit.coef[0]!.values.Days![7]).toBeCloseTo(10.467285959596, 9);
  });

  it("noPoolingFixedFactor(m) matches R's lm(Reaction ~ 0 + Subject + Subject:Days)", () => {
    const fit = noPoolingFixedFactor(m);
    expect(fit.fixef[0]!.term).toBe("Subject308");
    expect(fit.fixef.find((b) => b.term === "Subject308:Days")!.estimate).toBeCloseTo(21.7647024242423, 8);
    expect(fit.sigma).toBeCloseTo(25.5918156267252, 9);
    expect(fit.logLik).toBeCloseTo(-818.9350840505583, 8);
    expect(fit.AIC).toBeCloseTo(1711.8701681011166, 8);
    const c = fit.coef[0]!;
    expect(c.values["(Intercept)"]!.slice(0, 3).map((x) => +x.toFixed(6))).toEqual([244.192669, 205.054945, 203.484225]);
  });

  it("noPoolingSeparate(m) fits one lm per subject", () => {
    const fit = noPoolingSeparate(m);
    const c = fit.coef[0]!;
    expect(c.values["(Intercept)"]![1]).toBeCloseTo(205.0549454545455, 8);
    expect(c.values.Days![1]).toBeCloseTo(2.26178545454545, 8);
    // Same pooled RSS and df as the fixed-factor fit, so the same σ.
    expect(fit.sigma).toBeCloseTo(25.5918156267252, 8);
    const mean = c.values.Days!.reduce((a, b) => a + b, 0) / 18;
    expect(fit.fixef[1]!.estimate).toBeCloseTo(mean, 10);
    expect(fit.residuals.every(Number.isFinite)).toBe(true);
  });

  it("noPoolingSeparate reports coefficients a group cannot estimate as NaN", () => {
    const d = { y: [1, 2, 3, 4, 5, 7], x: [1, 2, 3, 5, 5, 5], g: ["a", "a", "a", "b", "b", "b"] };
    const fit = noPoolingSeparate(modelFrame("y ~ x + (1 | g)", d));
    expect(fit.coef[0]!.values.x![1]).toBeNaN();
    expect(fit.messages).toEqual(["group b: 1 coefficient(s) not estimable from its 3 rows"]);
  });
});

describe("comparePooling(m)", () => {
  it("returns complete, no and partial pooling with per-subject coefficients in one shape", () => {
    const { complete, none, partial } = comparePooling(m);
    for (const fit of [complete, none, partial]) {
      expect(fit.coef[0]!.group).toBe("Subject");
      expect(fit.coef[0]!.values.Days).toHaveLength(18);
      expect(fit.fitted).toHaveLength(180);
    }
    // Partial pooling shrinks the subjects' slopes toward the common one: their spread is smaller.
    const spread = (xs: readonly number[]) => Math.max(...xs) - Math.min(...xs);
    expect(spread(partial.coef[0]!.values.Days!)).toBeLessThan(spread(none.coef[0]!.values.Days!));
    expect(new Set(complete.coef[0]!.values.Days!).size).toBe(1);
  });
});
