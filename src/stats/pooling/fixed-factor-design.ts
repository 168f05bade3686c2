import type { ModelMatrices, RandomTerm } from "../frame/model-matrices";
import { independentColumns } from "../frame/rank";
import { termColumnNames } from "./complete";

/**
 * The design of "group as a fixed factor" (R's `y ~ 0 + g + g:x + other`): every column of the random
 * term gets its own column per level, named as R names them (`Subject308`, `Subject308:Days`), the other
 * fixed columns are kept, and aliased columns are dropped. Shared by the lm and glm no-pooling fits.
 */
export interface FixedFactorDesign {
  /** The design to fit: p columns, column-major, with their names. */
  p: number;
  X: Float64Array;
  fixedNames: string[];
  /** Per-level coefficients in lme4's `coef()` layout, from the fitted coefficients by name. */
  values(estimate: ReadonlyMap<string, number>): Record<string, number[]>;
  /** "not estimable (aliased), dropped: ..." when columns were dropped, else null. */
  note: string | null;
}

export function fixedFactorDesign(m: ModelMatrices, term: RandomTerm): FixedFactorDesign {
  const { n } = m;
  const perGroup = termColumnNames(m, term);
  const key = (col: string, level: string) => (col === "(Intercept)" ? `${term.group}${level}` : `${term.group}${level}:${col}`);
  const source = (name: string): Float64Array => {
    const j = m.fixedNames.indexOf(name);
    if (j >= 0) return m.X.subarray(j * n, (j + 1) * n);
    for (const t of m.reTerms) {
      const c = t.columnNames.indexOf(name);
      if (t.group === term.group && c >= 0) return t.columns[c]!;
    }
    throw new Error(`no column ${name}`);
  };
  const names: string[] = [];
  const columns: Float64Array[] = [];
  for (const col of perGroup) {
    const x = source(col);
    term.levels.forEach((level, g) => {
      names.push(key(col, level));
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
  const dropped = names.filter((_, j) => !keep.includes(j));
  return {
    p: keep.length,
    X,
    fixedNames: keep.map((j) => names[j]!),
    values(estimate) {
      const values: Record<string, number[]> = {};
      for (const col of perGroup) values[col] = term.levels.map((level) => estimate.get(key(col, level)) ?? NaN);
      for (const name of m.fixedNames) if (!perGroup.includes(name)) values[name] = term.levels.map(() => estimate.get(name) ?? NaN);
      return values;
    },
    note: dropped.length ? `not estimable (aliased), dropped: ${dropped.join(", ")}` : null,
  };
}
