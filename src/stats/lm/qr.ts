/**
 * Householder QR of a dense column-major n x p matrix (n >= p), in place. After `qr(A)`,
 * the upper triangle of A's first p rows holds R and the columns below the diagonal hold the
 * Householder vectors, so Qᵀy and R⁻¹ can be applied without forming Q.
 */
export interface QR {
  readonly n: number;
  readonly p: number;
  /** Householder vectors below the diagonal, R on and above it; column-major n x p. */
  readonly A: Float64Array;
  /** Scalars τ of the reflections H = I − τvvᵀ (with v[k] = 1 implicit). */
  readonly tau: Float64Array;
  /** The diagonal of R. */
  readonly diag: Float64Array;
}

/** Factorizes a copy of X (column-major n x p). */
export function qr(X: Float64Array, n: number, p: number): QR {
  const A = Float64Array.from(X);
  const tau = new Float64Array(p);
  const diag = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    const col = k * n;
    let norm = 0;
    for (let i = k; i < n; i++) norm += A[col + i]! ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0) continue;
    const alpha = A[col + k]! > 0 ? -norm : norm;
    const v0 = A[col + k]! - alpha;
    // v = (x - alpha e1) / v0, so v[k] = 1; tau = -v0 / alpha.
    for (let i = k + 1; i < n; i++) A[col + i]! /= v0;
    tau[k] = -v0 / alpha;
    diag[k] = alpha;
    A[col + k] = alpha;
    for (let j = k + 1; j < p; j++) {
      const cj = j * n;
      let s = A[cj + k]!;
      for (let i = k + 1; i < n; i++) s += A[col + i]! * A[cj + i]!;
      s *= tau[k]!;
      A[cj + k]! -= s;
      for (let i = k + 1; i < n; i++) A[cj + i]! -= s * A[col + i]!;
    }
  }
  return { n, p, A, tau, diag };
}

/** Qᵀy (length n) for a factorization. */
export function qtMultiply(f: QR, y: Float64Array): Float64Array {
  const out = Float64Array.from(y);
  for (let k = 0; k < f.p; k++) {
    const col = k * f.n;
    let s = out[k]!;
    for (let i = k + 1; i < f.n; i++) s += f.A[col + i]! * out[i]!;
    s *= f.tau[k]!;
    out[k]! -= s;
    for (let i = k + 1; i < f.n; i++) out[i]! -= s * f.A[col + i]!;
  }
  return out;
}

/** Solves Rb = c for the first p entries of c. */
export function backSolve(f: QR, c: Float64Array): Float64Array {
  const b = new Float64Array(f.p);
  for (let k = f.p - 1; k >= 0; k--) {
    let s = c[k]!;
    for (let j = k + 1; j < f.p; j++) s -= f.A[j * f.n + k]! * b[j]!;
    b[k] = s / f.A[k * f.n + k]!;
  }
  return b;
}

/** (RᵀR)⁻¹ = R⁻¹R⁻ᵀ, row-major p × p: the unscaled covariance of the coefficients (× σ² or the dispersion). */
export function unscaledCovariance(f: QR): number[][] {
  const { p, n, A } = f;
  // Rinv is upper triangular, column-major p x p.
  const Rinv = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    Rinv[j * p + j] = 1 / A[j * n + j]!;
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let k = i + 1; k <= j; k++) s += A[k * n + i]! * Rinv[j * p + k]!;
      Rinv[j * p + i] = -s / A[i * n + i]!;
    }
  }
  const out: number[][] = [];
  for (let i = 0; i < p; i++) {
    const row: number[] = [];
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = Math.max(i, j); k < p; k++) s += Rinv[k * p + i]! * Rinv[k * p + j]!;
      row.push(s);
    }
    out.push(row);
  }
  return out;
}

/** The diagonal of (RᵀR)⁻¹, i.e. the unscaled variances of the coefficients. */
export function unscaledVariances(f: QR): Float64Array {
  return Float64Array.from(unscaledCovariance(f), (row, i) => row[i]!);
}
