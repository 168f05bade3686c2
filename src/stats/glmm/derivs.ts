/**
 * Central finite-difference gradient and Hessian with step δ = 1e-4 (lme4's deriv12, §1.6):
 * 2n² − n + 1 evaluations. The objective must be smooth: callers re-converge PIRLS tightly.
 */
export function deriv12(f: (x: Float64Array) => number, x0: readonly number[], delta = 1e-4): { f0: number; gradient: number[]; hessian: number[][] } {
  const n = x0.length;
  const x = Float64Array.from(x0);
  const f0 = f(x);
  const g = new Array<number>(n).fill(0);
  const H: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  // f at x0 + di·e_i + dj·e_j (dj = 0: one coordinate), in place
  const at = (i: number, di: number, j: number, dj: number): number => {
    x.set(x0);
    x[i]! += di;
    if (dj !== 0) x[j]! += dj;
    return f(x);
  };
  for (let i = 0; i < n; i++) {
    const fp = at(i, delta, i, 0);
    const fm = at(i, -delta, i, 0);
    g[i] = (fp - fm) / (2 * delta);
    H[i]![i] = (fp - 2 * f0 + fm) / (delta * delta);
    for (let j = 0; j < i; j++) {
      const fpp = at(i, delta, j, delta);
      const fpm = at(i, delta, j, -delta);
      const fmp = at(i, -delta, j, delta);
      const fmm = at(i, -delta, j, -delta);
      H[i]![j] = H[j]![i] = (fpp - fpm - fmp + fmm) / (4 * delta * delta);
    }
  }
  return { f0, gradient: g, hessian: H };
}

/** Inverse of a symmetric positive-definite matrix by Cholesky; null if not positive definite. */
export function invertSpd(H: number[][]): number[][] | null {
  const n = H.length;
  const L = H.map((r) => [...r]);
  for (let j = 0; j < n; j++) {
    let d = L[j]![j]!;
    for (let k = 0; k < j; k++) d -= L[j]![k]! ** 2;
    if (!(d > 0) || !Number.isFinite(d)) return null;
    const ljj = Math.sqrt(d);
    L[j]![j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = L[i]![j]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      L[i]![j] = s / ljj;
    }
  }
  // Linv lower
  const Li: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let c = 0; c < n; c++) {
    for (let i = c; i < n; i++) {
      let s = i === c ? 1 : 0;
      for (let k = c; k < i; k++) s -= L[i]![k]! * Li[k]![c]!;
      Li[i]![c] = s / L[i]![i]!;
    }
  }
  const out: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += Li[k]![i]! * Li[k]![j]!;
      out[i]![j] = out[j]![i] = s;
    }
  return out;
}

/**
 * lme4's scaled-gradient convergence check: with H = RᵀR, warn when max_i min(|R⁻ᵀ…g|_i, |g_i|) > tol.
 * Returns the warning text or null.
 */
export function scaledGradientCheck(g: number[], H: number[][], tol = 2e-3): string | null {
  const n = g.length;
  const L = H.map((r) => [...r]);
  for (let j = 0; j < n; j++) {
    let d = L[j]![j]!;
    for (let k = 0; k < j; k++) d -= L[j]![k]! ** 2;
    if (!(d > 0)) return "unable to evaluate scaled gradient";
    L[j]![j] = Math.sqrt(d);
    for (let i = j + 1; i < n; i++) {
      let s = L[i]![j]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      L[i]![j] = s / L[j]![j]!;
    }
  }
  // solve(chol(H), g): R = Lᵀ upper, x = R⁻¹ g by back substitution
  const x = [...g];
  for (let j = n - 1; j >= 0; j--) {
    let s = x[j]!;
    for (let i = j + 1; i < n; i++) s -= L[i]![j]! * x[i]!;
    x[j] = s / L[j]![j]!;
  }
  let worst = 0;
  let comp = 0;
  for (let i = 0; i < n; i++) {
    const v = Math.min(Math.abs(x[i]!), Math.abs(g[i]!));
    if (v > worst) {
      worst = v;
      comp = i + 1;
    }
  }
  return worst > tol ? `Model failed to converge with max|grad| = ${worst.toPrecision(5)} (tol = ${tol}, component ${comp})` : null;
}
