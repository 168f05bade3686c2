import { describe, expect, it } from "vitest";
import { fitLmm } from "../../../src/stats/lmm";
import { caseMatrices } from "./helpers";

describe("fitLmm({start})", () => {
  const mm = caseMatrices("sleepstudy_reml");
  const cold = fitLmm(mm);

  it("from a θ near the optimum: the same optimum in fewer evaluations", () => {
    const warm = fitLmm(mm, { start: cold.theta.map((t) => t * 1.03) });
    expect(warm.optimizer.nEval).toBeLessThan(cold.optimizer.nEval);
    expect(Math.abs(warm.REMLcrit! - cold.REMLcrit!)).toBeLessThan(1e-7);
    warm.theta.forEach((t, i) => expect(Math.abs(t - cold.theta[i]!)).toBeLessThan(1e-4));
  });

  it("a start that does not fit the model (length, NaN, below a bound) is ignored: the cold fit exactly", () => {
    for (const start of [[1, 0], [1, Number.NaN, 1], [-0.5, 0, 1]]) {
      const fit = fitLmm(mm, { start });
      expect(fit.theta).toEqual(cold.theta);
      expect(fit.optimizer.nEval).toBe(cold.optimizer.nEval);
    }
  });
});
