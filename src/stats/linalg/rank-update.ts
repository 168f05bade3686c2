/**
 * Rank-k updates on dense column-major blocks, in place, no allocation.
 */

/**
 * C ← C − A Aᵀ on the lower triangle of the n×n block C, where A is n×k (leading dimension lda).
 * Loop order k (outer), column j, rows i ≥ j: the innermost loop is a contiguous axpy.
 */
export function syrkLowerMinus(
  C: Float64Array, n: number, A: Float64Array, k: number,
  ldc = n, coff = 0, lda = n, aoff = 0,
): void {
  for (let l = 0; l < k; l++) {
    const al = aoff + l * lda;
    for (let j = 0; j < n; j++) {
      const ajl = A[al + j];
      if (ajl === 0) continue;
      const cj = coff + j * ldc;
      for (let i = j; i < n; i++) C[cj + i] -= A[al + i] * ajl;
    }
  }
}

/**
 * C ← C − A Bᵀ for C m×n, A m×k, B n×k (all column-major).
 */
export function gemmNTMinus(
  C: Float64Array, m: number, n: number, A: Float64Array, B: Float64Array, k: number,
  ldc = m, coff = 0, lda = m, aoff = 0, ldb = n, boff = 0,
): void {
  for (let l = 0; l < k; l++) {
    const al = aoff + l * lda;
    const bl = boff + l * ldb;
    for (let j = 0; j < n; j++) {
      const bjl = B[bl + j];
      if (bjl === 0) continue;
      const cj = coff + j * ldc;
      for (let i = 0; i < m; i++) C[cj + i] -= A[al + i] * bjl;
    }
  }
}
