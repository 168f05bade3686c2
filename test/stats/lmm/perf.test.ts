/**
 * Timing checks. Thresholds are loose (shared CI machines); the measured medians are printed.
 * InstEval (73,421 rows) runs only with LMM_INSTEVAL=1 (about half a minute).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { ModelMatrices } from "../../../src/stats/frame/model-matrices";
import { fitLmm } from "../../../src/stats/lmm";
import { caseMatrices, factor } from "./helpers";

/**
 * Median wall time per call, and mean CPU time per call (less sensitive to other processes on a
 * shared machine; the assertions use the CPU time).
 */
function timing(f: () => void, reps: number): { medianMs: number; cpuMs: number } {
  for (let i = 0; i < 200; i++) f(); // JIT warm-up (lme4's numbers are also after a warm-up fit)
  const ts: number[] = [];
  const c0 = process.cpuUsage();
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    f();
    ts.push(performance.now() - t0);
  }
  const c = process.cpuUsage(c0);
  ts.sort((a, b) => a - b);
  return { medianMs: ts[Math.floor(reps / 2)], cpuMs: c.user / 1000 / reps };
}

describe("fitLmm timing", () => {
  it("fitLmm(sleepstudy) median time (lme4: 15 ms)", () => {
    const mm = caseMatrices("sleepstudy_reml");
    const t = timing(() => fitLmm(mm), 100);
    console.log(`fitLmm(sleepstudy) median ${t.medianMs.toFixed(3)} ms wall, ${t.cpuMs.toFixed(3)} ms CPU`);
    expect(t.cpuMs).toBeLessThan(15); // lme4: 15 ms
  });

  it("fitLmm(Penicillin) median time (lme4: 16 ms)", () => {
    const mm = caseMatrices("penicillin_crossed");
    const t = timing(() => fitLmm(mm), 100);
    console.log(`fitLmm(Penicillin) median ${t.medianMs.toFixed(3)} ms wall, ${t.cpuMs.toFixed(3)} ms CPU`);
    expect(t.cpuMs).toBeLessThan(16); // lme4: 16 ms
  });

  it.skipIf(!process.env.LMM_INSTEVAL)("fitLmm(InstEval, {REML: false}) matches lme4 deviance 237721.7688", () => {
    const text = readFileSync(fileURLToPath(new URL("../../../reference/data/InstEval.csv", import.meta.url)), "utf8");
    const lines = text.trim().split("\n");
    const head = lines[0].split(",").map((s) => s.replace(/"/g, ""));
    const cols: Record<string, string[]> = {};
    for (const h of head) cols[h] = [];
    for (let i = 1; i < lines.length; i++) lines[i].split(",").forEach((v, j) => cols[head[j]].push(v.replace(/"/g, "")));
    const n = lines.length - 1;
    const ones = new Float64Array(n).fill(1);
    const X = new Float64Array(2 * n);
    X.fill(1, 0, n);
    cols.service.forEach((v, r) => (X[n + r] = v === "1" ? 1 : 0));
    const term = (g: string) => ({ group: g, ...factor(cols[g]), columnNames: ["(Intercept)"], columns: [ones] });
    const mm: ModelMatrices = {
      n, y: Float64Array.from(cols.y, Number), p: 2, X, fixedNames: ["(Intercept)", "service1"],
      reTerms: [term("s"), term("d"), term("dept")], rows: new Int32Array(n), responseName: "y", messages: [],
    };
    const t0 = performance.now();
    const fit = fitLmm(mm, { REML: false, condVar: false });
    console.log(`fitLmm(InstEval ML) ${(performance.now() - t0).toFixed(0)} ms, ${fit.optimizer.nEval} evaluations`);
    expect(fit.deviance as number).toBeCloseTo(237721.7688, 3);
  }, 600_000);
});
