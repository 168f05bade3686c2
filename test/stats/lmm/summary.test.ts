import { describe, expect, it } from "vitest";
import { fitLmm, formatLmmSummary } from "../../../src/stats/lmm";
import { caseMatrices } from "./helpers";

describe("formatLmmSummary", () => {
  it("formatLmmSummary(fitLmm(sleepstudy)) is laid out like lme4's summary()", () => {
    const text = formatLmmSummary(fitLmm(caseMatrices("sleepstudy_reml"), { formula: "Reaction ~ Days + (Days | Subject)" }));
    expect(text).toContain("Linear mixed model fit by REML ['lmerMod']");
    expect(text).toContain("Formula: Reaction ~ Days + (Days | Subject)");
    expect(text).toContain("REML criterion at convergence: 1743.6");
    expect(text).toMatch(/-3\.953\d\s+-0\.463\d\s+0\.023\d\s+0\.463\d\s+5\.179\d/);
    expect(text).toMatch(/ Subject\s+\(Intercept\)\s+61[12]\.\d+\s+24\.7\d+/);
    expect(text).toMatch(/Days\s+35\.0\d+\s+5\.92\d+\s+0\.07/);
    expect(text).toContain("Number of obs: 180, groups:  Subject, 18");
    expect(text).toMatch(/\(Intercept\)\s+251\.4\d*\s+6\.82\d+\s+36\.8\d+/);
    expect(text).toContain("Correlation of Fixed Effects:");
    expect(text).toMatch(/Days -0\.138/);
  });

  it("formatLmmSummary(ML fit) shows the AIC/BIC/logLik/deviance/df.resid line", () => {
    const text = formatLmmSummary(fitLmm(caseMatrices("sleepstudy_ml"), { REML: false }));
    expect(text).toContain("Linear mixed model fit by maximum likelihood");
    expect(text).toMatch(/1763\.9\s+1783\.1\s+-876\.0\s+1751\.9\s+174/);
  });

  it("formatLmmSummary(singular fit) ends with lme4's boundary message", () => {
    const text = formatLmmSummary(fitLmm(caseMatrices("dyestuff2_singular")));
    expect(text.trim().endsWith("boundary (singular) fit: see help('isSingular')")).toBe(true);
  });
});
