/**
 * lme4's post-fit gradient check (R/checkConv.R, mixed-models.md §1.6): central finite differences
 * with δ = 1e-4 for the gradient g and Hessian H; scgrad = R⁻¹g with H = RᵀR; warn when
 * max_i min(|scgrad_i|, |g_i|) > 2e-3. Returns the warning text or null.
 */
import { choleskyLower } from "../linalg/cholesky";

export const GRAD_TOL = 2e-3;

export interface GradientCheck {
  /** max_i min(|scgrad_i|, |g_i|), or null when the Hessian was not positive definite. */
  maxGrad: number | null;
  /** lme4's warning text, or null when the check passed. */
  message: string | null;
}

export function checkGradient(f: (theta: number[]) => number, theta: readonly number[], delta = 1e-4): GradientCheck {
  const n = theta.length;
  const f0 = f([...theta]);
  const g = new Float64Array(n);
  const H = new Float64Array(n * n);
  const fp = new Float64Array(n);
  const fm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = [...theta];
    a[i] += delta;
    fp[i] = f(a);
    a[i] = theta[i] - delta;
    fm[i] = f(a);
    g[i] = (fp[i] - fm[i]) / (2 * delta);
    H[i + i * n] = (fp[i] - 2 * f0 + fm[i]) / (delta * delta);
  }
  for (let i = 0; i < n; i++)
    for (let j = 0; j < i; j++) {
      const a = [...theta];
      a[i] += delta; a[j] += delta;
      const fpp = f(a);
      a[j] = theta[j] - delta;
      const fpm = f(a);
      a[i] = theta[i] - delta;
      const fmm = f(a);
      a[j] = theta[j] + delta;
      const fmp = f(a);
      H[i + j * n] = H[j + i * n] = (fpp - fpm - fmp + fmm) / (4 * delta * delta);
    }
  const unable = { maxGrad: null, message: "unable to evaluate scaled gradient" };
  if (g.some((v) => !Number.isFinite(v))) return unable;
  const L = Float64Array.from(H);
  if (choleskyLower(L, n) >= 0) return unable;
  // R = Lᵀ; scgrad = R⁻¹ g = L⁻ᵀ g
  const sg = Float64Array.from(g);
  for (let j = n - 1; j >= 0; j--) {
    let s = sg[j];
    for (let i = j + 1; i < n; i++) s -= L[i + j * n] * sg[i];
    sg[j] = s / L[j + j * n];
  }
  let worst = 0;
  let comp = 0;
  for (let i = 0; i < n; i++) {
    const v = Math.min(Math.abs(sg[i]), Math.abs(g[i]));
    if (v > worst) {
      worst = v;
      comp = i + 1;
    }
  }
  if (worst > GRAD_TOL)
    return {
      maxGrad: worst,
      message: `Model failed to converge with max|grad| = ${worst.toPrecision(5)} (tol = ${GRAD_TOL}, component ${comp})`,
    };
  return { maxGrad: worst, message: null };
}
