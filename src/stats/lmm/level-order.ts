/**
 * A fill-reducing order for the levels of the second random-effects term (crossed designs such as
 * InstEval's students × instructors).
 *
 * With scalar terms 0 and 1, block (1,1) of L Lᵀ is  t₁² Z₁ᵀZ₁ + I − t₁²t₀² Σ_g (…)  whose off-diagonal
 * pattern links two levels of term 1 exactly when they share a level of term 0. In the data's level
 * order its factor fills in almost completely; after a minimum-degree reordering the leading columns
 * stay sparse and only a trailing Schur complement is dense. The criterion is invariant under the
 * reordering (a symmetric permutation of one block), so only the labels move; the fit maps its
 * per-level results back to the data's order.
 */
import { chooseDenseFrom, type SparseHead } from "../linalg/cholesky-sparse-head";
import { emptyPattern, linkPattern, minimumDegree } from "../linalg/minimum-degree";
import type { OrderedTerm } from "./terms";

/** Below this many levels the dense factorization is cheap enough that reordering is not worth it. */
const MIN_LEVELS = 300;
/** Reorder only when the predicted factorization cost falls below this fraction of the dense one. */
const MAX_RELATIVE_COST = 0.7;
/** Skip the analysis when term 0's cliques would cost more than this many pair visits to record. */
const MAX_PAIR_VISITS = 5e7;

export interface LevelOrder {
  /** The block row whose levels are reordered (always 1). */
  block: number;
  /** perm[newPosition] = level index in the data's order. */
  perm: Int32Array;
  head: SparseHead;
}

/**
 * The terms to build the system from (term 1 relabelled when reordering pays) and the order used,
 * or the terms unchanged and null.
 */
export function fillReducingLevels(terms: readonly OrderedTerm[]): { systemTerms: OrderedTerm[]; order: LevelOrder | null } {
  const unchanged = { systemTerms: [...terms], order: null };
  if (terms.length < 2) return unchanged;
  const [t0, t1] = terms;
  if (t0.p !== 1 || t1.p !== 1 || t1.nl < MIN_LEVELS) return unchanged;

  const levelsByGroup = distinctLevelsByGroup(t0, t1);
  if (!levelsByGroup) return unchanged;
  const pattern = emptyPattern(t1.nl);
  const { start, levels } = levelsByGroup;
  for (let g = 0; g < t0.nl; g++)
    for (let a = start[g]; a < start[g + 1]; a++)
      for (let b = a + 1; b < start[g + 1]; b++) linkPattern(pattern, levels[a], levels[b]);
  const sym = minimumDegree(pattern);
  const { denseFrom, relativeCost } = chooseDenseFrom(sym);
  if (relativeCost > MAX_RELATIVE_COST) return unchanged;

  const position = new Int32Array(t1.nl);
  for (let j = 0; j < t1.nl; j++) position[sym.perm[j]] = j;
  const index = new Int32Array(t1.index.length);
  for (let r = 0; r < index.length; r++) index[r] = position[t1.index[r]];
  const relabelled: OrderedTerm = { ...t1, levels: Array.from(sym.perm, (o) => t1.levels[o]), index };
  return {
    systemTerms: [t0, relabelled, ...terms.slice(2)],
    order: { block: 1, perm: sym.perm, head: { colPtr: sym.colPtr, rowIdx: sym.rowIdx, denseFrom } },
  };
}

/** For each level g of term 0, the distinct levels of term 1 in its rows (CSR), or null if too many pairs. */
function distinctLevelsByGroup(t0: OrderedTerm, t1: OrderedTerm): { start: Int32Array; levels: Int32Array } | null {
  const n = t0.index.length;
  const start = new Int32Array(t0.nl + 1);
  for (let r = 0; r < n; r++) start[t0.index[r] + 1]++;
  for (let g = 0; g < t0.nl; g++) start[g + 1] += start[g];
  const rows = new Int32Array(n);
  const fill = start.slice(0, t0.nl);
  for (let r = 0; r < n; r++) rows[fill[t0.index[r]]++] = r;
  const seen = new Int32Array(t1.nl).fill(-1);
  const levels = new Int32Array(n);
  const outStart = new Int32Array(t0.nl + 1);
  let count = 0;
  let visits = 0;
  for (let g = 0; g < t0.nl; g++) {
    const first = count;
    for (let s = start[g]; s < start[g + 1]; s++) {
      const h = t1.index[rows[s]];
      if (seen[h] === g) continue;
      seen[h] = g;
      levels[count++] = h;
    }
    outStart[g + 1] = count;
    const c = count - first;
    visits += (c * (c - 1)) / 2;
    if (visits > MAX_PAIR_VISITS) return null;
  }
  return { start: outStart, levels };
}

/** Values stored level-major (p per level) in the reordered labels, back in the data's level order. */
export function restoreLevelOrder(values: ArrayLike<number>, perm: Int32Array, p: number): Float64Array<ArrayBuffer> {
  const out = new Float64Array(values.length);
  for (let j = 0; j < perm.length; j++)
    for (let a = 0; a < p; a++) out[perm[j] * p + a] = values[j * p + a];
  return out;
}
