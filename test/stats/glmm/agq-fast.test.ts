/**
 * The AGQ and PIRLS fast paths for one scalar term with binomial/logit must equal the general code:
 * - agqSumLogMult's closed forms (whole weights: square-and-multiply products; other weights: log1p
 *   sums) against the direct formula (devc from the family's deviance at every node), to 1e-10;
 * - iterateScalar (the fused one-scalar-term iteration, u only and joint) against pirls.ts's iterate,
 *   to rounding;
 * - fastExp against Math.exp, and powerProgram's products against direct powers.
 */
import { describe, expect, it } from "vitest";
import { binomial } from "../../../src/stats/family";
import type { ModelMatrices } from "../../../src/stats/frame/model-matrices";
import { binomialInterceptLogMult, binomialInterceptLogMultInt, powerProgram } from "../../../src/stats/glmm/agq-binomial";
import { agqLayout, agqSumLogMult } from "../../../src/stats/glmm/agq";
import { fastExp } from "../../../src/stats/glmm/fast-exp";
import { ghRule } from "../../../src/stats/glmm/gauss-hermite";
import { createModel, type GlmmModel } from "../../../src/stats/glmm/model";
import { PIRLS_FIT, PIRLS_LME4, PIRLS_TIGHT, PIRLS_WARM, PIRLS_WARM_SEED, pirlsJoint, pirlsU, type LaplaceTerms } from "../../../src/stats/glmm/pirls";
import { glmmCases } from "./helpers";

const cbpp = glmmCases("").find((x) => x.c.id === "cbpp_binomial_agq")!.mm;

/** A random-intercept binomial model: Bernoulli rows (weights 1), or proportions with the given weights. */
function synthetic(weights: (i: number) => number, bernoulli: boolean, shift = 0): ModelMatrices {
  const n = 90;
  const nl = 9;
  const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.9));
  const g = Int32Array.from({ length: n }, (_, i) => (i * 7) % nl);
  const wt = Float64Array.from({ length: n }, (_, i) => weights(i));
  const y = Float64Array.from({ length: n }, (_, i) => {
    const p = 1 / (1 + Math.exp(-(shift + 0.8 * x[i]! + 0.6 * Math.cos(g[i]! * 1.7))));
    if (bernoulli) return (i * 0.618034) % 1 < p ? 1 : 0;
    return Math.min(1, Math.max(0, Math.round(p * wt[i]! + 0.4 * Math.sin(i)) / wt[i]!));
  });
  const one = new Float64Array(n).fill(1);
  const X = new Float64Array(2 * n);
  X.set(one, 0);
  X.set(x, n);
  return {
    n, y, p: 2, X, fixedNames: ["(Intercept)", "x"], weights: bernoulli ? undefined : wt,
    reTerms: [{ group: "g", levels: Array.from({ length: nl }, (_, j) => `g${j}`), index: g, columnNames: ["(Intercept)"], columns: [one] }],
    rows: Int32Array.from({ length: n }, (_, i) => i), responseName: "y", messages: [], family: "binomial",
  };
}

/** The mode at (θ, β) as glmer's evaluation leaves it, from the stage-1 start at θ₀. */
function atMode(model: GlmmModel, theta0: number, theta: number, beta: number[]): void {
  pirlsJoint(model, [theta0], PIRLS_FIT);
  const lp0 = Float64Array.from(model.eta);
  const u1 = Float64Array.from(model.u);
  pirlsU(model, [theta], beta, u1, PIRLS_LME4, lp0);
}

const cases: [string, ModelMatrices, number[]][] = [
  ["cbpp (binomial sizes)", cbpp, [-1.4, -0.99, -1.13, -1.58]],
  ["Bernoulli rows", synthetic(() => 1, true), [0.1, 0.8]],
  ["whole weights 1..40", synthetic((i) => 1 + ((i * 13) % 40), false), [0.2, 0.7]],
  ["fractional weights", synthetic((i) => 0.5 + ((i * 13) % 7) * 0.75, false), [0.2, 0.7]],
];

describe("agqSumLogMult: binomial random-intercept closed forms equal the direct formula", () => {
  for (const [name, mm, beta0] of cases)
    it(name, () => {
      const model = createModel(mm, binomial);
      const layout = agqLayout(model);
      for (const theta of [0.05, 0.65, 1.3, 2.5])
        for (const db of [0, 0.3, -0.4]) {
          const beta = beta0.map((b, j) => b + db * (j === 0 ? 1 : 0.5));
          atMode(model, 0.6, theta, beta);
          for (const K of [25, 12, 7, 2]) {
            const fast = agqSumLogMult(model, layout, K, theta);
            const direct = agqSumLogMult(model, layout, K, theta, true);
            expect(Math.abs(fast - direct), `θ ${theta}, Δβ ${db}, K ${K}`).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(direct)));
          }
        }
    });

  it("levels whose nodes reach |η| > 30 take the direct formula (and still agree)", () => {
    const model = createModel(synthetic((i) => 1 + (i % 5), false, 20), binomial);
    const layout = agqLayout(model);
    atMode(model, 0.6, 6, [20, 0.7]);
    const fast = agqSumLogMult(model, layout, 25, 6);
    expect(Math.abs(fast - agqSumLogMult(model, layout, 25, 6, true))).toBeLessThanOrEqual(1e-10 * Math.abs(fast));
  });

  it("the square-and-multiply products equal the log1p sums level by level", () => {
    const model = createModel(cbpp, binomial);
    const layout = agqLayout(model);
    const { z, w } = ghRule(25);
    atMode(model, 0.6, 0.65, [-1.4, -0.99, -1.13, -1.58]);
    const muS = Float64Array.from(layout.rows, (i) => model.mu[i]!);
    const L00 = model.uL00;
    const { prog, progPtr } = layout.power!;
    for (let j = 0; j + 1 < layout.ptr.length; j++) {
      const args = [layout.sumWy[j]!, model.u[j]!, 1 / L00[j]!, 0.65, z, w, new Float64Array(25), new Float64Array(25)] as const;
      const a = binomialInterceptLogMult(muS, layout.wtS, layout.ptr[j]!, layout.ptr[j + 1]!, ...args);
      const b = binomialInterceptLogMultInt(muS, prog, progPtr[j]!, progPtr[j + 1]!, ...args);
      expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(a)));
    }
  });
});

describe("powerProgram", () => {
  it("runs Π bᵢ^{nᵢ} per level by shared squarings", () => {
    const ptr = Int32Array.from([0, 3, 3, 7]);
    const nS = Int32Array.from([5, 1, 34, 0, 2, 7, 16]);
    const b = [1.01, 0.7, 1.003, 3, 0.9, 1.2, 0.95];
    const { prog, progPtr } = powerProgram(ptr, nS);
    for (let j = 0; j < 3; j++) {
      let r = 1;
      for (let q = progPtr[j]!; q < progPtr[j + 1]!; q++) r *= prog[q]! < 0 ? r : b[prog[q]!]!;
      let want = 1;
      for (let x = ptr[j]!; x < ptr[j + 1]!; x++) want *= b[x]! ** nS[x]!;
      expect(Math.abs(r - want)).toBeLessThanOrEqual(1e-14 * want);
    }
  });
});

describe("fastExp", () => {
  it("is within 2 ulp of Math.exp over the double range, and defers outside |x| < 700", () => {
    let worst = 0;
    for (let i = 0; i <= 200000; i++) {
      const x = -745 + (1490 * i) / 200000 + 1e-7 * Math.sin(i);
      const want = Math.exp(x);
      const got = fastExp(x);
      if (want === 0 || !Number.isFinite(want)) expect(got).toBe(want);
      else worst = Math.max(worst, Math.abs(got - want) / want);
    }
    expect(worst).toBeLessThanOrEqual(4.5e-16);
    expect(fastExp(0)).toBe(1);
    expect(fastExp(-Infinity)).toBe(0);
    expect(fastExp(NaN)).toBeNaN();
  });
});

/** Two PIRLS results (and the states they left) agree to rounding, with the same iteration count. */
function expectSame(a: LaplaceTerms, sa: Float64Array[], b: LaplaceTerms, sb: Float64Array[], what: string): void {
  expect(a.iterations, what).toBe(b.iterations);
  for (const k of ["laplace", "ldL2", "sqrU", "sumDev", "aic"] as const)
    expect(Math.abs(a[k] - b[k]), `${k}, ${what}`).toBeLessThanOrEqual(1e-11 * Math.max(1, Math.abs(b[k])));
  sa.forEach((v, x) => v.forEach((y, i) => expect(Math.abs(y - sb[x]![i]!), `state ${x}[${i}], ${what}`).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(y)))));
}

describe("iterateScalar (fused one-scalar-term PIRLS) equals pirls.ts's iteration", () => {
  for (const [name, mm, beta0] of cases) {
    for (const ctl of [PIRLS_LME4, PIRLS_TIGHT])
      it(`${name}: u only, ${ctl === PIRLS_LME4 ? "glmer's lagged" : "tight"} control, from a start η and from u`, () => {
        const model = createModel(mm, binomial);
        pirlsJoint(model, [0.6], PIRLS_FIT);
        const lp0 = Float64Array.from(model.eta);
        const u1 = Float64Array.from(model.u);
        const state = () => [Float64Array.from(model.u), Float64Array.from(model.uL00), Float64Array.from(model.mu)];
        for (const theta of [0.05, 0.65, 2.5])
          for (const start of [lp0, undefined]) {
            const beta = beta0.map((b, j) => b + 0.02 * (j + 1));
            const a = pirlsU(model, [theta], beta, u1, ctl, start, true);
            const sa = state();
            const b = pirlsU(model, [theta], beta, u1, ctl, start, false);
            expectSame(a, sa, b, state(), `θ ${theta}, ${start ? "from η" : "from u"}`);
          }
      });
    it(`${name}: joint (u, β), cold and warm starts`, () => {
      const fused = createModel(mm, binomial);
      const plain = createModel(mm, binomial);
      const state = (m: GlmmModel) => [Float64Array.from(m.u), Float64Array.from(m.beta), Float64Array.from(m.jL00), Float64Array.from(m.jS), Float64Array.from(m.eta)];
      for (const theta of [0.05, 0.65, 2.5]) {
        expectSame(pirlsJoint(fused, [theta], PIRLS_FIT, undefined, true), state(fused), pirlsJoint(plain, [theta], PIRLS_FIT, undefined, false), state(plain), `cold θ ${theta}`);
        for (const warm of [PIRLS_WARM, PIRLS_WARM_SEED]) {
          const a = pirlsJoint(fused, [theta * 1.1], PIRLS_FIT, warm, true);
          const b = pirlsJoint(plain, [theta * 1.1], PIRLS_FIT, warm, false);
          expectSame(a, state(fused), b, state(plain), `warm θ ${theta * 1.1}`);
        }
      }
    });
  }
});
