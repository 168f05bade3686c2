import { describe, expect, it } from "vitest";
import { binomial, poisson } from "../../../src/stats/family";
import type { ModelMatrices } from "../../../src/stats/frame/model-matrices";
import { modelFrame } from "../../../src/stats/frame/model-frame";
import { fitGlmm, GlmmError } from "../../../src/stats/glmm";
import { blockedSystem, createModel } from "../../../src/stats/glmm/model";
import { PIRLS_TIGHT, pirlsU } from "../../../src/stats/glmm/pirls";
import { reweight } from "../../../src/stats/glmm/system";
import { updateL } from "../../../src/stats/lmm/factor";
import { solveBetaU } from "../../../src/stats/lmm/solve";
import { glmmCases } from "./helpers";

const cbpp = glmmCases("").find((x) => x.c.id === "cbpp_binomial")!.mm;
const crossed = glmmCases("glmm-extra/").find((x) => x.c.id === "poisson_crossed")!.mm;
const slope = glmmCases("glmm-extra/").find((x) => x.c.id === "bernoulli_slope")!.mm;

/** A tiny hand-built Poisson model with one random intercept. */
function handMade(y: number[], family?: "poisson" | "binomial"): ModelMatrices {
  const n = y.length;
  return {
    n, y: Float64Array.from(y), p: 1, X: new Float64Array(n).fill(1), fixedNames: ["(Intercept)"],
    reTerms: [{ group: "g", levels: ["a", "b", "c"], index: Int32Array.from(y, (_, i) => i % 3), columnNames: ["(Intercept)"], columns: [new Float64Array(n).fill(1)] }],
    rows: Int32Array.from(y, (_, i) => i), responseName: "y", messages: [], ...(family ? { family } : {}),
  };
}

describe("fitGlmm bad input", () => {
  it("fitGlmm(nAGQ > 1) with crossed or vector-valued terms errors as lme4 does", () => {
    expect(() => fitGlmm(crossed, { family: "poisson", nAGQ: 5 })).toThrow("nAGQ > 1 is only available for models with a single, scalar random-effects term");
    expect(() => fitGlmm(slope, { family: "binomial", nAGQ: 5 })).toThrow(GlmmError);
  });
  it("fitGlmm rejects a non-integer or negative nAGQ", () => {
    expect(() => fitGlmm(cbpp, { family: "binomial", nAGQ: 1.5 })).toThrow(/nAGQ must be an integer from 0 to 100, not 1\.5/);
    expect(() => fitGlmm(cbpp, { family: "binomial", nAGQ: -1 })).toThrow(/nAGQ must be an integer/);
  });
  it("fitGlmm rejects families other than binomial and poisson, and a frame coded for another family", () => {
    expect(() => fitGlmm(cbpp, { family: "gaussian" as never })).toThrow(/family must be "binomial" or "poisson", not "gaussian"/);
    expect(() => fitGlmm(cbpp, { family: "poisson" })).toThrow(/coded the response for family binomial, not poisson/);
  });
  it("fitGlmm without random terms points to fitGlm", () => {
    expect(() => fitGlmm({ ...cbpp, reTerms: [] }, { family: "binomial" })).toThrow(/no random-effects terms; fit it with fitGlm/);
  });
  it("fitGlmm rejects negative or non-integer counts (poisson) and non-binary responses (binomial)", () => {
    expect(() => fitGlmm(handMade([1, 2, -1, 3, 0, 2]), { family: "poisson" })).toThrow(/non-negative count; it is -1 in row 3/);
    expect(() => fitGlmm(handMade([1, 2, 1.5, 3, 0, 2]), { family: "poisson" })).toThrow(/whole-number count; it is 1\.5 in row 3/);
    expect(() => fitGlmm(handMade([0, 1, 0.5, 1, 0, 1]), { family: "binomial" })).toThrow(/without trials must be binary \(0 or 1\); it is 0\.5 in row 3/);
  });
  it("fitGlmm reports non-convergence when the evaluation budget runs out", () => {
    const f = fitGlmm(cbpp, { family: "binomial", maxeval: 8 });
    expect(f.converged).toBe(false);
    expect(f.messages).toContain("convergence code: maximum number of function evaluations reached");
  });
  it("fitGlmm flags complete separation", () => {
    const x = Array.from({ length: 60 }, (_, i) => (i % 10) - 4.5);
    const m = modelFrame("y ~ x + (1 | g)", { x, g: x.map((_, i) => `g${i % 6}`), y: x.map((v) => (v > 0 ? 1 : 0)) }, { family: "binomial" });
    const f = fitGlmm(m, { family: "binomial" });
    expect(f.separation).toBe(true);
    expect(f.messages.join("\n")).toMatch(/complete separation: fitted probabilities numerically 0 or 1 occurred/);
  });
  it("PIRLS failures surface with lme4's wording: maxstephalfit and maxit", () => {
    const model = createModel(handMade([1, 2, 1, 3, 0, 2]), poisson);
    // β = 800 makes every Poisson mean overflow, so no step can reduce the deviance
    expect(() => pirlsU(model, [1], [800], new Float64Array(3), PIRLS_TIGHT)).toThrow(
      "(maxstephalfit) PIRLS step-halvings failed to reduce deviance in pwrssUpdate",
    );
    expect(() => pirlsU(model, [1], [0.3], new Float64Array(3), { ...PIRLS_TIGHT, maxit: 1 })).toThrow(
      "pwrssUpdate did not converge in (maxit) 1 iterations",
    );
  });
  it("fitGlmm needs more observations than fixed effects", () => {
    const m = handMade([1, 2, 0]);
    expect(() => fitGlmm({ ...m, p: 3, X: new Float64Array(9).fill(1), fixedNames: ["a", "b", "c"] }, { family: "poisson" })).toThrow(
      /3 observations cannot estimate 3 fixed effects/,
    );
  });
});

describe("PIRLS internals", () => {
  it("pirlsU at θ = 0 and the glm coefficients gives the glm's −2 log-likelihood (198.0584, cbpp)", () => {
    const model = createModel(cbpp, binomial);
    const r = pirlsU(model, [0], [-1.269023489, -1.170762725, -1.301405334, -1.782278635], new Float64Array(15), PIRLS_TIGHT);
    expect(r.laplace).toBeCloseTo(198.0584, 3);
    expect(r.ldL2).toBe(0);
  });
  it("pirlsU at lme4's estimates reproduces lme4's conditional modes (cbpp herd 1: 0.5896294)", () => {
    const model = createModel(cbpp, binomial);
    const theta = 0.642069927729179;
    pirlsU(model, [theta], [-1.39834286447115, -0.991924974975739, -1.12821621594334, -1.57974541364919], new Float64Array(15), PIRLS_TIGHT);
    expect(model.u[0]! * theta).toBeCloseTo(0.589629436492113, 6);
  });
  it("the reweighted blocked solve equals a dense solve for crossed terms", () => {
    const model = createModel(crossed, poisson);
    const n = crossed.n;
    const w = Float64Array.from({ length: n }, (_, i) => 0.5 + (i % 7) / 3);
    const r = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
    const theta = [0.7, 1.3];
    const uonly = blockedSystem(model, false); // this model takes the sparse path, which does not build it
    reweight(uonly, w, r);
    updateL(uonly.sys, theta, uonly.work);
    const sol = solveBetaU(uonly.sys);
    const ours = [...sol.u[0]!, ...sol.u[1]!];
    const q = model.q;
    const Z = Array.from({ length: n }, (_, i) => {
      const row = new Array<number>(q).fill(0);
      model.terms.forEach((t, ti) => (row[model.uOff[ti]! + t.index[i]!] = theta[ti]!));
      return row;
    });
    const M = Array.from({ length: q }, (_, a) => Array.from({ length: q }, (_, b) => Z.reduce((s, z, i) => s + z[a]! * w[i]! * z[b]!, a === b ? 1 : 0)));
    const rhs = Array.from({ length: q }, (_, a) => Z.reduce((s, z, i) => s + z[a]! * w[i]! * r[i]!, 0));
    for (let c = 0; c < q; c++)
      for (let rr = c + 1; rr < q; rr++) {
        const f = M[rr]![c]! / M[c]![c]!;
        for (let k = c; k < q; k++) M[rr]![k]! -= f * M[c]![k]!;
        rhs[rr]! -= f * rhs[c]!;
      }
    const x = new Array<number>(q).fill(0);
    for (let c = q - 1; c >= 0; c--) {
      let s = rhs[c]!;
      for (let k = c + 1; k < q; k++) s -= M[c]![k]! * x[k]!;
      x[c] = s / M[c]![c]!;
    }
    x.forEach((v, i) => expect(ours[i]).toBeCloseTo(v, 12));
  });
});
