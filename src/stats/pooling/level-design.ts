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

/** The rows of every level of `term`, in one pass (per-level scans would cost levels × rows). */
export function levelRows(term: RandomTerm): number[][] {
  const rows: number[][] = term.levels.map(() => []);
  const index = term.index;
  for (let i = 0; i < index.length; i++) rows[index[i]!]!.push(i);
  return rows;
}

/** Values of `a` at `rows`. */
function gather(a: ArrayLike<number>, rows: readonly number[], offset = 0): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = a[offset + rows[i]!]!;
  return out;
}

/**
 * Level `g` of `term`: its rows, and the independent columns of X on them (a constant column within
 * the level drops out); `rows` are the level's rows, from {@link levelRows}.
 */
export function levelDesign(m: ModelMatrices, term: RandomTerm, g: number, rows: number[]): LevelDesign {
  const { n, p } = m;
  const columns = m.fixedNames.map((_, j) => gather(m.X, rows, j * n));
  const keep = independentColumns(columns).slice(0, Math.max(0, rows.length - 1));
  const X = new Float64Array(rows.length * keep.length);
  keep.forEach((j, c) => X.set(columns[j]!, c * rows.length));
  const note = keep.length < p ? `group ${term.levels[g]}: ${p - keep.length} coefficient(s) not estimable from its ${rows.length} rows` : null;
  return { rows, keep, X, pick: (a) => (a ? gather(a, rows) : undefined), note };
}
