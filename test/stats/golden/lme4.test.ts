import { describe, it } from "vitest";
import { fitModel, referenceLayout } from "../../../src/stats/fit";
import { expectMatches, gaussianCases, type OurFit } from "./reference";

for (const [title, dir] of [["reference/cases.json", ""], ["reference/extra/cases.json", "extra/"]] as const) {
  describe(`fitModel(...) matches lme4 on ${title}`, () => {
    for (const { c, ref, data } of gaussianCases(dir)) {
      it(`${c.id}: ${c.formula}${c.REML === false ? " (ML)" : ""}`, () => {
        const result = fitModel(c.formula, data, { factors: c.factors, REML: c.REML ?? true });
        expectMatches(referenceLayout(result) as unknown as OurFit, ref);
      });
    }
  });
}
