import { describe, expect, it } from "vitest";
import { fitLmm, predictLmm } from "../../../src/stats/lmm";
import { caseMatrices } from "./helpers";

describe("predictLmm", () => {
  const mm = caseMatrices("sleepstudy_reml");
  const fit = fitLmm(mm);

  it("predictLmm(fit, training rows) reproduces fitted values", () => {
    const pred = predictLmm(fit, { n: mm.n, X: mm.X, reTerms: mm.reTerms });
    pred.forEach((v, r) => expect(v).toBeCloseTo(fit.fitted[r], 9));
  });

  it("predictLmm(fit, rows, {re: false}) gives Xβ̂ only", () => {
    const pred = predictLmm(fit, { n: mm.n, X: mm.X, reTerms: mm.reTerms }, { re: false });
    const b = fit.fixef.map((f) => f.estimate);
    pred.forEach((v, r) => expect(v).toBeCloseTo(b[0] + b[1] * mm.X[r + mm.n], 9));
  });

  it("predictLmm: a new level gets the population prediction; lme4's subject 308 at Days = 5", () => {
    const X = Float64Array.from([1, 1, 5, 5]);
    const one = new Float64Array([1, 1]);
    const days = new Float64Array([5, 5]);
    const pred = predictLmm(fit, {
      n: 2, X,
      reTerms: [{ group: "Subject", levels: ["308", "999"], index: Int32Array.from([0, 1]), columnNames: ["(Intercept)", "Days"], columns: [one, days] }],
    });
    const [b0, b1] = fit.fixef.map((f) => f.estimate);
    // lme4: coef(fm1)$Subject["308",] = (253.6637, 19.6662)
    expect(pred[0]).toBeCloseTo(253.6637 + 5 * 19.6662, 2);
    expect(pred[1]).toBeCloseTo(b0 + 5 * b1, 9);
  });

  it("predictLmm on the uncorrelated model matches terms by group and column name", () => {
    const mu = caseMatrices("sleepstudy_uncorr");
    const f2 = fitLmm(mu);
    const pred = predictLmm(f2, { n: mu.n, X: mu.X, reTerms: mu.reTerms });
    pred.forEach((v, r) => expect(v).toBeCloseTo(f2.fitted[r], 9));
  });
});
