/**
 * The weighted blocked system for PIRLS. The LMM's `buildSystem` fixes the block structure of
 * A = [ZΛ X r]ᵀ W [ZΛ X r] once; PIRLS changes W and the working response r every iteration, so
 * `reweight` refills the same blocks in place (no allocation) and the LMM's `updateL` / `solveBetaU`
 * then factor and solve exactly as for a weighted LMM.
 *
 * Two systems are kept: `joint` with the [X r] pseudo-term (β and u solved together: lme4's nAGQ = 0
 * step) and `uonly` with a bare [r] pseudo-term (β fixed, u solved: the Laplace/AGQ step).
 */
import type { ModelMatrices } from "../frame/model-matrices";
import { buildSystem, type BlockedSystem } from "../lmm/blocks";
import { createWork, type FactorWork } from "../lmm/factor";
import type { OrderedTerm } from "../lmm/terms";

export interface WeightedSystem {
  sys: BlockedSystem;
  work: FactorWork;
  /** Fixed-effects columns in the pseudo-term (empty for `uonly`). */
  X: Float64Array;
  p: number;
  /** For block row i ≥ 1 (index i−1), each row's mini-block in block (i, 0). */
  blockOf: Int32Array[];
  /** X's columns as views. */
  xcols: Float64Array[];
  /** Every random-effects term is scalar (p_t = 1): `reweight` takes the one-pass path. */
  scalarTerms: boolean;
  /** One row of [X r] (length m). */
  xr: Float64Array;
  /**
   * For `scalarTerms`: term t's column and level index (t < k), block (i, 0)'s A and mini-block per
   * row (i = 1..k, index i − 1), dense A(i, j) at (i − 1)·k + (j − 1), and each block row's leading dimension.
   */
  scalarLayout: {
    zc: Float64Array[]; idx: Int32Array[]; col0A: Float64Array[]; bo: Int32Array[]; dense: Float64Array[]; ld: number[];
  } | null;
}

export function createWeightedSystem(mm: ModelMatrices, terms: OrderedTerm[], withX: boolean): WeightedSystem {
  const base: ModelMatrices = withX
    ? { ...mm, weights: undefined, offset: undefined }
    : { ...mm, p: 0, X: new Float64Array(0), fixedNames: [], weights: undefined, offset: undefined };
  const sys = buildSystem(base, terms);
  // buildSystem caches products of A's entries for a scalar fast path (`pairs`); PIRLS changes A
  // every iteration, so those caches would go stale. Without them updateL takes its generic path.
  for (const row of sys.pairs ?? []) row.fill(null);
  const t0 = terms[0]!;
  const blockOf: Int32Array[] = [];
  for (let i = 1; i <= sys.k; i++) {
    const blk = sys.col0[i - 1]!;
    const out = new Int32Array(sys.n);
    for (let r = 0; r < sys.n; r++) {
      const g = t0.index[r]!;
      const h = i < sys.k ? terms[i]!.index[r]! : 0;
      let b = blk.colPtr[g]!;
      while (blk.rowLevel[b] !== h) b++;
      out[r] = b;
    }
    blockOf.push(out);
  }
  const xcols = Array.from({ length: base.p }, (_, j) => base.X.subarray(j * sys.n, (j + 1) * sys.n));
  const scalarTerms = terms.every((t) => t.p === 1);
  const dense: Float64Array[] = new Array<Float64Array>(sys.k * sys.k);
  for (let i = 1; i <= sys.k; i++) for (let j = 1; j <= i; j++) dense[(i - 1) * sys.k + (j - 1)] = sys.denseA[i]![j] as Float64Array;
  const scalarLayout = scalarTerms
    ? {
        zc: terms.map((t) => t.columns[0] as Float64Array), idx: terms.map((t) => t.index),
        col0A: sys.col0.map((b) => b.A), bo: blockOf, dense, ld: [...sys.qb],
      }
    : null;
  return {
    sys, work: createWork(sys), X: base.X, p: base.p, blockOf, xcols,
    scalarTerms, xr: new Float64Array(base.p + 1), scalarLayout,
  };
}

/** Refill A = [Z X r]ᵀ diag(w) [Z X r] in place: `w` the working weights, `r` the working response. */
export function reweight(ws: WeightedSystem, w: Float64Array, r: Float64Array): void {
  if (ws.scalarTerms) {
    reweightScalar(ws, w, r);
    return;
  }
  const { sys, X, p, blockOf } = ws;
  const { k, terms, pw, qb, n } = sys;
  const t0 = terms[0]!;
  const p0 = t0.p;
  const c0 = t0.columns;
  const A00 = sys.A00;
  A00.fill(0);
  for (let row = 0; row < n; row++) {
    const wr = w[row]!;
    if (wr === 0) continue;
    const base = t0.index[row]! * p0 * p0;
    for (let c = 0; c < p0; c++) {
      const zc = wr * c0[c]![row]!;
      for (let a = 0; a < p0; a++) A00[base + a + c * p0] += c0[a]![row]! * zc;
    }
  }
  for (let i = 1; i <= k; i++) {
    const blk = sys.col0[i - 1]!;
    const A = blk.A;
    A.fill(0);
    const pi = blk.pi;
    const sz = pi * p0;
    const bo = blockOf[i - 1]!;
    const cols = i < k ? terms[i]!.columns : null;
    for (let row = 0; row < n; row++) {
      const wr = w[row]!;
      if (wr === 0) continue;
      const base = bo[row]! * sz;
      for (let c = 0; c < p0; c++) {
        const zc = wr * c0[c]![row]!;
        if (cols) for (let a = 0; a < pi; a++) A[base + a + c * pi] += cols[a]![row]! * zc;
        else {
          for (let a = 0; a < p; a++) A[base + a + c * pi] += X[row + a * n]! * zc;
          A[base + p + c * pi] += r[row]! * zc;
        }
      }
    }
  }
  for (let i = 1; i <= k; i++) for (let j = 1; j <= i; j++) (sys.denseA[i]![j] as Float64Array).fill(0);
  if (k < 1) return;
  // columns of each block row 1..k as arrays (the pseudo-term's: X's columns, then r)
  const cols: Float64Array[][] = [];
  const lev: (Int32Array | null)[] = [];
  for (let b = 1; b <= k; b++) {
    if (b < k) {
      cols.push(terms[b]!.columns as Float64Array[]);
      lev.push(terms[b]!.index);
    } else {
      cols.push([...ws.xcols, r]);
      lev.push(null);
    }
  }
  for (let j = 1; j <= k; j++) {
    const pj = pw[j]!;
    const cj = cols[j - 1]!;
    const lj = lev[j - 1];
    for (let i = j; i <= k; i++) {
      const Aij = sys.denseA[i]![j] as Float64Array;
      const pi = pw[i]!;
      const ci = cols[i - 1]!;
      const li = lev[i - 1];
      const ld = qb[i]!;
      for (let c = 0; c < pj; c++) {
        const colC = cj[c]!;
        for (let a = 0; a < pi; a++) {
          const colA = ci[a]!;
          for (let row = 0; row < n; row++) {
            const wr = w[row]!;
            if (wr === 0) continue;
            const hj = lj ? lj[row]! * pj : 0;
            const hi = li ? li[row]! * pi : 0;
            Aij[(hj + c) * ld + hi + a]! += colA[row]! * wr * colC[row]!;
          }
        }
      }
    }
  }
}

/**
 * `reweight` for scalar random-effects terms only, in one pass over the rows. Every entry receives
 * the same products, added in the same (row) order, as the general loops: A00 z·(w z₀), block
 * (i, 0) zᵢ·(w z₀) and [x r]·(w z₀), dense block (i, j) (zᵢ·w)·zⱼ, so the result is bit-identical.
 */
function reweightScalar(ws: WeightedSystem, w: Float64Array, r: Float64Array): void {
  const { sys, X, p, xr } = ws;
  const { k, n } = sys;
  const m = p + 1;
  const { zc: zcols, idx, col0A, bo, dense, ld } = ws.scalarLayout!;
  const z0c = zcols[0]!;
  const idx0 = idx[0]!;
  const A00 = sys.A00;
  A00.fill(0);
  for (let i = 1; i <= k; i++) sys.col0[i - 1]!.A.fill(0);
  for (let i = 1; i <= k; i++) for (let j = 1; j <= i; j++) (sys.denseA[i]![j] as Float64Array).fill(0);
  const Ak = col0A[k - 1]!;
  const bok = bo[k - 1]!;
  const Akk = dense[(k - 1) * k + (k - 1)]!;
  for (let row = 0; row < n; row++) {
    const wr = w[row]!;
    if (wr === 0) continue;
    const z0 = z0c[row]!;
    const zc = wr * z0;
    A00[idx0[row]!]! += z0 * zc;
    for (let a = 0; a < p; a++) xr[a] = X[row + a * n]!;
    xr[p] = r[row]!;
    // blocks (i, 0) of the other terms, then the pseudo-term's
    for (let i = 1; i < k; i++) col0A[i - 1]![bo[i - 1]![row]!]! += zcols[i]![row]! * zc;
    const bk = bok[row]! * m;
    for (let a = 0; a < m; a++) Ak[bk + a]! += xr[a]! * zc;
    // dense blocks (i, j), 1 ≤ j ≤ i < k, then (k, j) (column j is term j's level)
    for (let j = 1; j < k; j++) {
      const zj = zcols[j]![row]!;
      const hj = idx[j]![row]!;
      for (let i = j; i < k; i++) dense[(i - 1) * k + (j - 1)]![hj * ld[i]! + idx[i]![row]!]! += zcols[i]![row]! * wr * zj;
      const Akj = dense[(k - 1) * k + (j - 1)]!;
      const o = hj * m;
      for (let a = 0; a < m; a++) Akj[o + a]! += xr[a]! * wr * zj;
    }
    for (let c = 0; c < m; c++) {
      const xc = xr[c]!;
      const o = c * m;
      for (let a = 0; a < m; a++) Akk[o + a]! += xr[a]! * wr * xc;
    }
  }
}

/** log|L_θ|² from the random-effects diagonal blocks of the current factor. */
export function logDetL(sys: BlockedSystem): number {
  const { k, pw, nlv, qb } = sys;
  const p0 = pw[0]!;
  let s = 0;
  const L00 = sys.L00;
  for (let g = 0; g < nlv[0]!; g++) for (let a = 0; a < p0; a++) s += Math.log(L00[g * p0 * p0 + a + a * p0]!);
  for (let j = 1; j < k; j++) {
    const L = sys.denseL[j]![j] as Float64Array;
    const q = qb[j]!;
    for (let x = 0; x < q; x++) s += Math.log(L[x + x * q]!);
  }
  return 2 * s;
}
