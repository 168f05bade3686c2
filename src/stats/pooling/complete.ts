import { FrameError } from "../frame/frame-error";
import type { ModelMatrices, RandomTerm } from "../frame/model-matrices";
import { fitLm } from "../lm/lm";
import type { PoolingFit, PoolingOptions } from "./types";

/** Complete pooling: the fixed part fitted by least squares, every group sharing the same coefficients. */
export function completePooling(m: ModelMatrices, options: PoolingOptions = {}): PoolingFit {
  const fit = fitLm(m);
  const term = m.reTerms.length ? groupTerm(m, options.group) : undefined;
  const coef = term
    ? [{ group: term.group, levels: term.levels, values: Object.fromEntries(fit.fixef.map((b) => [b.term, term.levels.map(() => b.estimate)])) }]
    : [];
  return { ...fit, kind: "complete", group: term?.group ?? "", coef };
}

/** The random term whose grouping factor the per-group coefficients are for. */
export function groupTerm(m: ModelMatrices, group: string | undefined): RandomTerm {
  if (m.reTerms.length === 0) throw new FrameError("pooling comparisons need a grouping factor: add a random term such as (1 | g)");
  if (group === undefined) return m.reTerms[0]!;
  const term = m.reTerms.find((t) => t.group === group);
  if (!term) throw new FrameError(`no random term has the grouping factor "${group}"; the formula's are ${[...new Set(m.reTerms.map((t) => t.group))].join(", ")}`);
  return term;
}

/** Columns (names and data) that vary within groups: the random term's columns. */
export function termColumnNames(m: ModelMatrices, term: RandomTerm): string[] {
  return m.reTerms.filter((t) => t.group === term.group).flatMap((t) => t.columnNames as string[]);
}
