import { describe, expect, it } from "vitest";
import { fitGlmm, formatGlmmSummary, ghRule } from "../../../src/stats/glmm";
import type { GlmmFit } from "../../../src/stats/glmm";
import { glmmCases, type GlmmRef } from "./helpers";

const rel = (a: number, b: number): number => Math.abs(a / b - 1);

/**
 * The golden tolerances: fixed effects within 0.002·SE, SEs and SDs within 0.2 %, correlations within
 * 0.002, logLik within 0.002 (lme4's scale), the same singular flag, conditional modes within 0.3 % of the
 * largest in their term, conditional SDs within 0.5 %.
 */
function expectMatches(fit: GlmmFit, ref: GlmmRef, nAGQ: number): void {
  expect(fit.nobs).toBe(ref.nobs);
  expect(fit.fixef.map((b) => b.term)).toEqual(ref.fixef.map((b) => b.term));
  ref.fixef.forEach((b, j) => {
    const o = fit.fixef[j]!;
    expect(Math.abs(o.estimate - b.estimate), `fixef ${b.term}`).toBeLessThanOrEqual(0.002 * b.se);
    expect(rel(o.se, b.se), `se ${b.term}: ${o.se} vs ${b.se}`).toBeLessThanOrEqual(0.002);
  });
  expect(fit.varcorr).toHaveLength(ref.varcorr.length);
  ref.varcorr.forEach((r) => {
    const o = fit.varcorr.find((v) => v.group === r.group && v.var1 === r.var1 && v.var2 === r.var2)!;
    expect(o, `varcorr ${r.group} ${r.var1} ${r.var2}`).toBeDefined();
    if (r.var2 === null) {
      if (r.sdcor === 0) expect(o.sdcor, `sd ${r.group} ${r.var1}`).toBeLessThan(1e-4);
      else expect(rel(o.sdcor, r.sdcor), `sd ${r.group} ${r.var1}`).toBeLessThanOrEqual(0.002);
    }
    else expect(Math.abs(o.sdcor - r.sdcor)).toBeLessThanOrEqual(0.002);
  });
  // lme4's logLik is on its own (relative) scale for nAGQ > 1; our logLik is absolute (see lme4LogLik)
  expect(Math.abs(fit.lme4LogLik - ref.logLik)).toBeLessThanOrEqual(0.002);
  if (nAGQ <= 1) {
    expect(Math.abs(fit.logLik - ref.logLik)).toBeLessThanOrEqual(0.002);
    expect(Math.abs(fit.AIC - ref.AIC)).toBeLessThanOrEqual(0.004);
    expect(Math.abs(fit.BIC - ref.BIC)).toBeLessThanOrEqual(0.004);
  }
  expect(Math.abs(fit.deviance - ref.deviance)).toBeLessThanOrEqual(0.005);
  expect(fit.singular).toBe(ref.singular);
  for (const g of ref.ranef) {
    const o = fit.ranef.find((x) => x.group === g.group)!;
    expect(o.levels).toEqual(g.levels);
    for (const [term, vals] of Object.entries(g.values)) {
      const big = Math.max(...vals.map(Math.abs));
      vals.forEach((v, h) => expect(Math.abs(o.values[term]![h]! - v), `ranef ${g.group} ${term} ${g.levels[h]}`).toBeLessThanOrEqual(0.003 * big + 1e-12));
      g.condsd[term]!.forEach((v, h) => {
        const ours = o.condsd![term]![h]!;
        if (v === 0) expect(ours).toBeLessThan(1e-6);
        else expect(rel(ours, v), `condsd ${g.group} ${term}`).toBeLessThanOrEqual(0.005);
      });
    }
  }
}

for (const dir of ["", "glmm-extra/"] as const)
  for (const { c, ref, mm } of glmmCases(dir)) {
    const nAGQ = c.nAGQ ?? 1;
    it(`fitGlmm(${c.id}, {family: ${c.family}, nAGQ: ${nAGQ}}) matches lme4 (${c.formula})`, () => {
      const fit = fitGlmm(mm, { family: c.family, nAGQ, formula: c.formula });
      expectMatches(fit, ref, nAGQ);
      expect(fit.converged).toBe(true);
      expect(fit.vcovMethod).toBe(nAGQ === 0 ? "RX" : "hessian");
    });
  }

describe("fitGlmm on cbpp (mixed-models.md §7.4)", () => {
  const { mm, c } = glmmCases("").find((x) => x.c.id === "cbpp_binomial")!;
  const fit = fitGlmm(mm, { family: "binomial", formula: c.formula });

  it("fitGlmm(cbpp) reports glmer's logLik −92.02657 and AIC/BIC 194.0531 / 204.1799", () => {
    expect(fit.logLik).toBeCloseTo(-92.02657, 4);
    expect(fit.AIC).toBeCloseTo(194.0531, 3);
    expect(fit.BIC).toBeCloseTo(204.1799, 3);
    expect(fit.npar).toBe(5);
    expect(fit.dfResid).toBe(51);
  });
  it("fitGlmm(cbpp) exact Laplace pieces: ‖u‖² 9.725, Σ devresid 73.474, total −2ℓ 184.0526 (MixedModels.jl −92.02628)", () => {
    expect(fit.laplace.sqrU).toBeCloseTo(9.725, 2);
    expect(fit.laplace.sumDevResid).toBeCloseTo(73.474, 2);
    expect(fit.laplace.minus2logLik / -2).toBeCloseTo(-92.02628, 3);
    expect(fit.laplace.aicTerm - fit.laplace.sumDevResid).toBeCloseTo(83.95671, 4);
  });
  it("fitGlmm(cbpp, {vcov: 'RX'}) gives the R_X standard errors 0.2279, 0.3054, 0.3260, 0.4287", () => {
    const rx = fitGlmm(mm, { family: "binomial", vcov: "RX" });
    expect(rx.vcovMethod).toBe("RX");
    rx.fixef.forEach((b, j) => expect(b.se).toBeCloseTo([0.22785, 0.30535, 0.326, 0.4287][j]!, 3));
  });
  it("fitGlmm(cbpp, {deviance: 'exact'}) optimises the exact Laplace approximation", () => {
    const ex = fitGlmm(mm, { family: "binomial", deviance: "exact" });
    expect(ex.logLik).toBeCloseTo(-92.02628, 4);
    expect(Math.abs(ex.fixef[0]!.estimate - fit.fixef[0]!.estimate)).toBeLessThan(0.002);
  });
  it("fitGlmm(cbpp, {nAGQ: 25}) logLik: absolute −91.983, lme4's relative −50.005", () => {
    const agq = fitGlmm(mm, { family: "binomial", nAGQ: 25 });
    expect(agq.lme4LogLik).toBeCloseTo(-50.00502, 4);
    expect(agq.logLik).toBeCloseTo(-91.98337, 3);
    expect(agq.minus2logLik).toBeCloseTo(183.9667, 3);
  });
  it("formatGlmmSummary(cbpp) is laid out like glmer's summary", () => {
    const s = formatGlmmSummary(fit);
    expect(s).toContain("Generalized linear mixed model fit by maximum likelihood (Laplace Approximation) ['glmerMod']");
    expect(s).toContain(" Family: binomial  ( logit )");
    expect(s).toMatch(/194\.1\s+204\.2\s+-92\.0\s+184\.1\s+51/);
    expect(s).toMatch(/herd\s+\(Intercept\)\s+0\.412\d\s+0\.642\d/);
    expect(s).toContain("Number of obs: 56, groups:  herd, 15");
    expect(s).toMatch(/\(Intercept\)\s+-1\.3983\s+0\.2312\s+-6\.048\s+1\.47e-09 \*\*\*/);
    expect(s).toMatch(/period4\s+-1\.579\d\s+0\.4220\s+-3\.743/);
    expect(s).toContain("Correlation of Fixed Effects:");
  });
  it("formatGlmmSummary(cbpp nAGQ 25) names the quadrature and lme4's logLik scale", () => {
    const s = formatGlmmSummary(fitGlmm(mm, { family: "binomial", nAGQ: 25 }));
    expect(s).toContain("(Adaptive Gauss-Hermite Quadrature, nAGQ = 25)");
    expect(s).toContain("lme4 prints logLik -50.0");
  });
});

describe("ghRule(k): Gauss–Hermite rules for N(0, 1) by Golub–Welsch", () => {
  it("ghRule(k) integrates 1, z², z⁴, z⁶ exactly and is symmetric", () => {
    for (const k of [4, 5, 12, 25]) {
      const { z, w } = ghRule(k);
      const m = (p: number) => z.reduce((s, x, i) => s + w[i]! * x ** p, 0);
      expect(m(0)).toBeCloseTo(1, 12);
      expect(m(2)).toBeCloseTo(1, 10);
      expect(m(4)).toBeCloseTo(3, 9);
      expect(m(6)).toBeCloseTo(15, 8);
      z.forEach((x, i) => expect(x).toBeCloseTo(-z[k - 1 - i]!, 12));
    }
  });
  it("ghRule(1) is the single node 0 with weight 1; ghRule(0) throws", () => {
    expect(Array.from(ghRule(1).z)).toEqual([0]);
    expect(ghRule(1).w[0]).toBeCloseTo(1, 14);
    expect(() => ghRule(0)).toThrow(/integer in 1\.\.100/);
  });
});
