/**
 * Test fixtures: ModelMatrices built by hand from the reference CSVs for each gaussian case in
 * reference/cases.json, and the lme4 reference fits.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ModelMatrices, RandomTerm } from "../../../src/stats/frame/model-matrices";
import type { ReferenceFit } from "../golden/reference";

const REF = fileURLToPath(new URL("../../../reference", import.meta.url));

/** lme4's fit of a reference case (the layout the golden tests read). */
export type RefFit = ReferenceFit;

export function refFit(id: string): RefFit {
  const all = JSON.parse(readFileSync(join(REF, "lme4.json"), "utf8")) as Record<string, RefFit>;
  return all[id];
}

/** Minimal CSV reader for R's write.csv output (quoted strings, no embedded quotes or commas). */
export function readCsv(name: string, dir = join(REF, "data")): Record<string, string[]> {
  const lines = readFileSync(join(dir, name), "utf8").trim().split(/\r?\n/);
  const unq = (s: string): string => s.replace(/^"(.*)"$/, "$1");
  const head = lines[0].split(",").map(unq);
  const cols: Record<string, string[]> = {};
  for (const h of head) cols[h] = [];
  for (let r = 1; r < lines.length; r++) {
    const f = lines[r].split(",").map(unq);
    head.forEach((h, i) => cols[h].push(f[i]));
  }
  return cols;
}

export function factor(values: string[]): { levels: string[]; index: Int32Array } {
  const levels = [...new Set(values)].sort();
  const pos = new Map(levels.map((l, i) => [l, i]));
  return { levels, index: Int32Array.from(values, (v) => pos.get(v) as number) };
}

export const ones = (n: number): Float64Array => new Float64Array(n).fill(1);

export function term(group: string, values: string[], columnNames: string[], columns: Float64Array[]): RandomTerm {
  const { levels, index } = factor(values);
  return { group, levels, index, columnNames, columns };
}

export function matrices(
  y: Float64Array, xcols: Float64Array[], fixedNames: string[], reTerms: RandomTerm[], responseName: string,
): ModelMatrices {
  const n = y.length;
  const p = xcols.length;
  const X = new Float64Array(n * p);
  xcols.forEach((c, j) => X.set(c, j * n));
  return {
    n, y, p, X, fixedNames, reTerms, rows: Int32Array.from({ length: n }, (_, i) => i),
    responseName, messages: [],
  };
}

/** ModelMatrices for a gaussian reference case id. */
export function caseMatrices(id: string): ModelMatrices {
  switch (id) {
    case "sleepstudy_reml":
    case "sleepstudy_ml":
    case "sleepstudy_uncorr":
    case "sleepstudy_intercept": {
      const d = readCsv("sleepstudy.csv");
      const y = Float64Array.from(d.Reaction, Number);
      const days = Float64Array.from(d.Days, Number);
      const n = y.length;
      const re =
        id === "sleepstudy_uncorr"
          ? [
              term("Subject", d.Subject, ["(Intercept)"], [ones(n)]),
              term("Subject", d.Subject, ["Days"], [days]),
            ]
          : id === "sleepstudy_intercept"
            ? [term("Subject", d.Subject, ["(Intercept)"], [ones(n)])]
            : [term("Subject", d.Subject, ["(Intercept)", "Days"], [ones(n), days])];
      return matrices(y, [ones(n), days], ["(Intercept)", "Days"], re, "Reaction");
    }
    case "dyestuff":
    case "dyestuff2_singular": {
      const d = readCsv(id === "dyestuff" ? "Dyestuff.csv" : "Dyestuff2.csv");
      const y = Float64Array.from(d.Yield, Number);
      return matrices(y, [ones(y.length)], ["(Intercept)"], [term("Batch", d.Batch, ["(Intercept)"], [ones(y.length)])], "Yield");
    }
    case "penicillin_crossed": {
      const d = readCsv("Penicillin.csv");
      const y = Float64Array.from(d.diameter, Number);
      const n = y.length;
      return matrices(y, [ones(n)], ["(Intercept)"], [
        term("plate", d.plate, ["(Intercept)"], [ones(n)]),
        term("sample", d.sample, ["(Intercept)"], [ones(n)]),
      ], "diameter");
    }
    default:
      throw new Error(`no fixture for ${id}`);
  }
}

export const GAUSSIAN_CASES = [
  "sleepstudy_reml", "sleepstudy_ml", "sleepstudy_uncorr", "sleepstudy_intercept",
  "dyestuff", "dyestuff2_singular", "penicillin_crossed",
];
