/**
 * Triangular solves with a dense lower-triangular factor L (column-major, leading dimension lda).
 * All routines work in place and allocate nothing.
 */

/** Solve L x = b in place (forward substitution); `b` at `x[xoff .. xoff+n)`. */
export function solveLower(
  L: Float64Array, n: number, x: Float64Array, lda = n, loff = 0, xoff = 0,
): void {
  for (let j = 0; j < n; j++) {
    const cj = loff + j * lda;
    const xj = (x[xoff + j] /= L[cj + j]);
    if (xj === 0) continue;
    for (let i = j + 1; i < n; i++) x[xoff + i] -= L[cj + i] * xj;
  }
}

/** Solve Lᵀ x = b in place (back substitution). */
export function solveLowerTrans(
  L: Float64Array, n: number, x: Float64Array, lda = n, loff = 0, xoff = 0,
): void {
  for (let j = n - 1; j >= 0; j--) {
    const cj = loff + j * lda;
    let s = x[xoff + j];
    for (let i = j + 1; i < n; i++) s -= L[cj + i] * x[xoff + i];
    x[xoff + j] = s / L[cj + j];
  }
}

/**
 * B ← B L⁻ᵀ for an m×n block B (column-major, leading dimension ldb) and n×n lower L, i.e. solve
 * X Lᵀ = B. Right-looking over the columns of L so that L is read down its columns (contiguously):
 *   X_k = B_k / L_kk;  B_j −= X_k L_jk  for j > k.
 */
export function rightSolveLowerTrans(
  L: Float64Array, n: number, B: Float64Array, m: number,
  lda = n, loff = 0, ldb = m, boff = 0,
): void {
  for (let k = 0; k < n; k++) {
    const ck = loff + k * lda;
    const bk = boff + k * ldb;
    const inv = 1 / L[ck + k];
    for (let i = 0; i < m; i++) B[bk + i] *= inv;
    for (let j = k + 1; j < n; j++) {
      const ljk = L[ck + j];
      if (ljk === 0) continue;
      const bj = boff + j * ldb;
      for (let i = 0; i < m; i++) B[bj + i] -= B[bk + i] * ljk;
    }
  }
}
