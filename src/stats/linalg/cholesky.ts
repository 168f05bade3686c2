/**
 * Dense lower Cholesky factorization, column-major, in place.
 *
 * A = L Lᵀ with L lower triangular; only the lower triangle of `a` is read and overwritten,
 * the strict upper triangle is left untouched. Right-looking column algorithm: each column is
 * scaled, then the trailing lower triangle receives a rank-1 downdate done as contiguous axpys
 * (column-major friendly, no allocation).
 */

/**
 * Factor the n×n matrix stored at `a[off + i + j*lda]` in place.
 * @returns -1 on success, otherwise the index of the first non-positive pivot.
 */
export function choleskyLower(a: Float64Array, n: number, lda = n, off = 0): number {
  for (let j = 0; j < n; j++) {
    const cj = off + j * lda;
    const d = a[cj + j];
    if (!(d > 0)) return j;
    const ljj = Math.sqrt(d);
    a[cj + j] = ljj;
    const inv = 1 / ljj;
    for (let i = j + 1; i < n; i++) a[cj + i] *= inv;
    // trailing update: A[i,k] -= L[i,j] L[k,j] for k > j, i >= k
    for (let k = j + 1; k < n; k++) {
      const lkj = a[cj + k];
      if (lkj === 0) continue;
      const ck = off + k * lda;
      for (let i = k; i < n; i++) a[ck + i] -= a[cj + i] * lkj;
    }
  }
  return -1;
}

/** log det(L Lᵀ) = 2 Σ log L_ii for a lower-triangular factor. */
export function logdetFromCholesky(a: Float64Array, n: number, lda = n, off = 0): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.log(a[off + i + i * lda]);
  return 2 * s;
}
