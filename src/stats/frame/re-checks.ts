import { FrameError } from "./frame-error";
import type { FamilyName, RandomTerm } from "./model-matrices";

/**
 * lme4's identifiability checks on random terms (check.nlev.gtr.1, and for LMMs check.nobs.vs.nlev
 * and check.nobs.vs.nRE), which lme4 treats as errors: a grouping factor needs at least two levels,
 * and a linear mixed model needs fewer levels than rows and more rows than random effects in each
 * term, or the residual variance is lost. glmer allows one level per row (an observation-level
 * random effect, the usual model for overdispersed counts), so binomial and Poisson skip those two.
 */
export function checkRandomTerms(reTerms: readonly RandomTerm[], n: number, family: FamilyName): void {
  for (const t of reTerms) {
    const name = `(${t.columnNames.join(" + ")} | ${t.group})`;
    if (t.levels.length < 2) throw new FrameError(`the grouping factor "${t.group}" has ${t.levels.length} level${t.levels.length === 1 ? "" : "s"}; a random term needs at least 2`);
    if (family === "gaussian" && t.levels.length >= n) throw new FrameError(`the grouping factor "${t.group}" has ${t.levels.length} levels for ${n} rows; it needs fewer levels than rows (several rows per level)`);
    const q = t.levels.length * t.columns.length;
    if (family === "gaussian" && q >= n)
      throw new FrameError(`the term ${name} has ${q} random effects for ${n} rows; with as many effects as rows the residual variance cannot be estimated`);
  }
}
