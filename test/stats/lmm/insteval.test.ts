/**
 * The largest reference fit: InstEval (73,421 rows, crossed s, d and dept), about half a minute.
 * Fit times are measured by `npm run bench`, not asserted here.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { ModelMatrices } from "../../../src/stats/frame/model-matrices";
import { fitLmm } from "../../../src/stats/lmm";
import { factor } from "./helpers";

describe("fitLmm on InstEval", () => {
  it("fitLmm(InstEval, {REML: false}) matches lme4 deviance 237721.7688", () => {
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
