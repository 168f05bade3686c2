import { independentColumns } from "../frame/rank";
import type { ModelMatrices, RandomTerm } from "../frame/model-matrices";

/** The fixed-effects design of one level's rows, as the no-pooling fits (lm and glm) use it. */
export interface LevelDesign {
  /** Row numbers (in the model frame) of the level. */
  rows: number[];
  /** Indices into `m.fixedNames` of the columns these rows can estimate (at most rows − 1 of them). */
  keep: number[];
  /** Column-major rows × keep.length design. */
  X: Float64Array;
  /** A per-row array restricted to the level's rows (undefined stays undefined). */
  pick(a: Float64Array | undefined): Float64Array | undefined;
  /** Why some coefficients are missing for this level, or null. */
  note: string | null;
}

/** Level `g` of `term`: its rows, and the independent columns of X on them (a constant column within the level drops out). */
export function levelDesign(m: ModelMatrices, term: RandomTerm, g: number): LevelDesign {
  const { n, p } = m;
  const rows: number[] = [];
  term.index.forEach((c, i) => c === g && rows.push(i));
  const columns = m.fixedNames.map((_, j) => Float64Array.from(rows, (r) => m.X[j * n + r]!));
  const keep = independentColumns(columns).slice(0, Math.max(0, rows.length - 1));
  const X = new Float64Array(rows.length * keep.length);
  keep.forEach((j, c) => X.set(columns[j]!, c * rows.length));
  const note = keep.length < p ? `group ${term.levels[g]}: ${p - keep.length} coefficient(s) not estimable from its ${rows.length} rows` : null;
  return { rows, keep, X, pick: (a) => (a ? Float64Array.from(rows, (r) => a[r]!) : undefined), note };
}
