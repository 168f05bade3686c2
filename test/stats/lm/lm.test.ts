import { describe, expect, it } from "vitest";
import { modelFrame } from "../../../src/stats/frame/model-frame";
import { fitLm } from "../../../src/stats/lm/lm";
import { referenceData } from "../frame/helpers";

// Reference values from R 4.2.2: summary(lm(...)), sigma, logLik, AIC, BIC.
const sleep = referenceData("data/sleepstudy.csv");

describe("fitLm(modelFrame(...))", () => {
  it("matches R's lm for Reaction ~ Days", () => {
    const fit = fitLm(modelFrame("Reaction ~ Days", sleep));
    expect(fit.fixef.map((b) => b.term)).toEqual(["(Intercept)", "Days"]);
    expect(fit.fixef[0]!.estimate).toBeCloseTo(251.405104848485, 9);
    expect(fit.fixef[0]!.se).toBeCloseTo(6.61015404428758, 9);
    expect(fit.fixef[1]!.estimate).toBeCloseTo(10.467285959596, 9);
    expect(fit.fixef[1]!.se).toBeCloseTo(1.23819529804982, 9);
    expect(fit.fixef[1]!.t).toBeCloseTo(8.4536631467444, 9);
    expect(fit.sigma).toBeCloseTo(47.7147197437785, 9);
    expect(fit.logLik).toBeCloseTo(-950.1465281781818, 8);
    expect(fit.AIC).toBeCloseTo(1906.2930563563636, 8);
    expect(fit.BIC).toBeCloseTo(1915.8719269090343, 8);
    expect(fit.fitted[0]! + fit.residuals[0]!).toBeCloseTo(249.56, 10);
  });

  it("matches R's weighted lm with an offset", () => {
    const w = Array.from(sleep.Days as Float64Array, (d) => (d % 3) + 1);
    const fit = fitLm(modelFrame("Reaction ~ Days + offset(Days/2)", { ...sleep, w }, { weights: "w" }));
    expect(fit.fixef[0]!.estimate).toBeCloseTo(249.950701505948, 9);
    expect(fit.fixef[0]!.se).toBeCloseTo(6.88587545408392, 9);
    expect(fit.fixef[1]!.estimate).toBeCloseTo(10.1773686366321, 9);
    expect(fit.fixef[1]!.se).toBeCloseTo(1.29523574395869, 9);
    expect(fit.sigma).toBeCloseTo(64.7017695213511, 9);
    expect(fit.logLik).toBeCloseTo(-956.5877723919742, 8);
    expect(fit.BIC).toBeCloseTo(1928.7544153366191, 8);
  });
});

describe("fitLm(huge values)", () => {
  it("says when sums of squares overflow", () => {
    const fit = fitLm(modelFrame("y ~ x", { y: [1e300, 3e300, 2e300, 5e300], x: [1, 2, 3, 4] }));
    expect(fit.messages).toEqual(["the sums of squares overflowed (values too large for double precision); rescale the response or predictors"]);
  });
});
