/**
 * Cholesky of a dense-stored matrix whose factor is known to be sparse in its leading columns.
 *
 * After a fill-reducing ordering, L's first columns have few nonzeros and the trailing ones fill in.
 * Columns j < denseFrom are eliminated right-looking over their symbolic row pattern only
 * (A[i,k] −= L[i,j] L[k,j] for i ≥ k in the pattern): flops Σ c_j²/2 instead of (n−j)²/2. The trailing
 * block, by then a dense Schur complement, goes to the blocked dense kernel. Entries outside the pattern
 * stay exactly zero, so the result is the full lower factor in the same storage.
 */
import { choleskyLowerBlocked } from "./cholesky-blocked";
import type { SymbolicFactor } from "./minimum-degree";

export interface SparseHead {
  colPtr: Int32Array;
  rowIdx: Int32Array;
  /** First column handled by the dense kernel. */
  denseFrom: number;
}

/** Scratch for one column's values, gathered so the inner loop reads them contiguously. */
let gathered = new Float64Array(0);

/**
 * Factor the n×n matrix at a[i + j·n] in place (lower triangle).
 * @returns -1 on success, otherwise the index of the first non-positive pivot.
 */
export function choleskyLowerSparseHead(a: Float64Array, n: number, head: SparseHead): number {
  const { colPtr, rowIdx, denseFrom } = head;
  if (gathered.length < n) gathered = new Float64Array(n);
  const x = gathered;
  for (let j = 0; j < denseFrom; j++) {
    const cj = j * n;
    const d = a[cj + j];
    if (!(d > 0)) return j;
    const ljj = Math.sqrt(d);
    a[cj + j] = ljj;
    const inv = 1 / ljj;
    const from = colPtr[j];
    const to = colPtr[j + 1];
    const c = to - from;
    for (let t = 0; t < c; t++) {
      const v = a[cj + rowIdx[from + t]] * inv;
      a[cj + rowIdx[from + t]] = v;
      x[t] = v;
    }
    for (let t = 0; t < c; t++) {
      const lkj = x[t];
      if (lkj === 0) continue;
      const ck = rowIdx[from + t] * n;
      for (let s = t; s < c; s++) a[ck + rowIdx[from + s]] -= x[s] * lkj;
    }
  }
  if (denseFrom >= n) return -1;
  const info = choleskyLowerBlocked(a, n - denseFrom, n, denseFrom + denseFrom * n);
  return info >= 0 ? denseFrom + info : -1;
}

/**
 * Solve L x = b in place for a factor from {@link choleskyLowerSparseHead} (n×n at L[i + j·n], b at
 * x[xoff ..)), when b is zero above row `from`: sparse columns scatter over their pattern only.
 */
export function solveLowerSparseHead(L: Float64Array, n: number, head: SparseHead, x: Float64Array, xoff: number, from: number): void {
  const { colPtr, rowIdx, denseFrom } = head;
  for (let j = from; j < n; j++) {
    const cj = j * n;
    const xj = (x[xoff + j] /= L[cj + j]);
    if (xj === 0) continue;
    if (j < denseFrom) {
      for (let e = colPtr[j]; e < colPtr[j + 1]; e++) x[xoff + rowIdx[e]] -= L[cj + rowIdx[e]] * xj;
    } else {
      for (let i = j + 1; i < n; i++) x[xoff + i] -= L[cj + i] * xj;
    }
  }
}

/**
 * Where to hand over to the dense kernel: the split s minimising
 *   sparseCost · Σ_{j<s} c_j(c_j+1)/2 + (n−s)³/3,
 * where sparseCost is the measured slowdown of the indexed loop against the blocked kernel per flop.
 * Returns the split and its cost relative to the dense factorization.
 */
export function chooseDenseFrom(sym: SymbolicFactor, sparseCost = 10): { denseFrom: number; relativeCost: number } {
  const n = sym.perm.length;
  const dense = (n * n * n) / 3;
  let best = dense;
  let split = 0;
  let sparse = 0;
  for (let s = 1; s <= n; s++) {
    const c = sym.colPtr[s] - sym.colPtr[s - 1];
    sparse += (sparseCost * c * (c + 1)) / 2;
    const cost = sparse + ((n - s) * (n - s) * (n - s)) / 3;
    if (cost < best) {
      best = cost;
      split = s;
    }
  }
  return { denseFrom: split, relativeCost: dense > 0 ? best / dense : 1 };
}
