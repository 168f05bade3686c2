import type { ModelMatrices } from "../frame/model-matrices";
import { fitLm } from "../lm/lm";
import { groupTerm } from "./complete";
import { fixedFactorDesign } from "./fixed-factor-design";
import type { PoolingFit, PoolingOptions } from "./types";

/**
 * No pooling with the group as a fixed factor: one regression in which every column of the
 * random term gets its own coefficient per level (R's `y ~ 0 + g + g:x + other`), sharing one σ.
 * Coefficients are named like R's: `Subject308`, `Subject308:Days`.
 */
export function noPoolingFixedFactor(m: ModelMatrices, options: PoolingOptions = {}): PoolingFit {
  const term = groupTerm(m, options.group);
  const design = fixedFactorDesign(m, term);
  const fit = fitLm({ ...m, p: design.p, X: design.X, fixedNames: design.fixedNames });
  const values = design.values(new Map(fit.fixef.map((b) => [b.term, b.estimate])));
  const messages = design.note ? [...fit.messages, design.note] : fit.messages;
  return { ...fit, kind: "fixed-factor", group: term.group, coef: [{ group: term.group, levels: term.levels, values }], messages };
}
