import { describe, expect, it } from "vitest";
import { fitLmm, fitLmmEstimates, lmmObjective } from "../../../src/stats/lmm";
import { GAUSSIAN_CASES, caseMatrices, refFit } from "./helpers";

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
const WEIGHTS = [
  0.898262994713, 1.058185849455, 1.359280045028, 1.862311684992, 0.802522896556, 1.847584527452,
  1.917012902908, 1.49119668873, 1.443671065848, 0.592679405701, 0.808961862349, 0.764835128793,
  1.530534269987, 1.076155577321, 1.654762129998, 1.246548863128, 1.576427762397, 1.987859142246,
  1.070052769152, 1.66616783198, 1.902057846659, 0.818213781924, 1.477510649129, 0.688332643942,
  0.900831003091, 1.079171138816, 0.520085499738, 1.073581935605, 1.804536268581, 1.010523495032,
];

describe("lmmObjective golden values (mixed-models.md §1.4)", () => {
  const mm = caseMatrices("sleepstudy_reml");
  it("sleepstudy REML devfun at θ = (1, 0, 1) is 1773.680331", () => {
    expect(lmmObjective(mm).objective([1, 0, 1])).toBeCloseTo(1773.680331, 5);
  });
  it("sleepstudy ML devfun at θ = (1, 0, 1) is 1784.642296 and at θ = 0 is 1900.293056", () => {
    const o = lmmObjective(mm, { REML: false });
    expect(o.objective([1, 0, 1])).toBeCloseTo(1784.642296, 5);
    expect(o.objective([0, 0, 0])).toBeCloseTo(1900.293056, 5);
  });
  it("sleepstudy REML PLS terms at lme4's θ̂: ldL2, ldRX2, pwrss, criterion", () => {
    const theta = refFit("sleepstudy_reml").theta;
    const o = lmmObjective(mm);
    const pls = o.pls(theta);
    expect(pls).not.toBeNull();
    expect(pls!.ldL2).toBeCloseTo(75.9613332, 6);
    expect(pls!.ldRX2).toBeCloseTo(8.2760528, 6);
    expect(rel(pls!.pwrss, 116579.3215)).toBeLessThan(1e-9);
    expect(o.objective(theta)).toBeCloseTo(1743.628272, 5);
  });
  it("Dyestuff ML objective at θ = 0.713 matches MixedModels.jl (327.34216280954615)", () => {
    const o = lmmObjective(caseMatrices("dyestuff"), { REML: false });
    expect(o.objective([0.713])).toBeCloseTo(327.34216280954615, 8);
  });
  it("Dyestuff2 ML objective at θ = 0 matches MixedModels.jl (162.8730)", () => {
    const o = lmmObjective(caseMatrices("dyestuff2_singular"), { REML: false });
    expect(o.objective([0])).toBeCloseTo(162.873, 3);
  });
});

for (const id of GAUSSIAN_CASES) {
  const ref = refFit(id);
  const title = `fitLmm(${id}, {REML: ${ref.REML}})`;
  describe(title, () => {
    const fit = fitLmm(caseMatrices(id), { REML: ref.REML });

    it(`${title} matches lme4 ${ref.REML ? "REMLcrit" : "deviance"} and logLik`, () => {
      const crit = ref.REML ? fit.REMLcrit : fit.deviance;
      const want = (ref.REML ? ref.REMLcrit : ref.deviance) as number;
      expect(Math.abs((crit as number) - want)).toBeLessThan(1e-6);
      expect(Math.abs(fit.logLik - ref.logLik)).toBeLessThan(0.002);
      expect(Math.abs(fit.AIC - ref.AIC)).toBeLessThan(0.004);
      expect(Math.abs(fit.BIC - ref.BIC)).toBeLessThan(0.004);
      expect(fit.nobs).toBe(ref.nobs);
    });

    it(`${title} matches lme4 fixed effects within 0.002 SE and SEs within 0.2%`, () => {
      expect(fit.fixef.map((r) => r.term)).toEqual(ref.fixef.map((r) => r.term));
      fit.fixef.forEach((r, i) => {
        expect(Math.abs(r.estimate - ref.fixef[i].estimate)).toBeLessThan(0.002 * ref.fixef[i].se);
        expect(rel(r.se, ref.fixef[i].se)).toBeLessThan(0.002);
        expect(r.t).toBeCloseTo(r.estimate / r.se, 12);
      });
    });

    it(`${title} matches lme4 VarCorr (SDs 0.2%, correlations 0.002) and singular flag`, () => {
      expect(fit.varcorr.map((r) => [r.group, r.var1, r.var2])).toEqual(ref.varcorr.map((r) => [r.group, r.var1, r.var2]));
      fit.varcorr.forEach((r, i) => {
        const want = ref.varcorr[i].sdcor;
        if (r.var2 === null) {
          if (want === 0) expect(r.sdcor).toBeLessThan(1e-6);
          else expect(rel(r.sdcor, want)).toBeLessThan(0.002);
        } else expect(Math.abs(r.sdcor - want)).toBeLessThan(0.002);
      });
      expect(rel(fit.sigma, ref.sigma)).toBeLessThan(0.002);
      expect(fit.singular).toBe(ref.singular);
      expect(fit.converged).toBe(true);
      expect(fit.convergence.gradientCheck).toBe(ref.singular ? "skipped" : "passed");
      if (ref.singular) expect(fit.messages).toContain("boundary (singular) fit: see help('isSingular')");
      fit.theta.forEach((v, i) => expect(Math.abs(v - ref.theta[i])).toBeLessThan(2e-3 * Math.max(1, Math.abs(ref.theta[i]))));
    });

    it(`${title} matches lme4 conditional modes and conditional SDs`, () => {
      expect(fit.ranef.map((g) => g.group)).toEqual(ref.ranef.map((g) => g.group));
      fit.ranef.forEach((g, gi) => {
        const rg = ref.ranef[gi];
        expect(g.levels).toEqual(rg.levels);
        for (const [term, want] of Object.entries(rg.values)) {
          const got = g.values[term];
          const scale = Math.max(...want.map(Math.abs));
          want.forEach((v, h) => expect(Math.abs(got[h] - v)).toBeLessThanOrEqual(0.003 * scale + 1e-12));
          const wantSd = rg.condsd[term];
          const gotSd = (g.condsd as Record<string, number[]>)[term];
          const sdScale = Math.max(...wantSd);
          wantSd.forEach((v, h) => expect(Math.abs(gotSd[h] - v)).toBeLessThanOrEqual(0.003 * sdScale + 1e-12));
        }
      });
    });

    it(`${title} fitted + residuals reproduce y and the result is JSON-serialisable`, () => {
      const mm = caseMatrices(id);
      fit.fitted.forEach((f, r) => expect(f + fit.residuals[r]).toBeCloseTo(mm.y[r], 9));
      const back = JSON.parse(JSON.stringify(fit));
      expect(back.fixef).toEqual(fit.fixef);
      expect(back.optimizer.nEval).toBe(fit.optimizer.nEval);
    });
  });
}

describe("fitLmmEstimates", () => {
  it.each(GAUSSIAN_CASES)("%s: the same estimates, SEs, criteria and θ as fitLmm, without the per-level and per-observation outputs", (name) => {
    const mm = caseMatrices(name);
    const full = fitLmm(mm, { REML: refFit(name).REML });
    const lean = fitLmmEstimates(mm, { REML: refFit(name).REML });
    const { ranef, coef, fitted, residuals, scaledResiduals, ...estimates } = full;
    expect(lean).toEqual(estimates);
    expect(Object.keys(lean)).not.toContain("ranef");
    // what was left out is there in the full fit
    expect([ranef.length > 0, coef.length > 0, fitted.length, residuals.length, scaledResiduals.length]).toEqual([true, true, mm.n, mm.n, mm.n]);
  });
});

describe("fitLmm details", () => {
  it("fitLmm(sleepstudy) coef = fixef + ranef per level", () => {
    const fit = fitLmm(caseMatrices("sleepstudy_reml"));
    const c = fit.coef[0];
    expect(c.values["(Intercept)"][0]).toBeCloseTo(fit.fixef[0].estimate + fit.ranef[0].values["(Intercept)"][0], 10);
    expect(c.values.Days[0]).toBeCloseTo(fit.fixef[1].estimate + fit.ranef[0].values.Days[0], 10);
  });

  it("fitLmm(sleepstudy) vcov has lme4's Corr(β̂) = −0.138", () => {
    const v = fitLmm(caseMatrices("sleepstudy_reml")).vcov;
    expect(v[0][1] / Math.sqrt(v[0][0] * v[1][1])).toBeCloseTo(-0.138, 3);
  });

  it("fitLmm with unit prior weights and a zero offset equals the unweighted fit", () => {
    const mm = caseMatrices("penicillin_crossed");
    const a = fitLmm(mm);
    const b = fitLmm({ ...mm, weights: new Float64Array(mm.n).fill(1), offset: new Float64Array(mm.n) });
    expect(b.REMLcrit).toBeCloseTo(a.REMLcrit as number, 8);
  });

  it("fitLmm(Dyestuff, weights, offset) matches lme4 (values from lmer with weights = runif, offset)", () => {
    // R: set.seed(1); w <- runif(30, 0.5, 2); off <- (1:30 %% 4) * 10
    const w = Float64Array.from(WEIGHTS);
    const off = Float64Array.from({ length: 30 }, (_, r) => ((r + 1) % 4) * 10);
    const mm = { ...caseMatrices("dyestuff"), weights: w, offset: off };
    const reml = fitLmm(mm);
    expect(reml.REMLcrit as number).toBeCloseTo(323.4748739862, 5);
    expect(reml.theta[0]).toBeCloseTo(0.545888156, 3);
    expect(rel(reml.sigma, 59.8706929703)).toBeLessThan(1e-4);
    expect(reml.fixef[0].estimate).toBeCloseTo(1513.3852317569, 2);
    const ml = fitLmm(mm, { REML: false });
    expect(ml.deviance as number).toBeCloseTo(330.8231320386, 5);
    expect(ml.theta[0]).toBeCloseTo(0.4641893532, 3);
    expect(rel(ml.sigma, 59.9627731839)).toBeLessThan(1e-4);
    expect(ml.fixef[0].estimate).toBeCloseTo(1513.3659792394, 2);
  });

  it("fitLmm(Yield ~ 0 + (1 | Batch)) without fixed effects matches lme4", () => {
    // R: lmer(Yield ~ 0 + (1|Batch), Dyestuff): theta 30.86146826, REMLcrit 370.07890168, sigma 49.51009998
    const mm = caseMatrices("dyestuff");
    const fit = fitLmm({ ...mm, p: 0, X: new Float64Array(0), fixedNames: [] });
    expect(fit.REMLcrit as number).toBeCloseTo(370.07890168, 5);
    expect(rel(fit.theta[0], 30.86146826)).toBeLessThan(1e-4);
    expect(rel(fit.sigma, 49.51009998)).toBeLessThan(1e-4);
    expect(fit.fixef).toEqual([]);
  });

  it("fitLmm with an offset equals the fit of y − offset", () => {
    const mm = caseMatrices("sleepstudy_intercept");
    const off = Float64Array.from({ length: mm.n }, (_, i) => (i % 7) * 3);
    const a = fitLmm({ ...mm, offset: off });
    const b = fitLmm({ ...mm, y: mm.y.map((v, i) => v - off[i]) });
    expect(a.REMLcrit).toBeCloseTo(b.REMLcrit as number, 8);
    expect(a.fitted[5] - off[5]).toBeCloseTo(b.fitted[5], 8);
  });
});
