/**
 * The fill-reducing reorder of term 1's levels is a symmetric permutation of one block of L Lᵀ, so the
 * profiled criterion must not change; the per-level results are checked against lme4 by the golden
 * cases in reference/crossed.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../src/cli/csv";
import { formulaTerms } from "../../../src/stats/formula/terms";
import { modelFrame } from "../../../src/stats/frame/model-frame";
import { buildSystem } from "../../../src/stats/lmm/blocks";
import { createWork, profiledCriterion, updateL } from "../../../src/stats/lmm/factor";
import { fillReducingLevels } from "../../../src/stats/lmm/level-order";
import { orderTerms } from "../../../src/stats/lmm/terms";

const csv = (path: string) => parseCsv(readFileSync(fileURLToPath(new URL(`../../../reference/${path}`, import.meta.url)), "utf8")).columns;

describe("fillReducingLevels", () => {
  const mm = modelFrame(formulaTerms("score ~ x + (1 | rater) + (1 | item) + (1 | site)"), csv("crossed/data/ratings.csv"), {
    factors: ["rater", "item", "site"],
  });
  const terms = orderTerms(mm.reTerms);

  it("reorders the 400 items of the clustered ratings design and keeps every label", () => {
    const { systemTerms, order } = fillReducingLevels(terms);
    expect(order).not.toBeNull();
    expect(systemTerms[1].group).toBe("item");
    expect([...systemTerms[1].levels].sort()).toEqual([...terms[1].levels].sort());
    expect(systemTerms[1].levels).not.toEqual(terms[1].levels);
    // every row still points at its own item
    for (let r = 0; r < mm.n; r += 97) expect(systemTerms[1].levels[systemTerms[1].index[r]]).toBe(terms[1].levels[terms[1].index[r]]);
  });

  it("leaves the profiled criterion unchanged at any θ (ML and REML)", () => {
    const { systemTerms, order } = fillReducingLevels(terms);
    const natural = buildSystem(mm, terms);
    const ordered = buildSystem(mm, systemTerms, order ? [order] : []);
    const wn = createWork(natural);
    const wo = createWork(ordered);
    for (const theta of [[1, 1, 1], [0.8, 0.6, 0.3], [2.5, 0.05, 0], [0.1, 3, 0.7]]) {
      const a = updateL(natural, theta, wn)!;
      const b = updateL(ordered, theta, wo)!;
      for (const REML of [true, false]) {
        const ca = profiledCriterion(a, mm.n, mm.p, natural.sumLogW, REML);
        const cb = profiledCriterion(b, mm.n, mm.p, ordered.sumLogW, REML);
        expect(Math.abs(ca - cb) / Math.abs(ca), `θ=${theta} REML=${REML}`).toBeLessThan(1e-11);
      }
    }
  });

  it("keeps the data's order when term 1 is small (Penicillin) or the design is not crossed", () => {
    const pen = modelFrame(formulaTerms("diameter ~ 1 + (1 | plate) + (1 | sample)"), csv("data/Penicillin.csv"), { factors: ["plate", "sample"] });
    expect(fillReducingLevels(orderTerms(pen.reTerms)).order).toBeNull();
    const one = modelFrame(formulaTerms("score ~ x + (1 | item)"), csv("crossed/data/ratings.csv"), { factors: ["item"] });
    expect(fillReducingLevels(orderTerms(one.reTerms)).order).toBeNull();
  });
});
