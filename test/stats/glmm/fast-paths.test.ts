/**
 * The PIRLS fast paths must give the generic blocked system's results bit for bit:
 * - the single vector-valued term path ((x | g): vectorStep, u-only and joint),
 * - the inlined binomial/logit and poisson/log kernels' working values (workingValues),
 * - reweight's one-pass path for scalar terms (crossed (1 | a) + (1 | b)).
 * Each test runs the same PIRLS with the fast path switched off and compares with toBe / toEqual.
 * The sparse path for several scalar terms (sparse.ts) factors in a different operation order, and the
 * kernels' deviance sums (updateMu) use cheaper identities than the Family objects' formulas, so those two
 * are compared to rounding instead.
 */
import { describe, expect, it } from "vitest";
import { binomial, poisson } from "../../../src/stats/family";
import type { ModelMatrices } from "../../../src/stats/frame/model-matrices";
import { blockedSystem, createModel, type GlmmModel } from "../../../src/stats/glmm/model";
import { PIRLS_FIT, PIRLS_LME4, pirlsJoint, pirlsU } from "../../../src/stats/glmm/pirls";
import { fitGlmm } from "../../../src/stats/glmm";
import { glmmCases } from "./helpers";

const crossed = glmmCases("glmm-extra/").find((x) => x.c.id === "poisson_crossed")!.mm;
const slope = glmmCases("glmm-extra/").find((x) => x.c.id === "bernoulli_slope")!.mm;

/** A Poisson model with a three-column random term (1 + x + x2 | g): the general p₀ loops. */
function threeColumn(): ModelMatrices {
  const n = 120;
  const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.7));
  const x2 = Float64Array.from({ length: n }, (_, i) => Math.cos(i * 1.3));
  const g = Int32Array.from({ length: n }, (_, i) => i % 6);
  const y = Float64Array.from({ length: n }, (_, i) => Math.round(Math.exp(0.3 + 0.5 * x[i]! + 0.2 * (g[i]! - 2.5) * x2[i]!) + (i % 3 === 0 ? 1 : 0)));
  const one = new Float64Array(n).fill(1);
  const X = new Float64Array(2 * n);
  X.set(one, 0);
  X.set(x, n);
  return {
    n, y, p: 2, X, fixedNames: ["(Intercept)", "x"],
    reTerms: [{ group: "g", levels: ["a", "b", "c", "d", "e", "f"], index: g, columnNames: ["(Intercept)", "x", "x2"], columns: [one, x, x2] }],
    rows: Int32Array.from({ length: n }, (_, i) => i), responseName: "y", messages: [], family: "poisson",
  };
}

interface Snapshot {
  laplace: number;
  ldL2: number;
  iterations: number;
  u: number[];
  beta: number[];
  mu: number[];
}

function snap(model: GlmmModel, r: { laplace: number; ldL2: number; iterations: number }): Snapshot {
  return { laplace: r.laplace, ldL2: r.ldL2, iterations: r.iterations, u: Array.from(model.u), beta: Array.from(model.beta), mu: Array.from(model.mu) };
}

/** Joint PIRLS at θ, then u-only PIRLS (lme4's evaluation) from its β and η, in one model. */
function run(model: GlmmModel, theta: number[]): Snapshot[] {
  const a = snap(model, pirlsJoint(model, theta, PIRLS_FIT));
  const beta = Array.from(model.beta).map((b, j) => b + 0.01 * (j + 1));
  const u0 = Float64Array.from(model.u);
  const eta = Float64Array.from(model.eta);
  const th2 = theta.map((t, i) => t * (1 + 0.05 * (i + 1)));
  const b = snap(model, pirlsU(model, th2, beta, u0, PIRLS_LME4, eta));
  const c = snap(model, pirlsU(model, th2, beta, u0, PIRLS_FIT));
  return [a, b, c];
}

describe("PIRLS fast paths are bit-identical to the blocked system", () => {
  it("single vector-valued term (1 + x | g), binomial: vectorStep (u-only and joint)", () => {
    const theta = [1.1, -0.05, 0.5];
    const fast = createModel(slope, binomial);
    expect(fast.single).toBe(true);
    const slow = createModel(slope, binomial);
    slow.single = false;
    expect(run(fast, theta)).toEqual(run(slow, theta));
    expect(Array.from(fast.uonly!.sys.L00)).toEqual(Array.from(slow.uonly!.sys.L00));
  });

  it("single term with three columns, poisson: the general p₀ loops", () => {
    const mm = threeColumn();
    const theta = [0.6, 0.1, 0.3, -0.05, 0.02, 0.2];
    const fast = createModel(mm, poisson);
    const slow = createModel(mm, poisson);
    slow.single = false;
    expect(run(fast, theta)).toEqual(run(slow, theta));
  });

  it("inlined family kernels equal the Family object's functions (binomial and poisson) to rounding", () => {
    // updateMu sums the deviance by cheaper identities (log μ = η; a product of Bernoulli probabilities;
    // log1p(e^η)), so the kernels agree with the Family objects' formulas to rounding, not bit for bit.
    const cbpp = glmmCases("").find((x) => x.c.id === "cbpp_binomial")!.mm; // binomial proportions with weights
    for (const [mm, fam, theta] of [[slope, binomial, [1.1, -0.05, 0.5]], [cbpp, binomial, [0.6]], [crossed, poisson, [0.5, 0.3]]] as const) {
      const fast = createModel(mm, fam);
      expect(fast.kernel).not.toBe(0);
      const slow = createModel(mm, fam);
      slow.kernel = 0;
      const a = run(fast, [...theta]);
      const b = run(slow, [...theta]);
      a.forEach((sa, k) => {
        const sb = b[k]!;
        expect(sa.iterations).toBe(sb.iterations);
        expect(Math.abs(sa.laplace - sb.laplace)).toBeLessThan(1e-11 * Math.abs(sb.laplace));
        expect(Math.abs(sa.ldL2 - sb.ldL2)).toBeLessThan(1e-11 * (1 + Math.abs(sb.ldL2)));
        for (const key of ["u", "beta", "mu"] as const)
          sa[key].forEach((v, i) => expect(Math.abs(v - sb[key][i]!), `${key}[${i}]`).toBeLessThan(1e-10 * (1 + Math.abs(sb[key][i]!))));
      });
    }
  });

  it("crossed scalar terms: reweight's one-pass path", () => {
    const theta = [0.5, 0.3];
    const fast = createModel(crossed, poisson);
    fast.sparse = null; // the blocked system's own paths
    expect(blockedSystem(fast, true).scalarTerms && blockedSystem(fast, false).scalarTerms).toBe(true);
    const slow = createModel(crossed, poisson);
    slow.sparse = null;
    blockedSystem(slow, true).scalarTerms = false;
    blockedSystem(slow, false).scalarTerms = false;
    expect(run(fast, theta)).toEqual(run(slow, theta));
  });

  it("several scalar terms: the sparse factorization agrees with the blocked system to rounding", () => {
    // crossed (dense tail after fill-in) and nested (grouseticks-like: observation-level, within-group, group)
    const n = 90;
    const g1 = Int32Array.from({ length: n }, (_, i) => i);
    const g2 = Int32Array.from({ length: n }, (_, i) => Math.floor(i / 3));
    const g3 = Int32Array.from({ length: n }, (_, i) => Math.floor(i / 9));
    const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.37));
    const one = new Float64Array(n).fill(1);
    const X = new Float64Array(2 * n);
    X.set(one, 0);
    X.set(x, n);
    const y = Float64Array.from({ length: n }, (_, i) => Math.round(Math.exp(0.5 + 0.4 * x[i]! + 0.3 * Math.cos(g2[i]!) + 0.2 * Math.sin(g3[i]! * 2)) + (i % 4 === 0 ? 1 : 0)));
    const lv = (k: number) => Array.from({ length: k }, (_, i) => `l${i}`);
    const nested: ModelMatrices = {
      n, y, p: 2, X, fixedNames: ["(Intercept)", "x"],
      reTerms: [
        { group: "obs", levels: lv(n), index: g1, columnNames: ["(Intercept)"], columns: [one] },
        { group: "brood", levels: lv(30), index: g2, columnNames: ["(Intercept)"], columns: [one] },
        { group: "loc", levels: lv(10), index: g3, columnNames: ["(Intercept)"], columns: [one] },
      ],
      rows: Int32Array.from({ length: n }, (_, i) => i), responseName: "y", messages: [], family: "poisson",
    };
    for (const [mm, theta] of [[crossed, [0.5, 0.3]], [nested, [0.4, 0.6, 0.3]]] as const) {
      const fast = createModel(mm, poisson);
      expect(fast.sparse).not.toBeNull();
      const slow = createModel(mm, poisson);
      slow.sparse = null;
      const a = run(fast, [...theta]);
      const b = run(slow, [...theta]);
      a.forEach((sa, k) => {
        const sb = b[k]!;
        expect(sa.iterations).toBe(sb.iterations);
        expect(Math.abs(sa.laplace - sb.laplace)).toBeLessThan(1e-9 * Math.abs(sb.laplace));
        expect(Math.abs(sa.ldL2 - sb.ldL2)).toBeLessThan(1e-9 * (1 + Math.abs(sb.ldL2)));
        for (const key of ["u", "beta", "mu"] as const)
          sa[key].forEach((v, i) => expect(Math.abs(v - sb[key][i]!), `${key}[${i}]`).toBeLessThan(1e-9 * (1 + Math.abs(sb[key][i]!))));
      });
    }
  });

  it("whole fits: the (1 + x | g) template-sized binomial fit is reproducible call to call", () => {
    const a = fitGlmm(slope, { family: "binomial" });
    const b = fitGlmm(slope, { family: "binomial" });
    expect(b.logLik).toBe(a.logLik);
    expect(b.theta).toEqual(a.theta);
    expect(b.fixef).toEqual(a.fixef);
  });
});
