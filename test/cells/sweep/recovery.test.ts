// Acceptance: a sweep over known cases recovers known truths, within Monte Carlo error.
import { afterAll, describe, expect, it } from "vitest";
import { WorkerPool } from "../../../src/engine/workers/pool";
import { planSweep } from "../../../src/cells/sweep/plan";
import { runSweep } from "../../../src/cells/sweep/run";
import { sweepWorkerScript } from "../../../src/cells/sweep/script";
import { interceptDesign, sweepInputs } from "./helpers";

const pool = new WorkerPool(sweepWorkerScript, { mode: "inline" });
afterAll(() => pool.dispose());

/** Three Monte Carlo SEs of a proportion at its nominal value. */
const tolerance = (p: number, n: number) => 3 * Math.sqrt((p * (1 - p)) / n);

describe("a gaussian random-intercept sweep (inline)", () => {
  const R = 300;
  it("has Wald coverage near 95% and a rejection rate near alpha under a true null slope", async () => {
    const plan = planSweep(
      { vary: [{ option: "slope", values: [0, 0.5] }], replicates: R, seed: 11, terms: ["x", "sd__(Intercept)"], alpha: 0.05 },
      sweepInputs(interceptDesign),
    );
    const value = await runSweep(plan, { cellId: "recovery", pool });
    expect(value.status).toBe("complete");
    if (process.env.SWEEP_VERBOSE) console.log(value.summary.map((r) => `${r.slope} ${r.term} cov=${r.coverage} rej=${r.rejection} bias=${r.bias}`).join("\n"));
    expect(value.failures).toBe(0);
    const row = (slope: number, term: string) => value.summary.find((r) => r.slope === slope && r.term === term)!;
    const nullRow = row(0, "x");
    const altRow = row(0.5, "x");
    expect(nullRow.n).toBe(R);
    expect(nullRow.truth).toBe(0);
    expect(altRow.truth).toBe(0.5);
    // Type I error of the Wald test under the true null.
    expect(Math.abs((nullRow.rejection as number) - 0.05)).toBeLessThan(tolerance(0.05, R));
    // Coverage of the 95% Wald interval, at both points.
    for (const r of [nullRow, altRow]) expect(Math.abs((r.coverage as number) - 0.95)).toBeLessThan(tolerance(0.95, R));
    // The fixed slope is unbiased, and its SEs match its empirical SD.
    for (const r of [nullRow, altRow]) {
      expect(Math.abs(r.bias as number)).toBeLessThan(3 * (r.mcse_bias as number));
      expect(Math.abs((r.mean_se as number) / (r.emp_sd as number) - 1)).toBeLessThan(0.15);
    }
    // With 100 observations and slope 0.5 the test nearly always rejects.
    expect(altRow.rejection as number).toBeGreaterThan(0.95);
    // The intercept SD (truth tau0 = 1) is recovered without gross bias; it has no Wald SE.
    const tau = row(0.5, "sd__(Intercept)");
    expect(tau.truth).toBe(1);
    expect(Math.abs(tau.bias as number)).toBeLessThan(0.15);
    expect(tau.coverage).toBeNull();
    // Tidy table: one row per point, replicate and term, in order.
    expect(value.replicates.length).toBe(2 * R * 2);
    expect(value.replicates.slice(0, 3).map((r) => [r.point, r.replicate, r.term])).toEqual([[0, 0, "x"], [0, 0, "sd__(Intercept)"], [0, 1, "x"]]);
  });
});
