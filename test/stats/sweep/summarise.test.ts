import { describe, expect, it } from "vitest";
import { replicateSeed, summarisePerformance, waldInterval, waldTest, wilsonInterval, type Outcome } from "../../../src/stats/sweep";

const ok = (estimate: number, se: number | null, extra: Partial<Outcome> = {}): Outcome => {
  const lo = se === null ? null : estimate - 1.959963984540054 * se;
  const hi = se === null ? null : estimate + 1.959963984540054 * se;
  const p = se === null ? null : waldTest(estimate, se).p;
  return { ok: true, estimate, se, conf_low: lo, conf_high: hi, p, singular: false, converged: true, ...extra };
};
const failed: Outcome = { ok: false, estimate: null, se: null, conf_low: null, conf_high: null, p: null, singular: null, converged: null };

describe("summarisePerformance", () => {
  it("computes mean, bias, empirical SD, RMSE and mean SE with their Monte Carlo SEs", () => {
    const est = [1, 2, 3, 4];
    const perf = summarisePerformance(est.map((e, i) => ok(e, 0.5 + i * 0.1)), { truth: 2, alpha: 0.05 });
    const sd = Math.sqrt(((1.5 ** 2 + 0.5 ** 2) * 2) / 3);
    expect(perf.n).toBe(4);
    expect(perf.mean_estimate).toBeCloseTo(2.5, 12);
    expect(perf.bias).toBeCloseTo(0.5, 12);
    expect(perf.emp_sd).toBeCloseTo(sd, 12);
    expect(perf.mcse_bias).toBeCloseTo(sd / 2, 12);
    expect(perf.mcse_emp_sd).toBeCloseTo(sd / Math.sqrt(6), 12);
    expect(perf.rmse).toBeCloseTo(Math.sqrt((1 + 0 + 1 + 4) / 4), 12);
    expect(perf.mean_se).toBeCloseTo(0.65, 12);
    expect(perf.mcse_mean_se).toBeCloseTo(Math.sqrt(((0.15 ** 2 + 0.05 ** 2) * 2) / 3) / 2, 12);
  });

  it("counts coverage, rejections, singular and non-converged fits as proportions with binomial MCSEs", () => {
    const outcomes = [
      ok(0.1, 0.1), // covers 0.2; z = 1, not rejected
      ok(0.5, 0.1), // misses 0.2; rejected
      ok(0.3, 0.1, { singular: true }), // covers; rejected (z = 3)
      ok(0.25, 0.2, { converged: false }), // covers; not rejected
      failed,
    ];
    const perf = summarisePerformance(outcomes, { truth: 0.2, alpha: 0.05 });
    expect(perf.replicates).toBe(5);
    expect(perf.failures).toBe(1);
    expect(perf.coverage).toBe(0.75);
    expect(perf.mcse_coverage).toBeCloseTo(Math.sqrt((0.75 * 0.25) / 4), 12);
    expect(perf.rejection).toBe(0.5);
    expect(perf.mcse_rejection).toBeCloseTo(0.25, 12);
    expect([perf.coverage_n, perf.rejection_n]).toEqual([4, 4]);
    expect(perf.singular_rate).toBe(0.25);
    expect(perf.nonconverged_rate).toBe(0.25);
  });

  it("gives nulls, never NaN, when a measure cannot be formed", () => {
    const perf = summarisePerformance([ok(1, null)], { truth: null, alpha: 0.05 });
    expect(perf.bias).toBeNull();
    expect(perf.coverage).toBeNull();
    expect(perf.rejection).toBeNull();
    expect(perf.emp_sd).toBeNull();
    expect(perf.mean_se).toBeNull();
    const none = summarisePerformance([], { truth: 1, alpha: 0.05 });
    expect(Object.values(none).some((v) => typeof v === "number" && Number.isNaN(v))).toBe(false);
    expect(none.mean_estimate).toBeNull();
  });
});

describe("Wald intervals and tests", () => {
  it("matches est ± 1.96 se and the two-sided normal p-value", () => {
    const ci = waldInterval(1, 0.5, 0.05);
    expect(ci.low).toBeCloseTo(1 - 1.959964 * 0.5, 5);
    expect(ci.high).toBeCloseTo(1 + 1.959964 * 0.5, 5);
    expect(waldTest(1.959964, 1).p).toBeCloseTo(0.05, 5);
    expect(waldTest(1, 0.5, 1).z).toBe(0);
    expect(waldInterval(1, 0, 0.05)).toEqual({ low: null, high: null });
    expect(waldTest(1, Number.NaN)).toEqual({ z: null, p: null });
  });
});

describe("replicateSeed", () => {
  it("is a deterministic function of (seed, point, replicate) with distinct values", () => {
    expect(replicateSeed(7, 2, 3)).toBe(replicateSeed(7, 2, 3));
    const seen = new Set<number>();
    for (let g = 0; g < 5; g++) for (let r = 0; r < 200; r++) seen.add(replicateSeed(7, g, r));
    expect(seen.size).toBe(1000);
    expect(replicateSeed(8, 0, 0)).not.toBe(replicateSeed(7, 0, 0));
    for (const s of seen) expect(Number.isSafeInteger(s) && s >= 0 && s < 2 ** 53).toBe(true);
    expect(() => replicateSeed(1, -1, 0)).toThrow(/non-negative/);
  });
});

describe("wilsonInterval", () => {
  it("matches R's prop.test(k, n, correct = FALSE) and stays off a point at 0 and 1", () => {
    // prop.test(2, 2, correct = FALSE)$conf.int, and the same for 30/100 and 0/5 (R 4.2).
    expect(wilsonInterval(1, 2)!.low).toBeCloseTo(0.342380227507, 10);
    expect(wilsonInterval(1, 2)!.high).toBe(1);
    const mid = wilsonInterval(0.3, 100)!;
    expect(mid.low).toBeCloseTo(0.218948852949, 10);
    expect(mid.high).toBeCloseTo(0.395848546333, 10);
    expect(wilsonInterval(0, 5)!.low).toBe(0);
    expect(wilsonInterval(0, 5)!.high).toBeCloseTo(0.434482464783, 10);
    expect(wilsonInterval(0.5, 0)).toBeNull();
  });
});
