import { describe, expect, it } from "vitest";
import { bobyqa, defaultInitialStep } from "../../../src/stats/optim";

const rosenbrock = (x: Float64Array): number => 100 * (x[1] - x[0] * x[0]) ** 2 + (1 - x[0]) ** 2;

describe("bobyqa", () => {
  it("bobyqa(rosenbrock, [-1.2, 1]) reaches the minimum (1, 1)", () => {
    const r = bobyqa(rosenbrock, [-1.2, 1], { ftolAbs: 0, xtolAbs: 1e-10 });
    expect(r.finalTheta[0]).toBeCloseTo(1, 6);
    expect(r.finalTheta[1]).toBeCloseTo(1, 6);
    expect(r.fMin).toBeLessThan(1e-12);
    expect(r.nEval).toBeLessThan(1000);
    expect(r.returnReason).toBe("rhoend_reached");
  });

  it("bobyqa(rosenbrock, lower=[-2, 1.5]) stops on the active bound", () => {
    // minimise over x1 ≥ 1.5: optimum x1 = 1.5, x0 ≈ 1.2247 (x0² near x1, pulled by (1−x0)²)
    const r = bobyqa(rosenbrock, [-1.2, 2], { lower: [-2, 1.5], upper: [2, 3], ftolAbs: 0, xtolAbs: 1e-10 });
    expect(r.finalTheta[1]).toBe(1.5);
    // ∂/∂x0 = −400 x0 (1.5 − x0²) − 2(1 − x0) = 0
    const x0 = r.finalTheta[0];
    expect(Math.abs(-400 * x0 * (1.5 - x0 * x0) - 2 * (1 - x0))).toBeLessThan(1e-5);
  });

  it("bobyqa(quadratic, n = 1) with the optimum on the lower bound", () => {
    const r = bobyqa((x) => (x[0] + 0.3) ** 2, [1], { lower: [0] });
    expect(r.finalTheta[0]).toBe(0);
    expect(r.fMin).toBeCloseTo(0.09, 12);
  });

  it("bobyqa(quadratic, n = 1) interior optimum", () => {
    const r = bobyqa((x) => 3 * (x[0] - 0.4) ** 2 + 1, [1], { lower: [0], ftolAbs: 0 });
    expect(r.finalTheta[0]).toBeCloseTo(0.4, 7);
    expect(r.nEval).toBeLessThan(60);
  });

  it("bobyqa(bounded quadratic, n = 5) with several active bounds", () => {
    const c = [0.5, -1, 2, -0.2, 0.3];
    const f = (x: Float64Array): number => {
      let s = 0;
      for (let i = 0; i < 5; i++) s += (i + 1) * (x[i] - c[i]) ** 2;
      s += 0.5 * (x[0] - c[0]) * (x[1] - c[1]);
      return s;
    };
    const r = bobyqa(f, [1, 1, 1, 1, 1], { lower: [0, 0, 0, 0, 0], upper: [1, 1, 1, 1, 1], ftolAbs: 0 });
    // x1, x3 at 0, x2 at 1; x0 minimises (x0−.5)² + .5(x0−.5)(0+1) → x0 = 0.25; x4 = 0.3
    const want = [0.25, 0, 1, 0, 0.3];
    for (let i = 0; i < 5; i++) expect(r.finalTheta[i]).toBeCloseTo(want[i], 6);
  });

  it("bobyqa(chained quadratic, n = 10) unconstrained", () => {
    const f = (x: Float64Array): number => {
      let s = 0;
      for (let i = 0; i < 10; i++) s += (x[i] - i / 10) ** 2;
      for (let i = 0; i < 9; i++) s += 0.5 * (x[i] - x[i + 1]) ** 2;
      return s;
    };
    const r = bobyqa(f, new Array(10).fill(0), { ftolAbs: 0, xtolAbs: 1e-9 });
    expect(r.fMin).toBeLessThan(f(Float64Array.from({ length: 10 }, (_, i) => i / 10)) + 1e-9);
    expect(r.nEval).toBeLessThan(2000);
  });

  it("defaultInitialStep matches NLopt for lme4's θ₀", () => {
    expect(defaultInitialStep([1, 0, 1], [0, -Infinity, 0], [Infinity, Infinity, Infinity])).toEqual([0.75, 1, 0.75]);
  });

  it("bobyqa records a serialisable summary", () => {
    const r = bobyqa((x) => (x[0] - 2) ** 2, [0]);
    expect(r.fitLog.length).toBe(r.nEval);
    expect(JSON.parse(JSON.stringify(r)).nEval).toBe(r.nEval);
    expect(r.fInitial).toBe(4);
  });
});
