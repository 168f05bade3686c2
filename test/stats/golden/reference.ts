import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { parseCsv } from "../../../src/cli/csv";
import type { DataColumns } from "../../../src/stats/frame/model-matrices";

/** One entry of a reference cases.json. */
export interface ReferenceCase {
  id: string;
  data: string;
  factors: string[];
  formula: string;
  family?: string;
  REML?: boolean;
  nAGQ?: number;
}

/** An lme4.json entry (reference/README.md describes each field). */
export interface ReferenceFit {
  id: string;
  REML: boolean;
  fixef: { term: string; estimate: number; se: number }[];
  varcorr: { group: string; var1: string | null; var2: string | null; sdcor: number }[];
  theta: number[];
  sigma: number;
  logLik: number;
  AIC: number;
  BIC: number;
  deviance: number | null;
  REMLcrit: number | null;
  singular: boolean;
  nobs: number;
  ranef: { group: string; levels: string[]; values: Record<string, number[]>; condsd: Record<string, number[]> }[];
}

const root = join(dirname(fileURLToPath(import.meta.url)), "../../../reference");

/** The cases of reference/<dir>cases.json with their lme4 fits and data. */
export function referenceCases(dir: "" | "extra/" | "crossed/"): { c: ReferenceCase; ref: ReferenceFit; data: DataColumns }[] {
  const base = join(root, dir);
  const cases = JSON.parse(readFileSync(join(base, "cases.json"), "utf8")) as ReferenceCase[];
  const fits = JSON.parse(readFileSync(join(base, "lme4.json"), "utf8")) as Record<string, ReferenceFit>;
  return cases.map((c) => ({ c, ref: fits[c.id]!, data: parseCsv(readFileSync(join(base, "data", c.data), "utf8")).columns }));
}

/** The gaussian cases only (what `fitModel` can fit today). */
export function gaussianCases(dir: "" | "extra/" | "crossed/"): ReturnType<typeof referenceCases> {
  return referenceCases(dir).filter(({ c }) => (c.family ?? "gaussian") === "gaussian");
}

/** The fit as the golden comparison reads it (the `workbench fit --format json` layout). */
export interface OurFit {
  fixef: readonly { term: string; estimate: number; se: number }[];
  varcorr: readonly { group: string; var1: string | null; var2: string | null; sdcor: number }[];
  sigma: number;
  logLik: number;
  singular: boolean;
  nobs: number;
  ranef: readonly { group: string; levels: readonly string[]; values: Record<string, number[]>; condsd: Record<string, number[]> | null }[];
}

/**
 * Asserts the tolerances of the golden tests: fixed effects within 0.002·SE, SEs and SDs within
 * 0.2 % relative, correlations within 0.002, logLik within 0.002, the same singular flag, and
 * conditional modes within 0.3 % of the largest one in their term (and their conditional SDs within 0.5 %).
 */
export function expectMatches(ours: OurFit, ref: ReferenceFit): void {
  expect(ours.nobs).toBe(ref.nobs);
  expect(ours.fixef.map((b) => b.term)).toEqual(ref.fixef.map((b) => b.term));
  ref.fixef.forEach((b, j) => {
    const o = ours.fixef[j]!;
    expect(Math.abs(o.estimate - b.estimate), `fixef ${b.term}`).toBeLessThanOrEqual(0.002 * b.se);
    expect(relative(o.se, b.se), `se ${b.term}`).toBeLessThanOrEqual(0.002);
  });
  expect(ours.varcorr).toHaveLength(ref.varcorr.length);
  ref.varcorr.forEach((r, k) => {
    const o = ours.varcorr.find((v) => v.group === r.group && v.var1 === r.var1 && v.var2 === r.var2) ?? ours.varcorr[k]!;
    const what = `varcorr ${r.group} ${r.var1} ${r.var2}`;
    if (r.var2 === null) expect(sdClose(o.sdcor, r.sdcor), `${what}: ${o.sdcor} vs ${r.sdcor}`).toBe(true);
    else expect(Math.abs(o.sdcor - r.sdcor), what).toBeLessThanOrEqual(0.002);
  });
  expect(relative(ours.sigma, ref.sigma)).toBeLessThanOrEqual(0.002);
  expect(Math.abs(ours.logLik - ref.logLik)).toBeLessThanOrEqual(0.002);
  expect(ours.singular).toBe(ref.singular);
  for (const g of ref.ranef) {
    const o = ours.ranef.find((x) => x.group === g.group);
    expect(o, `ranef ${g.group}`).toBeDefined();
    expect(o!.levels).toEqual(g.levels);
    for (const [term, values] of Object.entries(g.values)) {
      const mine = o!.values[term]!;
      const scale = Math.max(...values.map(Math.abs));
      values.forEach((v, h) => expect(Math.abs(mine[h]! - v), `ranef ${g.group} ${term} ${g.levels[h]}`).toBeLessThanOrEqual(0.003 * scale + 1e-9));
      // Conditional SDs: not in the brief's list, checked at 0.5 % of the term's largest.
      const sds = g.condsd[term]!;
      const sdScale = Math.max(...sds);
      sds.forEach((v, h) => expect(Math.abs(o!.condsd![term]![h]! - v), `condsd ${g.group} ${term} ${g.levels[h]}`).toBeLessThanOrEqual(0.005 * sdScale + 1e-9));
    }
  }
}

function relative(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

// An SD that lme4 puts on the boundary (0) can only be matched absolutely.
function sdClose(a: number, b: number): boolean {
  return b === 0 ? Math.abs(a) < 1e-6 : relative(a, b) <= 0.002;
}
