/**
 * Blocked right-looking Cholesky for large dense blocks (the crossed-factor blocks of L).
 *
 * For each panel of nb columns: factor the nb×nb diagonal block (unblocked), solve the panel below it
 * row by row (rows copied to a row-major buffer, so both the solve and the update read contiguous
 * memory), then downdate the trailing lower triangle C ← C − P Pᵀ with a 2×4 register-blocked kernel.
 * The trailing matrix is streamed once per panel instead of once per column, which is what makes a
 * 1000×1000 factorization cache-friendly in JavaScript.
 */
import { choleskyLower } from "./cholesky";

const NB = 48;

/** Workspace reused across calls (grown on demand). */
let panel = new Float64Array(0);
const diag = new Float64Array(NB * NB);

/**
 * Factor the n×n matrix at `a[off + i + j*lda]` in place (lower triangle).
 * @returns -1 on success, otherwise the index of the first non-positive pivot.
 */
export function choleskyLowerBlocked(a: Float64Array, n: number, lda = n, off = 0): number {
  if (n <= 2 * NB) return choleskyLower(a, n, lda, off);
  if (panel.length < n * NB) panel = new Float64Array(n * NB);
  const P = panel;
  const D = diag;
  for (let jb = 0; jb < n; jb += NB) {
    const b = Math.min(NB, n - jb);
    const dOff = off + jb + jb * lda;
    const info = choleskyLower(a, b, lda, dOff);
    if (info >= 0) return jb + info;
    const m = n - jb - b;
    if (m === 0) break;
    // row-major copy of the diagonal factor: diag[l*b + r] = L[l, r]
    for (let r = 0; r < b; r++) for (let l = r; l < b; l++) D[l * b + r] = a[dOff + l + r * lda];
    // panel rows: P[i*b + l] = A[jb+b+i, jb+l], then solve x Lᵀ = row
    const pOff = off + jb + b + jb * lda;
    for (let l = 0; l < b; l++) {
      const col = pOff + l * lda;
      for (let i = 0; i < m; i++) P[i * b + l] = a[col + i];
    }
    for (let i = 0; i < m; i++) {
      const ro = i * b;
      for (let l = 0; l < b; l++) {
        let s = P[ro + l];
        const dl = l * b;
        for (let r = 0; r < l; r++) s -= P[ro + r] * D[dl + r];
        P[ro + l] = s / D[dl + l];
      }
    }
    for (let l = 0; l < b; l++) {
      const col = pOff + l * lda;
      for (let i = 0; i < m; i++) a[col + i] = P[i * b + l];
    }
    trailingUpdate(a, off + (jb + b) * (lda + 1), lda, P, m, b);
  }
  return -1;
}

/** C ← C − P Pᵀ on the lower triangle of the m×m block C at `co` (column-major, lda); P row-major m×b. */
function trailingUpdate(C: Float64Array, co: number, lda: number, P: Float64Array, m: number, b: number): void {
  for (let j = 0; j < m; j += 4) {
    const j1 = Math.min(j + 1, m - 1);
    const j2 = Math.min(j + 2, m - 1);
    const j3 = Math.min(j + 3, m - 1);
    const pj0 = j * b, pj1 = j1 * b, pj2 = j2 * b, pj3 = j3 * b;
    for (let i = j; i < m; i += 2) {
      const i1 = Math.min(i + 1, m - 1);
      const pi0 = i * b, pi1 = i1 * b;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let l = 0; l < b; l++) {
        const x0 = P[pi0 + l];
        const x1 = P[pi1 + l];
        const y0 = P[pj0 + l];
        const y1 = P[pj1 + l];
        const y2 = P[pj2 + l];
        const y3 = P[pj3 + l];
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
      }
      if (i + 4 <= m && j + 4 <= m && i >= j + 3) {
        // interior block: all 8 entries are in the lower triangle and in range
        const c0 = co + i + j * lda;
        C[c0] -= s00; C[c0 + 1] -= s10;
        C[c0 + lda] -= s01; C[c0 + lda + 1] -= s11;
        C[c0 + 2 * lda] -= s02; C[c0 + 2 * lda + 1] -= s12;
        C[c0 + 3 * lda] -= s03; C[c0 + 3 * lda + 1] -= s13;
        continue;
      }
      // edge block (diagonal or last rows/columns): write only in-range lower-triangle entries
      edge(C, co, lda, m, i, j, s00, s01, s02, s03);
      if (i + 1 < m) edge(C, co, lda, m, i + 1, j, s10, s11, s12, s13);
    }
  }
}


function edge(
  C: Float64Array, co: number, lda: number, m: number, ii: number, j: number,
  s0: number, s1: number, s2: number, s3: number,
): void {
  if (ii >= j && j < m) C[co + ii + j * lda] -= s0;
  if (ii >= j + 1 && j + 1 < m) C[co + ii + (j + 1) * lda] -= s1;
  if (ii >= j + 2 && j + 2 < m) C[co + ii + (j + 2) * lda] -= s2;
  if (ii >= j + 3 && j + 3 < m) C[co + ii + (j + 3) * lda] -= s3;
}
