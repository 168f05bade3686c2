/**
 * GLMM reference fixtures: the binomial/poisson cases of reference/cases.json and
 * reference/glmm-extra/cases.json, their lme4 fits, and ModelMatrices from the model frame.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseCsv } from "../../../src/cli/csv";
import { modelFrame } from "../../../src/stats/frame/model-frame";
import type { ModelMatrices } from "../../../src/stats/frame/model-matrices";

export interface GlmmCase {
  id: string;
  data: string;
  factors: string[];
  formula: string;
  family: "binomial" | "poisson";
  nAGQ?: number;
}

export interface GlmmRef {
  nobs: number;
  fixef: { term: string; estimate: number; se: number }[];
  varcorr: { group: string; var1: string | null; var2: string | null; sdcor: number }[];
  theta: number[];
  logLik: number;
  AIC: number;
  BIC: number;
  deviance: number;
  singular: boolean;
  ranef: { group: string; levels: string[]; values: Record<string, number[]>; condsd: Record<string, number[]> }[];
  fit_ms_median: number;
}

const root = join(dirname(fileURLToPath(import.meta.url)), "../../../reference");

export function glmmCases(dir: "" | "glmm-extra/"): { c: GlmmCase; ref: GlmmRef; mm: ModelMatrices }[] {
  const base = join(root, dir);
  const cases = (JSON.parse(readFileSync(join(base, "cases.json"), "utf8")) as (GlmmCase & { family?: string })[]).filter(
    (c) => c.family === "binomial" || c.family === "poisson",
  );
  const fits = JSON.parse(readFileSync(join(base, "lme4.json"), "utf8")) as Record<string, GlmmRef>;
  return cases.map((c) => {
    const data = parseCsv(readFileSync(join(base, "data", c.data), "utf8")).columns;
    const mm = c.id === "grouseticks_centred" ? grouseticks(data) : modelFrame(c.formula, data, { factors: c.factors, family: c.family });
    return { c, ref: fits[c.id]!, mm };
  });
}

/** R's factor(): levels sorted numerically for numeric columns. */
function factor(values: ArrayLike<unknown>): { levels: string[]; index: Int32Array } {
  const v = Array.from(values, String);
  const numeric = v.every((x) => x !== "" && Number.isFinite(Number(x)));
  const levels = [...new Set(v)].sort((a, b) => (numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0));
  const pos = new Map(levels.map((l, i) => [l, i]));
  return { levels, index: Int32Array.from(v, (x) => pos.get(x)!) };
}

/**
 * grouseticks by hand: the model frame refuses INDEX (one level per row), which glmer allows
 * (lme4 checks levels ≤ rows for GLMMs, levels < rows for LMMs).
 */
function grouseticks(d: Record<string, ArrayLike<unknown>>): ModelMatrices {
  const y = Float64Array.from(d.TICKS as ArrayLike<number>);
  const n = y.length;
  const year = factor(d.YEAR!);
  const h = Float64Array.from(d.cHEIGHT as ArrayLike<number>);
  const X = new Float64Array(n * 4);
  for (let i = 0; i < n; i++) {
    X[i] = 1;
    X[n + i] = year.index[i] === 1 ? 1 : 0;
    X[2 * n + i] = year.index[i] === 2 ? 1 : 0;
    X[3 * n + i] = h[i]!;
  }
  const one = new Float64Array(n).fill(1);
  const term = (g: string) => ({ group: g, ...factor(d[g]!), columnNames: ["(Intercept)"], columns: [one] });
  return {
    n, y, p: 4, X, fixedNames: ["(Intercept)", "YEAR96", "YEAR97", "cHEIGHT"],
    reTerms: [term("BROOD"), term("INDEX"), term("LOCATION")],
    rows: Int32Array.from({ length: n }, (_, i) => i), responseName: "TICKS", messages: [], family: "poisson",
  };
}
