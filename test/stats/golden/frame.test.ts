import { describe, expect, it } from "vitest";
import { modelFrame } from "../../../src/stats/frame/model-frame";
import type { FamilyName } from "../../../src/stats/frame/model-matrices";
import { referenceCases } from "./reference";

for (const [title, dir] of [["reference/cases.json", ""], ["reference/extra/cases.json", "extra/"], ["reference/crossed/cases.json", "crossed/"]] as const) {
  describe(`modelFrame(...) names what lme4 names on ${title}`, () => {
    for (const { c, ref, data } of referenceCases(dir)) {
      it(`${c.id}: ${c.formula}`, () => {
        const m = modelFrame(c.formula, data, { factors: c.factors, family: (c.family ?? "gaussian") as FamilyName });
        expect(m.n).toBe(ref.nobs);
        expect(m.fixedNames).toEqual(ref.fixef.map((b) => b.term));
        for (const g of ref.ranef) {
          const terms = m.reTerms.filter((t) => t.group === g.group);
          expect(terms.length, g.group).toBeGreaterThan(0);
          for (const t of terms) expect(t.levels).toEqual(g.levels);
          expect(terms.flatMap((t) => t.columnNames).sort()).toEqual(Object.keys(g.values).sort());
        }
      });
    }
  });
}
