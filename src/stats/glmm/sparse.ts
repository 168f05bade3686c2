/**
 * PIRLS step for several scalar random-effects terms ((1 | a) + (1 | b) + …) by a sparse Cholesky
 * of the random-effects block, with the fixed-effects/response columns as a dense Schur complement.
 *
 * The blocked system (lmm/blocks) stores the blocks of terms 1..k−1 dense, so a nested design such as
 * grouseticks' (1 | INDEX) + (1 | BROOD) + (1 | LOCATION) (403 observation-level effects, 118 broods
 * within 63 locations) pays a dense 181 × 181 factorization per PIRLS iteration although L has about
 * two nonzeros per column. Here, with M = ΛᵀZᵀWZΛ + I (q × q, Λ = diag(θ_t) per term) and the m = p + 1
 * columns [X r] (joint step) or m = 1 column [r] (u-only step):
 *   M = L Lᵀ                    sparse, pattern fixed by Z (symbolic analysis once, terms in lme4's order)
 *   L F = B,  B = ΛᵀZᵀW[X r]    (q × m, dense rows)
 *   S = [X r]ᵀW[X r] − FᵀF = L_S L_Sᵀ   (m × m)
 * joint:  L_Xᵀβ = (last row of L_S)[0..p),  Lᵀu = F_r − F_X β;   u-only: Lᵀu = F_r.
 * log|L_θ|² = 2 Σ log L_jj. This is the same factorization as the blocked one (same elimination order),
 * so the results agree to rounding.
 */
import { choleskyLowerBlocked } from "../linalg/cholesky-blocked";
import type { OrderedTerm } from "../lmm/terms";
import { cholSchur, solveBetaSchur } from "./schur";

export interface SparseScalar {
  q: number;
  /** Number of terms and, per row i, the column of each term: col[i·k + t] = uOff[t] + index_t[i]. */
  k: number;
  col: Int32Array;
  /** Per row and term, the column of Z (the term's single covariate; 1 for an intercept). */
  z: Float64Array;
  /** L in CSC: column j is colPtr[j] .. colPtr[j+1]−1, diagonal first, then rows increasing. */
  colPtr: Int32Array;
  rowIdx: Int32Array;
  Lx: Float64Array;
  /** Per row i and term pair (s ≥ t) (k(k+1)/2 of them), the position of M's entry in Lx. */
  pos: Int32Array;
  /** Row lists of L (left-looking): for column j, the columns c < j with L(j, c) ≠ 0 and the position of L(j, c). */
  rowPtr: Int32Array;
  rowCol: Int32Array;
  rowPos: Int32Array;
  /** Dense scratch: one column (q), B/F (q × maxM row-major), S (maxM × maxM column-major), the solution, one row of [X r]. */
  x: Float64Array;
  xr: Float64Array;
  F: Float64Array;
  S: Float64Array;
  sol: Float64Array;
  /** Σ_j (nonzeros of column j)²: the factorization's flop count, for choosing this path. */
  flops: number;
  /**
   * Columns [dfrom, q) are full below the diagonal (a crossed factor's block after fill-in): they are
   * factored as one dense block D (column-major, t = q − dfrom) after the rank-1 updates from the
   * sparse columns, without the left-looking scatter/gather. dfrom = q when the tail is too small.
   */
  dfrom: number;
  D: Float64Array;
  /** Per sparse column c < dfrom, the first position in column c whose row is ≥ dfrom. */
  tailStart: Int32Array;
}

/**
 * Symbolic analysis: L's pattern by the elimination tree (pattern(L_j) = pattern(M_j) ∪ the patterns
 * of j's children minus j), CSC storage, row lists and each observation's entry positions.
 */
export function createSparseScalar(terms: readonly OrderedTerm[], uOff: readonly number[], q: number, n: number, p: number): SparseScalar {
  const k = terms.length;
  const col = new Int32Array(n * k);
  const z = new Float64Array(n * k);
  for (let i = 0; i < n; i++)
    for (let t = 0; t < k; t++) {
      col[i * k + t] = uOff[t]! + terms[t]!.index[i]!;
      z[i * k + t] = terms[t]!.columns[0]![i]!;
    }
  // M's strictly lower pattern per column (terms occupy increasing column ranges, so s > t ⇒ col_s > col_t)
  const adj: number[][] = Array.from({ length: q }, () => []);
  for (let i = 0; i < n; i++)
    for (let t = 0; t < k; t++) for (let s = t + 1; s < k; s++) adj[col[i * k + t]!]!.push(col[i * k + s]!);
  const children: number[][] = Array.from({ length: q }, () => []);
  const pattern: Int32Array[] = [];
  const mark = new Int32Array(q).fill(-1);
  for (let j = 0; j < q; j++) {
    const rows: number[] = [];
    mark[j] = j;
    for (const r of adj[j]!)
      if (mark[r] !== j) {
        mark[r] = j;
        rows.push(r);
      }
    for (const c of children[j]!)
      for (const r of pattern[c]!)
        if (mark[r] !== j) {
          mark[r] = j;
          rows.push(r);
        }
    rows.sort((a, b) => a - b);
    pattern.push(Int32Array.from(rows));
    if (rows.length > 0) children[rows[0]!]!.push(j);
  }
  const colPtr = new Int32Array(q + 1);
  let flops = 0;
  for (let j = 0; j < q; j++) {
    colPtr[j + 1] = colPtr[j]! + 1 + pattern[j]!.length;
    flops += (1 + pattern[j]!.length) ** 2;
  }
  const nnz = colPtr[q]!;
  const rowIdx = new Int32Array(nnz);
  const rowCount = new Int32Array(q + 1);
  for (let j = 0; j < q; j++) {
    rowIdx[colPtr[j]!] = j;
    rowIdx.set(pattern[j]!, colPtr[j]! + 1);
    for (const r of pattern[j]!) rowCount[r + 1]!++;
  }
  const rowPtr = new Int32Array(q + 1);
  for (let j = 0; j < q; j++) rowPtr[j + 1] = rowPtr[j]! + rowCount[j + 1]!;
  const rowCol = new Int32Array(rowPtr[q]!);
  const rowPos = new Int32Array(rowPtr[q]!);
  const fill = rowPtr.slice(0, q);
  for (let c = 0; c < q; c++)
    for (let x = colPtr[c]! + 1; x < colPtr[c + 1]!; x++) {
      const r = rowIdx[x]!;
      rowCol[fill[r]!] = c;
      rowPos[fill[r]!++] = x;
    }
  const npair = (k * (k + 1)) / 2;
  const pos = new Int32Array(n * npair);
  const find = (r: number, c: number): number => {
    let lo = colPtr[c]!;
    let hi = colPtr[c + 1]! - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rowIdx[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (let i = 0; i < n; i++) {
    let e = 0;
    for (let t = 0; t < k; t++) for (let s = t; s < k; s++) pos[i * npair + e++] = find(col[i * k + s]!, col[i * k + t]!);
  }
  const m = p + 1;
  let dfrom = q;
  while (dfrom > 0 && colPtr[dfrom]! - colPtr[dfrom - 1]! === q - dfrom + 1) dfrom--;
  if (q - dfrom < 8) dfrom = q; // a short tail is as cheap left-looking
  const t = q - dfrom;
  const tailStart = new Int32Array(dfrom);
  for (let c = 0; c < dfrom; c++) {
    let a = colPtr[c]! + 1;
    while (a < colPtr[c + 1]! && rowIdx[a]! < dfrom) a++;
    tailStart[c] = a;
  }
  return {
    q, k, col, z, colPtr, rowIdx, Lx: new Float64Array(nnz), pos, rowPtr, rowCol, rowPos,
    x: new Float64Array(q), xr: new Float64Array(m), F: new Float64Array(q * m), S: new Float64Array(m * m), sol: new Float64Array(q), flops,
    dfrom, D: new Float64Array(t * t), tailStart,
  };
}

/**
 * Assemble M = ΛᵀZᵀWZΛ + I into L's storage and factor it in place (left-looking:
 * L_{·j} = (M_{·j} − Σ_{c: L(j,c) ≠ 0} L_{·c} L(j,c)) / L_jj). `lam[t]` is θ_t.
 * Returns false if a pivot is not positive (weights NaN).
 */
export function factorSparse(sp: SparseScalar, lam: Float64Array, w: Float64Array, n: number): boolean {
  const { k, z, Lx, pos, colPtr, rowIdx, rowPtr, rowCol, rowPos, x, q } = sp;
  const npair = (k * (k + 1)) / 2;
  Lx.fill(0);
  for (let j = 0; j < q; j++) Lx[colPtr[j]!] = 1;
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    if (wi === 0) continue;
    const zo = i * k;
    let e = i * npair;
    for (let t = 0; t < k; t++) {
      const at = lam[t]! * z[zo + t]! * wi;
      for (let s = t; s < k; s++) Lx[pos[e++]!]! += at * lam[s]! * z[zo + s]!;
    }
  }
  const { dfrom } = sp;
  for (let j = 0; j < dfrom; j++) {
    const c0 = colPtr[j]!;
    const c1 = colPtr[j + 1]!;
    if (rowPtr[j] === rowPtr[j + 1]) {
      // no updates (e.g. every column of the first term): scale in place
      const d = Lx[c0]!;
      if (!(d > 0)) return false;
      const ljj = Math.sqrt(d);
      Lx[c0] = ljj;
      for (let a = c0 + 1; a < c1; a++) Lx[a]! /= ljj;
      continue;
    }
    for (let a = c0; a < c1; a++) x[rowIdx[a]!] = Lx[a]!;
    for (let r = rowPtr[j]!; r < rowPtr[j + 1]!; r++) {
      const c = rowCol[r]!;
      const pj = rowPos[r]!;
      const ljc = Lx[pj]!;
      const end = colPtr[c + 1]!;
      // rows ≥ j of column c start at L(j, c) (rows are sorted)
      for (let a = pj; a < end; a++) x[rowIdx[a]!]! -= Lx[a]! * ljc;
    }
    const d = x[j]!;
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    Lx[c0] = ljj;
    for (let a = c0 + 1; a < c1; a++) Lx[a] = x[rowIdx[a]!]! / ljj;
  }
  return dfrom === q || factorTail(sp);
}

/**
 * The dense tail: D = M_TT − Σ_{c < dfrom} L_Tc L_Tcᵀ (T = rows/columns ≥ dfrom), then D = L_TT L_TTᵀ
 * by the dense kernel of linalg/, written back into L's columns (stored full, in row order).
 */
function factorTail(sp: SparseScalar): boolean {
  const { q, dfrom, D, Lx, colPtr, rowIdx, tailStart } = sp;
  const t = q - dfrom;
  for (let c = 0; c < t; c++) {
    const base = colPtr[dfrom + c]!;
    for (let r = c; r < t; r++) D[r + c * t] = Lx[base + r - c]!;
  }
  for (let c = 0; c < dfrom; c++) {
    const a0 = tailStart[c]!;
    const a1 = colPtr[c + 1]!;
    for (let b = a0; b < a1; b++) {
      const lb = Lx[b]!;
      const cb = (rowIdx[b]! - dfrom) * t - dfrom;
      for (let a = b; a < a1; a++) D[rowIdx[a]! + cb]! -= Lx[a]! * lb;
    }
  }
  if (choleskyLowerBlocked(D, t) >= 0) return false;
  for (let c = 0; c < t; c++) {
    const base = colPtr[dfrom + c]!;
    for (let r = c; r < t; r++) Lx[base + r - c] = D[r + c * t]!;
  }
  return true;
}

/** log|L|² = 2 Σ log L_jj. */
export function logDetSparse(sp: SparseScalar): number {
  let s = 0;
  for (let j = 0; j < sp.q; j++) s += Math.log(sp.Lx[sp.colPtr[j]!]!);
  return 2 * s;
}

/**
 * After factorSparse: F = L⁻¹ΛᵀZᵀW[X r] and the lower Cholesky factor of S = [X r]ᵀW[X r] − FᵀF
 * (column-major m × m in sp.S; m = p + 1 with X). With p = 0 (the u-only step) only F = L⁻¹ΛᵀZᵀWr is
 * needed and S is not formed. Returns false if X's block of S is not positive definite; a zero last
 * pivot (r ≡ 0) is left at 0.
 */
export function schurSparse(
  sp: SparseScalar, lam: Float64Array, w: Float64Array, r: Float64Array, X: Float64Array, n: number, p: number,
): boolean {
  const { k, z, col, colPtr, rowIdx, Lx, F, S, q, xr } = sp;
  const m = p + 1;
  F.fill(0, 0, q * m);
  S.fill(0, 0, m * m);
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    if (wi === 0) continue;
    for (let a = 0; a < p; a++) xr[a] = X[i + a * n]!;
    xr[p] = r[i]!;
    for (let t = 0; t < k; t++) {
      const f = lam[t]! * z[i * k + t]! * wi;
      const o = col[i * k + t]! * m;
      for (let a = 0; a < m; a++) F[o + a]! += f * xr[a]!;
    }
    // [X r]ᵀW[X r] (only the joint step needs S)
    if (p > 0)
      for (let a = 0; a < m; a++) {
        const wa = wi * xr[a]!;
        for (let b = 0; b <= a; b++) S[a + b * m]! += wa * xr[b]!;
      }
  }
  // forward solve L F = B, column by column of L
  for (let j = 0; j < q; j++) {
    const c0 = colPtr[j]!;
    const inv = 1 / Lx[c0]!;
    const o = j * m;
    for (let a = 0; a < m; a++) F[o + a]! *= inv;
    for (let x = c0 + 1; x < colPtr[j + 1]!; x++) {
      const l = Lx[x]!;
      const ro = rowIdx[x]! * m;
      for (let a = 0; a < m; a++) F[ro + a]! -= l * F[o + a]!;
    }
  }
  if (p === 0) return true;
  for (let j = 0; j < q; j++) {
    const o = j * m;
    for (let a = 0; a < m; a++) {
      const fa = F[o + a]!;
      for (let b = 0; b <= a; b++) S[a + b * m]! -= fa * F[o + b]!;
    }
  }
  return cholSchur(S, m, p);
}

/**
 * The new modes after schurSparse: with p > 0, β solves L_Xᵀβ = l_r (written to beta) and
 * Lᵀu = F_r − F_Xβ; with p = 0, Lᵀu = F_r. u is written to sp.sol.
 */
export function solveSparse(sp: SparseScalar, p: number, beta: Float64Array): void {
  const { F, S, sol, colPtr, rowIdx, Lx, q } = sp;
  const m = p + 1;
  solveBetaSchur(S, m, p, beta);
  for (let j = 0; j < q; j++) {
    const o = j * m;
    let v = F[o + p]!;
    for (let a = 0; a < p; a++) v -= F[o + a]! * beta[a]!;
    sol[j] = v;
  }
  for (let j = q - 1; j >= 0; j--) {
    const c0 = colPtr[j]!;
    let s = sol[j]!;
    for (let x = c0 + 1; x < colPtr[j + 1]!; x++) s -= Lx[x]! * sol[rowIdx[x]!]!;
    sol[j] = s / Lx[c0]!;
  }
}

/**
 * Conditional variances of the spherical random effects for the columns [from, to):
 * diag(M⁻¹)_j = ‖L⁻¹e_j‖² (M = L Lᵀ), by a forward solve from row j. The nonzeros of L⁻¹e_j are
 * j's ancestors in the elimination tree (parent(c) = the first subdiagonal row of column c), so the
 * solve walks that path only. The same quantity as the blocked system's condVarBlocks for scalar terms.
 */
export function condVarSparse(sp: SparseScalar, from: number, to: number): Float64Array {
  const { colPtr, rowIdx, Lx, x } = sp;
  const out = new Float64Array(to - from);
  x.fill(0);
  for (let j = from; j < to; j++) {
    x[j] = 1;
    let s = 0;
    let c = j;
    while (c >= 0) {
      const v = x[c]! / Lx[colPtr[c]!]!;
      x[c] = 0; // leave x zero for the next j
      s += v * v;
      const a0 = colPtr[c]! + 1;
      const a1 = colPtr[c + 1]!;
      for (let a = a0; a < a1; a++) x[rowIdx[a]!]! -= Lx[a]! * v;
      c = a0 < a1 ? rowIdx[a0]! : -1;
    }
    out[j - from] = s;
  }
  return out;
}
