import type { ModelMatrices } from "../frame/model-matrices";
import { independentColumns } from "../frame/rank";
import { fitLm } from "../lm/lm";
import { groupTerm, termColumnNames } from "./complete";
import type { PoolingFit, PoolingOptions } from "./types";

/**
 * No pooling with the group as a fixed factor: one regression in which every column of the
 * random term gets its own coefficient per level (R's `y ~ 0 + g + g:x + other`), sharing one σ.
 * Coefficients are named like R's: `Subject308`, `Subject308:Days`.
 */
export function noPoolingFixedFactor(m: ModelMatrices, options: PoolingOptions = {}): PoolingFit {
  const term = groupTerm(m, options.group);
  const { n } = m;
  const perGroup = termColumnNames(m, term);
  const names: string[] = [];
  const columns: Float64Array[] = [];
  const source = (name: string): Float64Array | undefined => {
    const j = m.fixedNames.indexOf(name);
    if (j >= 0) return m.X.subarray(j * n, (j + 1) * n);
    for (const t of m.reTerms) {
      const c = t.columnNames.indexOf(name);
      if (t.group === term.group && c >= 0) return t.columns[c];
    }
    return undefined;
  };
  for (const col of perGroup) {
    const x = source(col)!;
    term.levels.forEach((level, g) => {
      names.push(col === "(Intercept)" ? `${term.group}${level}` : `${term.group}${level}:${col}`);
      columns.push(Float64Array.from(x, (v, i) => (term.index[i] === g ? v : 0)));
    });
  }
  m.fixedNames.forEach((name, j) => {
    if (perGroup.includes(name)) return;
    names.push(name);
    columns.push(m.X.slice(j * n, (j + 1) * n));
  });
  const keep = independentColumns(columns);
  const X = new Float64Array(n * keep.length);
  keep.forEach((j, c) => X.set(columns[j]!, c * n));
  const fit = fitLm({ ...m, p: keep.length, X, fixedNames: keep.map((j) => names[j]!) });
  const estimate = new Map(fit.fixef.map((b) => [b.term, b.estimate]));
  const values: Record<string, number[]> = {};
  for (const col of perGroup)
    values[col] = term.levels.map((level) => estimate.get(col === "(Intercept)" ? `${term.group}${level}` : `${term.group}${level}:${col}`) ?? NaN);
  for (const name of m.fixedNames) if (!perGroup.includes(name)) values[name] = term.levels.map(() => estimate.get(name) ?? NaN);
  const dropped = names.filter((_, j) => !keep.includes(j));
  const messages = dropped.length ? [...fit.messages, `not estimable (aliased), dropped: ${dropped.join(", ")}`] : fit.messages;
  return { ...fit, kind: "fixed-factor", group: term.group, coef: [{ group: term.group, levels: term.levels, values }], messages };
}
