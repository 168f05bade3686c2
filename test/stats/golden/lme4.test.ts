import { describe, it } from "vitest";
import type { FamilyName } from "../../../src/stats/frame/model-matrices";
import { fitModel, referenceLayout } from "../../../src/stats/fit";
import { expectMatches, referenceCases, type OurFit } from "./reference";

for (const [title, dir] of [["reference/cases.json", ""], ["reference/extra/cases.json", "extra/"], ["reference/crossed/cases.json", "crossed/"]] as const) {
  describe(`fitModel(...) matches lme4 on ${title}`, () => {
    for (const { c, ref, data } of referenceCases(dir)) {
      const family = (c.family ?? "gaussian") as FamilyName;
      it(`${c.id}: ${c.formula}${c.REML === false ? " (ML)" : ""}${family !== "gaussian" ? ` (${family}, nAGQ ${c.nAGQ ?? 1})` : ""}`, () => {
        const result = fitModel(c.formula, data, { factors: c.factors, REML: c.REML ?? true, family, nAGQ: c.nAGQ ?? 1 });
        const ours = referenceLayout(result) as unknown as OurFit & { lme4_logLik?: number };
        // For nAGQ > 1 lme4's logLik drops a constant (reference/README.md); compare like with like.
        expectMatches(ours.lme4_logLik !== undefined ? { ...ours, logLik: ours.lme4_logLik } : ours, ref);
      });
    }
  });
}
