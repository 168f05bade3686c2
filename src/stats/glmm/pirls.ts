/**
 * PIRLS: the conditional modes ũ (and, for nAGQ = 0, β̂ with them) minimising the penalised
 * deviance  pdev = Σ dᵢ(yᵢ, μᵢ) + ‖u‖²  (mixed-models.md §3.1). Each iteration:
 *   w = wt·(dμ/dη)²/V(μ),  r = (working response) − (the fixed part held constant),
 *   solve (ΛᵀZᵀWZΛ + I) u = ΛᵀZᵀW r  (jointly with β when β varies) through the blocked L,
 *   step from the current point toward the solution, halving while pdev increases.
 * Convergence, lme4's rule: |Δpdev|/pdev < tolPwrss; and additionally a full Newton step
 * shorter than tolStep ends the iteration (then L already holds the weights at the mode).
 * When the relative-change rule ends it, L is refreshed at the final μ, so log|L|² is the
 * Laplace term at the returned mode (this matters for finite-difference Hessians).
 */
import { updateL } from "../lmm/factor";
import { solveBetaU } from "../lmm/solve";
import { choleskyLower } from "../linalg/cholesky";
import { solveLowerTrans } from "../linalg/triangular";
import { GlmmError } from "./error";
import { aicTerm, computeXb, computeZb, setTheta, sumSq, updateMu, workingValues, expEta, type GlmmModel } from "./model";
import { logDetL, reweight, type WeightedSystem } from "./system";

export interface PirlsControl {
  /** lme4's tolPwrss on the relative change of the penalised deviance (lme4 default 1e-7). */
  tolPwrss: number;
  /** A full step with max|Δ| < tolStep·(1 + max|u|) counts as converged. */
  tolStep: number;
  maxit: number;
  maxHalf: number;
  /**
   * Refresh L at the final μ when the relative-change rule stops the iteration (default true).
   * false reproduces lme4, whose log|L|² then lags one iteration behind the returned mode.
   */
  refresh?: boolean;
}

/** Fitting default: tighter than lme4's 1e-7 so the objective is smooth for the optimizer. */
export const PIRLS_FIT: PirlsControl = { tolPwrss: 1e-12, tolStep: 1e-9, maxit: 100, maxHalf: 20 };
/**
 * glmer's own evaluation (lme4 1.1-31): tolPwrss = 1e-7 on the relative change and log|L|² from the
 * last factorisation, one iteration behind the mode; with every evaluation restarted from the
 * stage-1 linear predictor this reproduces glmer's deviance function to ~1e-9 (cbpp: 184.053133 vs
 * lme4's 184.053133; the exact Laplace value at the same point is 184.052572) and so its
 * finite-difference Hessian and standard errors.
 */
export const PIRLS_LME4: PirlsControl = { tolPwrss: 1e-7, tolStep: 0, maxit: 100, maxHalf: 20, refresh: false };
/** For finite-difference derivatives: re-converge essentially to machine precision. */
export const PIRLS_TIGHT: PirlsControl = { tolPwrss: 0, tolStep: 1e-12, maxit: 100, maxHalf: 20 };

/** The Laplace pieces at the mode (mixed-models.md §3.2). */
export interface LaplaceTerms {
  /** log|L_θ|². */
  ldL2: number;
  /** ‖ũ‖². */
  sqrU: number;
  /** Σ deviance residuals dᵢ at the mode (lme4's deviance() for a GLMM). */
  sumDev: number;
  /** −2 Σ log p(yᵢ | μ̃ᵢ). */
  aic: number;
  /** ldL2 + sqrU + aic: −2 log-likelihood on lme4's absolute scale. */
  laplace: number;
  iterations: number;
}

/**
 * One scalar random-effects term (the common (1 | g) case): ΛᵀZᵀWZΛ + I is diagonal, so
 * L_gg = √(θ²·Σ_{i∈g} wᵢzᵢ² + 1) and ũ_g = θ·Σ_{i∈g} wᵢzᵢrᵢ / L_gg², in O(n) without the blocked
 * machinery. Writes L into the u-only system's L00 (read by logDetL, AGQ and condVarBlocks).
 * With `solve`, writes the change of u into delta and returns max |change|.
 */
function scalarStep(model: GlmmModel, theta: ArrayLike<number>, solve: boolean): number {
  const t = model.terms[0]!;
  const z = t.columns[0]!;
  const idx = t.index;
  const { w, r, u, delta, n } = model;
  const L00 = model.uonly.sys.L00;
  const c = model.delta; // reuse delta as the Σ wzr accumulator
  const th = theta[0]!;
  L00.fill(0);
  if (solve) c.fill(0);
  for (let i = 0; i < n; i++) {
    const g = idx[i]!;
    const wz = w[i]! * z[i]!;
    L00[g]! += wz * z[i]!;
    if (solve) c[g]! += wz * r[i]!;
  }
  let maxd = 0;
  for (let g = 0; g < t.nl; g++) {
    const d = th * th * L00[g]! + 1;
    L00[g] = Math.sqrt(d);
    if (solve) {
      const step = (th * c[g]!) / d - u[g]!;
      delta[g] = step;
      if (Math.abs(step) > maxd) maxd = Math.abs(step);
    }
  }
  return maxd;
}

/**
 * The joint (u, β) step for one scalar term. With L_g = √(θ²d_g + 1), d_g = Σ_{i∈g} wᵢzᵢ², and
 * c_g = Σ_{i∈g} wᵢzᵢ[xᵢ, rᵢ], eliminating u leaves the m × m Schur complement
 *   S = [X r]ᵀW[X r] − Σ_g θ²c_g c_gᵀ / L_g² = L_S L_Sᵀ,
 * whose leading p × p factor is R_Xᵀ; then L_Xᵀβ = (last row of L_S) and
 * u_g = θ(c_g[r] − c_g[X]·β) / L_g². L_S is stored where the blocked system keeps its [X y] block.
 */
function scalarJointStep(model: GlmmModel, theta: ArrayLike<number>): number {
  const t = model.terms[0]!;
  const zc = t.columns[0]!;
  const idx = t.index;
  const { w, r, u, beta, delta, dbeta, n, p, X } = model;
  const sys = model.joint.sys;
  const L00 = sys.L00;
  const m = p + 1;
  const S = sys.denseL[1]![1] as Float64Array;
  const c = model.cg;
  const xrow = model.xrow;
  const th = theta[0]!;
  L00.fill(0);
  c.fill(0);
  S.fill(0);
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    if (wi === 0) continue;
    const g = idx[i]!;
    const wz = wi * zc[i]!;
    L00[g]! += wz * zc[i]!;
    const cg = g * m;
    for (let a = 0; a < p; a++) xrow[a] = X[i + a * n]!;
    xrow[p] = r[i]!;
    for (let a = 0; a < m; a++) {
      const va = xrow[a]!;
      c[cg + a]! += wz * va;
      const wva = wi * va;
      for (let b = 0; b <= a; b++) S[a + b * m]! += wva * xrow[b]!;
    }
  }
  for (let g = 0; g < t.nl; g++) {
    const d = th * th * L00[g]! + 1;
    L00[g] = Math.sqrt(d);
    const f = (th * th) / d;
    const cg = g * m;
    for (let a = 0; a < m; a++) for (let b = 0; b <= a; b++) S[a + b * m]! -= f * c[cg + a]! * c[cg + b]!;
  }
  // lower Cholesky of S (the trailing pivot is √pwrss; r ≡ 0 leaves it at 0, which is harmless here)
  for (let j = 0; j < m; j++) {
    let dj = S[j + j * m]!;
    for (let k = 0; k < j; k++) dj -= S[j + k * m]! ** 2;
    if (!(dj > 0)) {
      if (j < p) throw new GlmmError("PIRLS: the weighted fixed-effects model matrix is rank deficient (weights numerically zero?)");
      S[j + j * m] = 0;
      continue;
    }
    const ljj = Math.sqrt(dj);
    S[j + j * m] = ljj;
    for (let i2 = j + 1; i2 < m; i2++) {
      let v = S[i2 + j * m]!;
      for (let k = 0; k < j; k++) v -= S[i2 + k * m]! * S[j + k * m]!;
      S[i2 + j * m] = v / ljj;
    }
  }
  // L_Xᵀ β = l_r (back substitution), then the modes
  let maxd = 0;
  for (let a = p - 1; a >= 0; a--) {
    let v = S[p + a * m]!;
    for (let k = a + 1; k < p; k++) v -= S[k + a * m]! * dbeta[k]!;
    dbeta[a] = v / S[a + a * m]!;
  }
  for (let g = 0; g < t.nl; g++) {
    const cg = g * m;
    let v = c[cg + p]!;
    for (let a = 0; a < p; a++) v -= c[cg + a]! * dbeta[a]!;
    const step = (th * v) / (L00[g]! * L00[g]!) - u[g]!;
    delta[g] = step;
    if (Math.abs(step) > maxd) maxd = Math.abs(step);
  }
  for (let a = 0; a < p; a++) {
    const step = dbeta[a]! - beta[a]!;
    dbeta[a] = step;
    if (Math.abs(step) > maxd) maxd = Math.abs(step);
  }
  return maxd;
}

/**
 * L_g = chol(T₀ᵀ A_g T₀ + I) into L00 and R_g = T₀ L_g⁻ᵀ into model.vR for every level g of the
 * single term, from A_g = Σ_{i∈g} wᵢ zᵢ zᵢᵀ (full p₀ × p₀) in model.vA: updateL's first block,
 * operation for operation, so the fast path's results are bit-identical to the blocked system's.
 */
function factorLevels(model: GlmmModel, L00: Float64Array): void {
  const t = model.terms[0]!;
  const p0 = t.p;
  const pp = p0 * p0;
  const nl = t.nl;
  const T = model.T[0]!;
  const A = model.vA;
  const R = model.vR;
  const tmp = model.vtmp;
  for (let g = 0; g < nl; g++) {
    const off = g * pp;
    for (let c = 0; c < p0; c++)
      for (let a = 0; a < p0; a++) {
        let s = 0;
        for (let l = c; l < p0; l++) s += A[off + a + l * p0]! * T[l + c * p0]!;
        tmp[a + c * p0] = s;
      }
    for (let c = 0; c < p0; c++)
      for (let a = c; a < p0; a++) {
        let s = a === c ? 1 : 0;
        for (let l = a; l < p0; l++) s += T[l + a * p0]! * tmp[l + c * p0]!;
        L00[off + a + c * p0] = s;
      }
    // in-place Cholesky (the matrix is ≥ I, so positive definite unless the weights are NaN)
    for (let j = 0; j < p0; j++) {
      let d = L00[off + j + j * p0]!;
      for (let l = 0; l < j; l++) d -= L00[off + j + l * p0]! * L00[off + j + l * p0]!;
      const ljj = Math.sqrt(d);
      L00[off + j + j * p0] = ljj;
      for (let i = j + 1; i < p0; i++) {
        let v = L00[off + i + j * p0]!;
        for (let l = 0; l < j; l++) v -= L00[off + i + l * p0]! * L00[off + j + l * p0]!;
        L00[off + i + j * p0] = v / ljj;
      }
    }
    // R_g = T₀ L_g⁻ᵀ: row a solves x L_gᵀ = T₀[a, ·]
    for (let a = 0; a < p0; a++)
      for (let c = 0; c < p0; c++) {
        let v = c <= a ? T[a + c * p0]! : 0;
        for (let l = 0; l < c; l++) v -= R[off + a + l * p0]! * L00[off + c + l * p0]!;
        R[off + a + c * p0] = v / L00[off + c + c * p0]!;
      }
  }
}

/** Lᵀx = b in place for the p₀ × p₀ block of L at `off` (solveLowerTrans's arithmetic). */
function backSolveBlock(L: Float64Array, off: number, p0: number, x: Float64Array): void {
  for (let j = p0 - 1; j >= 0; j--) {
    let s = x[j]!;
    for (let i = j + 1; i < p0; i++) s -= L[off + i + j * p0]! * x[i]!;
    x[j] = s / L[off + j + j * p0]!;
  }
}

/**
 * One vector-valued term ((x | g)): ΛᵀZᵀWZΛ + I is block diagonal with p₀ × p₀ blocks
 * L_g L_gᵀ = T₀ᵀ A_g T₀ + I, so ũ_g = L_g⁻ᵀ R_gᵀ Σ_{i∈g} wᵢzᵢrᵢ, in O(n·p₀²) without the blocked
 * machinery and without allocation (the blocked system's updateL + solveBetaU, same arithmetic).
 * Writes L into the u-only system's L00 (read by logDetL and condVarBlocks).
 * With `solve`, writes the change of u into delta and returns max |change|.
 */
function vectorStep(model: GlmmModel, solve: boolean): number {
  const t = model.terms[0]!;
  const p0 = t.p;
  const pp = p0 * p0;
  const nl = t.nl;
  const idx = t.index;
  const cols = t.columns;
  const { w, r, u, delta, n } = model;
  const A = model.vA;
  const C = model.vC;
  const z = model.zrow;
  A.fill(0);
  if (solve) C.fill(0);
  if (p0 === 2) {
    // (1 + x | g), unrolled: the same products as the general loop
    const z0c = cols[0]!;
    const z1c = cols[1]!;
    for (let i = 0; i < n; i++) {
      const wi = w[i]!;
      if (wi === 0) continue;
      const g = idx[i]!;
      const ao = g * 4;
      const z0 = z0c[i]!;
      const z1 = z1c[i]!;
      const wz0 = wi * z0;
      const wz1 = wi * z1;
      if (solve) {
        const ri = r[i]!;
        C[g * 2]! += ri * wz0;
        C[g * 2 + 1]! += ri * wz1;
      }
      A[ao]! += z0 * wz0;
      A[ao + 1]! += z1 * wz0;
      A[ao + 2]! += z0 * wz1;
      A[ao + 3]! += z1 * wz1;
    }
  } else
    for (let i = 0; i < n; i++) {
      const wi = w[i]!;
      if (wi === 0) continue;
      const g = idx[i]!;
      const ao = g * pp;
      const co = g * p0;
      const ri = r[i]!;
      for (let a = 0; a < p0; a++) z[a] = cols[a]![i]!;
      for (let c = 0; c < p0; c++) {
        const wz = wi * z[c]!;
        if (solve) C[co + c]! += ri * wz;
        for (let a = 0; a < p0; a++) A[ao + a + c * p0]! += z[a]! * wz;
      }
    }
  const L = model.uonly.sys.L00;
  factorLevels(model, L);
  if (!solve) return 0;
  const R = model.vR;
  const y = model.vtmp;
  let maxd = 0;
  for (let g = 0; g < nl; g++) {
    const off = g * pp;
    const co = g * p0;
    // the [r] row of L: v_c = Σ_l c_l R[l, c]; the solve's right-hand side is 0 − (v·(−1)) = v
    for (let c = 0; c < p0; c++) {
      let v = 0;
      for (let l = 0; l < p0; l++) v += C[co + l]! * R[off + l + c * p0]!;
      y[c] = v;
    }
    backSolveBlock(L, off, p0, y);
    for (let a = 0; a < p0; a++) {
      const step = y[a]! - u[co + a]!;
      delta[co + a] = step;
      if (Math.abs(step) > maxd) maxd = Math.abs(step);
    }
  }
  return maxd;
}

/**
 * The joint (u, β) step for one vector-valued term: with C_g = Σ_{i∈g} wᵢ zᵢ [xᵢ, rᵢ]ᵀ and
 * F_g = [X r]-rows of L = C_gᵀ R_g, S = [X r]ᵀW[X r] − Σ_g F_g F_gᵀ = L_S L_Sᵀ, L_Xᵀβ = (last row
 * of L_S), and u_g = L_g⁻ᵀ (F_g[r]-row − F_g[X]-rowsᵀβ): the blocked system's arithmetic.
 */
function vectorJointStep(model: GlmmModel): number {
  const t = model.terms[0]!;
  const p0 = t.p;
  const pp = p0 * p0;
  const nl = t.nl;
  const idx = t.index;
  const cols = t.columns;
  const { w, r, u, beta, delta, dbeta, n, p, X } = model;
  const sys = model.joint.sys;
  const m = p + 1;
  const pm = p0 * m;
  const S = sys.denseL[1]![1] as Float64Array;
  const A = model.vA;
  const C = model.vC;
  const z = model.zrow;
  const xrow = model.xrow;
  A.fill(0);
  C.fill(0);
  S.fill(0);
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    if (wi === 0) continue;
    const g = idx[i]!;
    const ao = g * pp;
    const co = g * pm;
    for (let a = 0; a < p; a++) xrow[a] = X[i + a * n]!;
    xrow[p] = r[i]!;
    if (p0 === 2) {
      const z0 = cols[0]![i]!;
      const z1 = cols[1]![i]!;
      const wz0 = wi * z0;
      const wz1 = wi * z1;
      A[ao]! += z0 * wz0;
      A[ao + 1]! += z1 * wz0;
      A[ao + 2]! += z0 * wz1;
      A[ao + 3]! += z1 * wz1;
      for (let b = 0; b < m; b++) {
        const xb = xrow[b]!;
        C[co + b]! += xb * wz0;
        C[co + m + b]! += xb * wz1;
      }
    } else {
      for (let a = 0; a < p0; a++) z[a] = cols[a]![i]!;
      for (let c = 0; c < p0; c++) {
        const wz = wi * z[c]!;
        for (let a = 0; a < p0; a++) A[ao + a + c * p0]! += z[a]! * wz;
        for (let b = 0; b < m; b++) C[co + b + c * m]! += xrow[b]! * wz;
      }
    }
    for (let a = 0; a < m; a++) {
      const wva = xrow[a]! * wi;
      for (let b = 0; b <= a; b++) S[a + b * m]! += wva * xrow[b]!;
    }
  }
  const L = sys.L00;
  factorLevels(model, L);
  const R = model.vR;
  const F = model.vF;
  for (let g = 0; g < nl; g++) {
    const off = g * pp;
    const co = g * pm;
    // F[a, c] = Σ_l C_g[a, l] R_g[l, c] (scaleColumn0), stored m × p₀ in place of C_g
    for (let c = 0; c < p0; c++)
      for (let a = 0; a < m; a++) {
        let v = 0;
        for (let l = 0; l < p0; l++) v += C[co + a + l * m]! * R[off + l + c * p0]!;
        F[a + c * m] = v;
      }
    C.set(F.subarray(0, pm), co);
    // S −= F Fᵀ (downdateColumn0, lower triangle)
    for (let b = 0; b < m; b++)
      for (let a = b; a < m; a++) {
        let s = 0;
        for (let l = 0; l < p0; l++) s += C[co + a + l * m]! * C[co + b + l * m]!;
        S[a + b * m]! -= s;
      }
  }
  const info = choleskyLower(S, m);
  if (info >= 0) throw new GlmmError("PIRLS: the weighted fixed-effects model matrix is rank deficient (weights numerically zero?)");
  // solveBetaU: vk = (L_X⁻ᵀ l_r, −1)
  const vk = model.vk;
  for (let a = 0; a < p; a++) vk[a] = S[p + a * m]!;
  solveLowerTrans(S, p, vk, m);
  vk[p] = -1;
  const y = model.vtmp;
  let maxd = 0;
  for (let g = 0; g < nl; g++) {
    const off = g * pp;
    const co = g * pm;
    for (let c = 0; c < p0; c++) {
      let s = 0;
      for (let a = 0; a < m; a++) s += C[co + a + c * m]! * vk[a]!;
      y[c] = 0 - s;
    }
    backSolveBlock(L, off, p0, y);
    const uo = g * p0;
    for (let a = 0; a < p0; a++) {
      const step = y[a]! - u[uo + a]!;
      delta[uo + a] = step;
      if (Math.abs(step) > maxd) maxd = Math.abs(step);
    }
  }
  for (let a = 0; a < p; a++) {
    const step = vk[a]! - beta[a]!;
    dbeta[a] = step;
    if (Math.abs(step) > maxd) maxd = Math.abs(step);
  }
  return maxd;
}

/** Factor L at the current working weights (and response), without solving. */
function factorOnly(model: GlmmModel, ws: WeightedSystem, theta: ArrayLike<number>, joint: boolean): void {
  if (model.scalar) {
    if (joint) scalarJointStep(model, theta);
    else scalarStep(model, theta, false);
    return;
  }
  if (model.single) {
    if (joint) vectorJointStep(model);
    else vectorStep(model, false);
    return;
  }
  reweight(ws, model.w, model.r);
  updateL(ws.sys, theta, ws.work);
}

/** Factor and solve; writes the solution's change from (u, β) into delta, dbeta. Returns max |change|. */
function newtonStep(model: GlmmModel, ws: WeightedSystem, theta: ArrayLike<number>, joint: boolean): number {
  if (model.scalar) return joint ? scalarJointStep(model, theta) : scalarStep(model, theta, true);
  if (model.single) return joint ? vectorJointStep(model) : vectorStep(model, true);
  reweight(ws, model.w, model.r);
  const pls = updateL(ws.sys, theta, ws.work);
  // In the u-only system a null can only come from the 1×1 [r] pivot (r ≡ 0): the u blocks are valid.
  if (!pls && joint) throw new GlmmError("PIRLS: the weighted fixed-effects model matrix is rank deficient (weights numerically zero?)");
  const sol = solveBetaU(ws.sys);
  const { u, delta, uOff, beta, dbeta } = model;
  let maxd = 0;
  sol.u.forEach((ut, t) => {
    const o = uOff[t]!;
    for (let x = 0; x < ut.length; x++) {
      const d = ut[x]! - u[o + x]!;
      delta[o + x] = d;
      if (Math.abs(d) > maxd) maxd = Math.abs(d);
    }
  });
  if (joint)
    for (let j = 0; j < model.p; j++) {
      const d = sol.beta[j]! - beta[j]!;
      dbeta[j] = d;
      if (Math.abs(d) > maxd) maxd = Math.abs(d);
    }
  return maxd;
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]!));
  return m;
}

/**
 * PIRLS at (θ, β) over u only (lme4's stage-2 / Laplace step), starting from u0.
 * On return model.u, model.mu, model.eta hold the mode and `uonly` holds L at it.
 */
export function pirlsU(
  model: GlmmModel, theta: ArrayLike<number>, beta: ArrayLike<number>, u0: Float64Array, ctl: PirlsControl,
  startEta?: Float64Array,
): LaplaceTerms {
  setTheta(model, theta);
  computeXb(model, beta, model.xb);
  model.u.set(u0);
  if (startEta) {
    model.eta.set(startEta);
    // stage 2 restarts every evaluation from the same linear predictor: compute g⁻¹ of it once
    if (model.startEta !== startEta) {
      for (let i = 0; i < model.n; i++) model.startMu[i] = model.family.linkinv(startEta[i]!);
      if (model.kernel === 1) expEta(startEta, model.startEx);
      model.startEta = startEta;
    }
    model.mu.set(model.startMu);
    if (model.kernel === 1) model.ex.set(model.startEx);
  }
  return iterate(model, theta, false, ctl, startEta !== undefined);
}

/**
 * PIRLS at θ over (u, β) jointly (lme4's nAGQ = 0 step), restarting from η₀ = g(mustart) each
 * time so the result is a deterministic function of θ. On return model.beta holds β̂(θ).
 */
export function pirlsJoint(model: GlmmModel, theta: ArrayLike<number>, ctl: PirlsControl): LaplaceTerms {
  setTheta(model, theta);
  model.eta.set(model.eta0);
  model.mu.set(model.mu0);
  if (model.kernel === 1) model.ex.set(model.ex0);
  model.u.fill(0);
  model.beta.fill(0);
  model.xb.fill(0);
  return iterate(model, theta, true, ctl, true);
}

function iterate(model: GlmmModel, theta: ArrayLike<number>, joint: boolean, ctl: PirlsControl, fromEta0: boolean): LaplaceTerms {
  const ws = joint ? model.joint : model.uonly;
  const { u, uOld, delta, beta, betaOld, dbeta, p } = model;
  let sumDev = 0;
  let pdev = Infinity;
  if (!fromEta0) {
    computeZb(model, u, model.zb);
    sumDev = updateMu(model);
    pdev = sumDev + sumSq(u);
  }
  let it = 0;
  for (it = 1; it <= ctl.maxit; it++) {
    workingValues(model, joint);
    const maxd = newtonStep(model, ws, theta, joint);
    if (Number.isFinite(pdev) && maxd < ctl.tolStep * (1 + maxAbs(u))) return finish(model, ws, sumDev, it);
    uOld.set(u);
    if (joint) betaOld.set(beta);
    let fac = 1;
    let accepted = false;
    let pdevNew = NaN;
    for (let h = 0; h <= ctl.maxHalf; h++) {
      for (let x = 0; x < u.length; x++) u[x] = uOld[x]! + fac * delta[x]!;
      if (joint) {
        for (let j = 0; j < p; j++) beta[j] = betaOld[j]! + fac * dbeta[j]!;
        computeXb(model, beta, model.xb);
      }
      computeZb(model, u, model.zb);
      sumDev = updateMu(model);
      pdevNew = sumDev + sumSq(u);
      // the first joint step (from η₀) has no previous deviance to beat; allow roundoff otherwise
      if (!Number.isFinite(pdev) ? Number.isFinite(pdevNew) : pdevNew <= pdev + 1e-10 * Math.abs(pdev)) {
        accepted = true;
        break;
      }
      fac /= 2;
    }
    if (!accepted)
      throw new GlmmError(
        "(maxstephalfit) PIRLS step-halvings failed to reduce deviance in pwrssUpdate: the conditional modes could not be found (check for complete separation or extreme predictor values)",
      );
    const rel = Math.abs(pdev - pdevNew) / pdevNew;
    pdev = pdevNew;
    // below 1e-14 no further progress is possible in floating point
    if (rel < ctl.tolPwrss || rel < 1e-14) {
      if (ctl.refresh === false) return finish(model, ws, sumDev, it);
      // refresh L at the final μ so log|L|² belongs to the returned mode
      workingValues(model, joint);
      factorOnly(model, ws, theta, joint);
      return finish(model, ws, sumDev, it);
    }
  }
  throw new GlmmError(`pwrssUpdate did not converge in (maxit) ${ctl.maxit} iterations`);
}

function finish(model: GlmmModel, ws: WeightedSystem, sumDev: number, iterations: number): LaplaceTerms {
  const ldL2 = logDetL(ws.sys);
  const sqrU = sumSq(model.u);
  const aic = aicTerm(model, sumDev);
  return { ldL2, sqrU, sumDev, aic, laplace: ldL2 + sqrU + aic, iterations };
}
