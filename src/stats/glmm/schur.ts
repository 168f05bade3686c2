/**
 * The dense end of the joint PIRLS step, shared by the scalar-term and sparse paths: after the random
 * effects are eliminated, S = [X r]ᵀW[X r] − (their contribution) is m × m (m = p + 1, column-major,
 * lower triangle) and S = L_S L_Sᵀ; the leading p × p block of L_S is R_Xᵀ and its last row gives β:
 * L_Xᵀβ = (last row of L_S)[0..p).
 */

/**
 * In-place lower Cholesky of the m × m S (lower triangle). Returns false if the X block (the first p
 * pivots) is not positive definite; a non-positive last pivot (r ≡ 0 at the mode) is set to 0.
 */
export function cholSchur(S: Float64Array, m: number, p: number): boolean {
  for (let j = 0; j < m; j++) {
    let dj = S[j + j * m]!;
    for (let k = 0; k < j; k++) dj -= S[j + k * m]! ** 2;
    if (!(dj > 0)) {
      if (j < p) return false;
      S[j + j * m] = 0;
      continue;
    }
    const ljj = Math.sqrt(dj);
    S[j + j * m] = ljj;
    for (let i = j + 1; i < m; i++) {
      let v = S[i + j * m]!;
      for (let k = 0; k < j; k++) v -= S[i + k * m]! * S[j + k * m]!;
      S[i + j * m] = v / ljj;
    }
  }
  return true;
}

/** β from the factor: L_Xᵀβ = l_r by back substitution (m = p + 1). */
export function solveBetaSchur(S: Float64Array, m: number, p: number, beta: Float64Array): void {
  for (let a = p - 1; a >= 0; a--) {
    let v = S[p + a * m]!;
    for (let k = a + 1; k < p; k++) v -= S[k + a * m]! * beta[k]!;
    beta[a] = v / S[a + a * m]!;
  }
}
