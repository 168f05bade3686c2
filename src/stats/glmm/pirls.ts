/**
 * PIRLS: the conditional modes ũ (and, for nAGQ = 0, β̂ with them) minimising the penalised
 * deviance  pdev = Σ dᵢ(yᵢ, μᵢ) + ‖u‖²  (mixed-models.md §3.1). Each iteration:
 *   w = wt·(dμ/dη)²/V(μ),  r = (working response) − (the fixed part held constant),
 *   solve (ΛᵀZᵀWZΛ + I) u = ΛᵀZᵀW r  (jointly with β when β varies) through L,
 *   step from the current point toward the solution, halving while pdev increases (beyond the
 *   rounding floor of Σ dᵢ, model.devNoise).
 * L by the model's structure: one scalar term (diagonal, scalarStep; for binomial/logit over u from a
 * given start, the fused loop of pirls-scalar.ts), one vector term (p₀ × p₀ blocks, vectorStep), several
 * scalar terms (sparse.ts), else the LMM's blocked system.
 * Convergence, lme4's rule: |Δpdev|/pdev < tolPwrss (or |Δpdev| within the rounding floor); and
 * additionally a full Newton step shorter than tolStep ends the iteration (then L already holds the
 * weights at the mode), or an accepted full step shorter than tolQuad (warm starts, see PIRLS_WARM).
 * When the relative-change rule ends it, L is refreshed at the final μ, so log|L|² is the
 * Laplace term at the returned mode (this matters for finite-difference Hessians).
 */
import { updateL } from "../lmm/factor";
import { solveBetaU } from "../lmm/solve";
import { choleskyLower } from "../linalg/cholesky";
import { solveLowerTrans } from "../linalg/triangular";
import { GlmmError, RANK_DEFICIENT } from "./error";
import { pirlsConverged, stepAccepted, stepHalvingFailed, writeIncrement } from "./pirls-step";
import { aicTerm, blockedSystem, computeXb, computeZb, setTheta, sumSq, updateMu, workingValues, expEta, type GlmmModel } from "./model";
import { iterateScalar, logDetDiagonal, scalarApplies, scalarSolve } from "./pirls-scalar";
import { factorSparse, logDetSparse, schurSparse, solveSparse } from "./sparse";
import { logDetL, reweight, type WeightedSystem } from "./system";

export interface PirlsControl {
  /** lme4's tolPwrss on the relative change of the penalised deviance (lme4 default 1e-7). */
  tolPwrss: number;
  /** A full step with max|Δ| < tolStep·(1 + max|u|) counts as converged. */
  tolStep: number;
  maxit: number;
  maxHalf: number;
  /**
   * Also converged after an accepted full step with max|Δ| < tolQuad·(1 + max|u|): Newton's quadratic
   * convergence (canonical links) leaves an error of order its square, so the check step that tolStep
   * needs is skipped; L is refreshed at the final μ (factor only, no solve). Off when undefined.
   */
  tolQuad?: number;
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
/**
 * Warm starts of the joint step (stage 1, from the previous θ's mode): stop on the step size only. The
 * relative change of pdev falls below any tolPwrss after one step from a nearby start while u is still
 * off by O(step²), and log|L|² (not stationary in u) would carry that error into the objective as noise
 * the optimizer then chases; a full step below 1e-7 leaves an error of order 1e-14.
 */
export const PIRLS_WARM: PirlsControl = { tolPwrss: 0, tolStep: 1e-13, tolQuad: 1e-7, maxit: 100, maxHalf: 20 };
/**
 * Warm starts when stage 1 only seeds stage 2 (nAGQ ≥ 1, where stage 1 stops at a θ radius of 1e-3):
 * a last full step below 1e-3 leaves an error of order 1e-6 in u and in the deviance, which moves the
 * stage-1 optimum by ~1e-4, inside that radius; it saves one or two PIRLS iterations per evaluation.
 * (The stage-1 estimates only start stage 2; lp0 comes from a cold, fully converged call.)
 */
export const PIRLS_WARM_SEED: PirlsControl = { tolPwrss: 0, tolStep: 1e-13, tolQuad: 1e-3, maxit: 100, maxHalf: 20 };
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
 * One scalar random-effects term (the common (1 | g) case), in O(n) without the blocked machinery.
 * ΛᵀZᵀWZΛ + I is diagonal: L_g = √(θ²d_g + 1) with d_g = Σ_{i∈g} wᵢzᵢ². With c_g = Σ_{i∈g} wᵢzᵢ[xᵢ, rᵢ]
 * ([rᵢ] alone without `joint`, p = 0), eliminating u leaves the m × m Schur complement (m = p + 1)
 *   S = [X r]ᵀW[X r] − Σ_g θ²c_g c_gᵀ / L_g² = L_S L_Sᵀ,
 * whose leading p × p factor is R_Xᵀ; then L_Xᵀβ = (last row of L_S) and ũ_g = θ(c_g[r] − c_g[X]·β) / L_g²
 * (u-only: ũ_g = θ c_g[r] / L_g², S not needed). L goes into model.jL00 or model.uL00 (read by the
 * log-determinant, AGQ and the conditional variances) and L_S into model.jS (no blocked system is built).
 * With `solve`, writes the change of (u, β) into delta, dbeta and returns max |change|. The
 * accumulation over the rows is here; the rest is scalarSolve (pirls-scalar.ts, which shares it).
 */
function scalarStep(model: GlmmModel, theta: ArrayLike<number>, joint: boolean, solve: boolean): number {
  const zc = model.zc0;
  const idx = model.idx0;
  const nl = model.dg.length;
  const { w, r, n, X } = model;
  const p = joint ? model.p : 0;
  const L00 = joint ? model.jL00 : model.uL00;
  const m = p + 1;
  const S = model.jS; // (the joint step only)
  const c = model.cg;
  const xrow = model.xrow;
  const nz = model.xnz;
  const th = theta[0]!;
  L00.fill(0);
  if (solve) c.fill(0, 0, nl * m);
  if (joint) S.fill(0);
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    if (wi === 0) continue;
    const g = idx[i]!;
    const wz = wi * zc[i]!;
    L00[g]! += wz * zc[i]!;
    if (!solve) continue;
    if (!joint) {
      c[g]! += wz * r[i]!;
      continue;
    }
    const cg = g * m;
    // only X's nonzero entries (dummy columns are mostly 0): a zero term would add ±0, which changes no sum
    let nnz = 0;
    for (let a = 0; a < p; a++) {
      const v = X[i + a * n]!;
      xrow[a] = v;
      if (v !== 0) nz[nnz++] = a;
    }
    xrow[p] = r[i]!;
    nz[nnz++] = p;
    for (let q = 0; q < nnz; q++) {
      const a = nz[q]!;
      const va = xrow[a]!;
      c[cg + a]! += wz * va;
      const wva = wi * va;
      for (let h = 0; h <= q; h++) {
        const b = nz[h]!;
        S[a + b * m]! += wva * xrow[b]!;
      }
    }
  }
  return scalarSolve(model, th, joint, solve);
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
 * L_g L_gᵀ = T₀ᵀ A_g T₀ + I (A_g = Σ_{i∈g} wᵢ zᵢzᵢᵀ), in O(n·p₀²) without the blocked machinery and
 * without allocation, with the blocked system's arithmetic (updateL + solveBetaU, operation for
 * operation, so the results are bit-identical). With C_g = Σ_{i∈g} wᵢ zᵢ [xᵢ, rᵢ]ᵀ ([rᵢ] alone without
 * `joint`, p = 0) and F_g = C_gᵀ R_g (the [X r]-rows of L), S = [X r]ᵀW[X r] − Σ_g F_g F_gᵀ = L_S L_Sᵀ,
 * L_Xᵀβ = (last row of L_S), and u_g = L_g⁻ᵀ (F_g[r] − F_g[X]ᵀβ) (u-only: u_g = L_g⁻ᵀ F_g[r], S not
 * needed). L goes into the L00 of the joint or u-only system (read by logDetL and condVarBlocks).
 * With `solve`, writes the change of (u, β) into delta, dbeta and returns max |change|.
 */
function vectorStep(model: GlmmModel, joint: boolean, solve: boolean): number {
  const t = model.terms[0]!;
  const p0 = t.p;
  const pp = p0 * p0;
  const nl = t.nl;
  const idx = t.index;
  const cols = t.columns;
  const { w, r, u, beta, delta, dbeta, n, X } = model;
  const p = joint ? model.p : 0;
  const sys = (joint ? model.joint : model.uonly)!.sys; // built with the model on this path
  const m = p + 1;
  const pm = p0 * m;
  const S = sys.denseL[1]![1] as Float64Array;
  const A = model.vA;
  const C = model.vC;
  const z = model.zrow;
  const xrow = model.xrow;
  A.fill(0);
  if (solve) C.fill(0, 0, nl * pm);
  if (joint) S.fill(0);
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    if (wi === 0) continue;
    const g = idx[i]!;
    const ao = g * pp;
    const co = g * pm;
    if (solve) {
      for (let a = 0; a < p; a++) xrow[a] = X[i + a * n]!;
      xrow[p] = r[i]!;
    }
    if (p0 === 2) {
      // (1 + x | g), unrolled: the same products as the general loop
      const z0 = cols[0]![i]!;
      const z1 = cols[1]![i]!;
      const wz0 = wi * z0;
      const wz1 = wi * z1;
      A[ao]! += z0 * wz0;
      A[ao + 1]! += z1 * wz0;
      A[ao + 2]! += z0 * wz1;
      A[ao + 3]! += z1 * wz1;
      if (solve)
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
        if (solve) for (let b = 0; b < m; b++) C[co + b + c * m]! += xrow[b]! * wz;
      }
    }
    if (joint)
      for (let a = 0; a < m; a++) {
        const wva = xrow[a]! * wi;
        for (let b = 0; b <= a; b++) S[a + b * m]! += wva * xrow[b]!;
      }
  }
  const L = sys.L00;
  factorLevels(model, L);
  if (!solve) return 0;
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
    for (let x = 0; x < pm; x++) C[co + x] = F[x]!; // (a copy loop: subarray would allocate a view per level)
    if (!joint) continue;
    // S −= F Fᵀ (downdateColumn0, lower triangle)
    for (let b = 0; b < m; b++)
      for (let a = b; a < m; a++) {
        let s = 0;
        for (let l = 0; l < p0; l++) s += C[co + a + l * m]! * C[co + b + l * m]!;
        S[a + b * m]! -= s;
      }
  }
  // solveBetaU: vk = (L_X⁻ᵀ l_r, −1); u-only: vk = (−1)
  const vk = model.vk;
  if (joint) {
    if (choleskyLower(S, m) >= 0) throw new GlmmError(RANK_DEFICIENT);
    for (let a = 0; a < p; a++) vk[a] = S[p + a * m]!;
    solveLowerTrans(S, p, vk, m);
  }
  vk[p] = -1;
  const y = model.vtmp;
  let maxd = 0;
  for (let g = 0; g < nl; g++) {
    const off = g * pp;
    const co = g * pm;
    // the right-hand side 0 − F_g·vk (u-only: 0 − (F_g[r]·(−1)) = F_g[r], exactly)
    for (let c = 0; c < p0; c++) {
      let s = 0;
      for (let a = 0; a < m; a++) s += C[co + a + c * m]! * vk[a]!;
      y[c] = 0 - s;
    }
    backSolveBlock(L, off, p0, y);
    maxd = writeIncrement(y, 0, u, delta, g * p0, p0, maxd);
  }
  return writeIncrement(vk, 0, beta, dbeta, 0, p, maxd);
}

/**
 * Several scalar terms through sparse.ts: factor (and with `solve`, solve for) the new modes;
 * writes their change into delta (and dbeta when joint). Returns max |change|.
 */
function sparseStep(model: GlmmModel, joint: boolean, solve: boolean): number {
  const sp = model.sparse!;
  const { w, r, n, u, delta, beta, dbeta } = model;
  if (!factorSparse(sp, model.lam, w, n)) throw new GlmmError("PIRLS: the random-effects system is not positive definite (weights not finite?)");
  if (!solve) return 0;
  const p = joint ? model.p : 0;
  if (!schurSparse(sp, model.lam, w, r, model.X, n, p)) throw new GlmmError(RANK_DEFICIENT);
  // β̂ lands in dbeta, then becomes the change from β
  solveSparse(sp, p, dbeta);
  const maxd = writeIncrement(sp.sol, 0, u, delta, 0, sp.q, 0);
  return writeIncrement(dbeta, 0, beta, dbeta, 0, p, maxd);
}

/**
 * The factor L_S of the joint system's Schur complement S = [X r]ᵀW[X r] − (random effects'
 * part) at the working weights model.w and response model.r (m × m column-major lower, m = p + 1):
 * its leading p × p block is R_Xᵀ, whatever r is. One scalar term and several scalar terms take their
 * own paths (r ≡ 0 is fine there: the last pivot is set to 0); otherwise the blocked system's updateL
 * (where a failed last pivot leaves L_X valid). Overwrites model.delta/dbeta. Null if X's block is
 * not positive definite.
 */
export function jointSchurFactor(model: GlmmModel, theta: ArrayLike<number>): { S: Float64Array; m: number } | null {
  const m = model.p + 1;
  setTheta(model, theta);
  if (model.scalar) {
    try {
      scalarStep(model, theta, true, true);
    } catch (e) {
      if (e instanceof GlmmError) return null;
      throw e;
    }
    return { S: model.jS, m };
  }
  if (model.sparse) {
    const sp = model.sparse;
    if (!factorSparse(sp, model.lam, model.w, model.n) || !schurSparse(sp, model.lam, model.w, model.r, model.X, model.n, model.p)) return null;
    return { S: sp.S, m };
  }
  const joint = blockedSystem(model, true);
  reweight(joint, model.w, model.r);
  updateL(joint.sys, theta, joint.work);
  return { S: joint.sys.denseL[joint.sys.k]![joint.sys.k] as Float64Array, m: joint.sys.m };
}

/** Factor L at the current working weights (and response), without solving. */
function factorOnly(model: GlmmModel, ws: WeightedSystem | null, theta: ArrayLike<number>, joint: boolean): void {
  if (model.sparse) {
    sparseStep(model, joint, false);
    return;
  }
  if (model.scalar) {
    scalarStep(model, theta, joint, joint); // the joint factor L_S needs the solve's accumulations
    return;
  }
  if (model.single) {
    vectorStep(model, joint, joint); // the joint factor L_S needs the solve's accumulations
    return;
  }
  reweight(ws!, model.w, model.r);
  updateL(ws!.sys, theta, ws!.work);
}

/** Factor and solve; writes the solution's change from (u, β) into delta, dbeta. Returns max |change|. */
function newtonStep(model: GlmmModel, ws: WeightedSystem | null, theta: ArrayLike<number>, joint: boolean): number {
  if (model.scalar) return scalarStep(model, theta, joint, true);
  if (model.single) return vectorStep(model, joint, true);
  if (model.sparse) return sparseStep(model, joint, true);
  reweight(ws!, model.w, model.r);
  const pls = updateL(ws!.sys, theta, ws!.work);
  // In the u-only system a null can only come from the 1×1 [r] pivot (r ≡ 0): the u blocks are valid.
  if (!pls && joint) throw new GlmmError(RANK_DEFICIENT);
  const sol = solveBetaU(ws!.sys);
  const { u, delta, uOff, beta, dbeta } = model;
  let maxd = 0;
  for (let t = 0; t < sol.u.length; t++) {
    const ut = sol.u[t]!;
    maxd = writeIncrement(ut, 0, u, delta, uOff[t]!, ut.length, maxd);
  }
  return joint ? writeIncrement(sol.beta, 0, beta, dbeta, 0, model.p, maxd) : maxd;
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]!));
  return m;
}

/**
 * PIRLS at (θ, β) over u only (lme4's stage-2 / Laplace step), starting from u0.
 * On return model.u, model.mu, model.eta hold the mode and `uonly` (uL00 for one scalar term) holds L at it.
 * `fused = false` keeps the general iteration where pirls-scalar.ts would apply (to test one against the other).
 */
export function pirlsU(
  model: GlmmModel, theta: ArrayLike<number>, beta: ArrayLike<number>, u0: Float64Array, ctl: PirlsControl,
  startEta?: Float64Array, fused = true,
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
  // one scalar term, binomial/logit: the same iteration with one pass over the rows per step
  if (fused && scalarApplies(model)) return iterateScalar(model, theta, false, ctl, startEta !== undefined);
  return iterate(model, theta, false, ctl, startEta !== undefined);
}

/**
 * PIRLS at θ over (u, β) jointly (lme4's nAGQ = 0 step). By default it restarts from η₀ = g(mustart)
 * each time with `ctl`, so the result is a deterministic function of θ. Given a `warm` control it
 * starts instead from the (u, β) the previous successful joint call left in the model (the optimizer's
 * last point is close, so PIRLS needs about half the iterations) and stops by that control
 * (PIRLS_WARM / PIRLS_WARM_SEED). On return model.beta holds β̂(θ).
 */
export function pirlsJoint(model: GlmmModel, theta: ArrayLike<number>, ctl: PirlsControl, warm?: PirlsControl, fused = true): LaplaceTerms {
  setTheta(model, theta);
  const scalar = fused && scalarApplies(model);
  if (warm && model.jointWarm) {
    model.jointWarm = false; // until this call succeeds
    computeXb(model, model.beta, model.xb);
    const r = scalar ? iterateScalar(model, theta, true, warm, false) : iterate(model, theta, true, warm, false);
    model.jointWarm = true;
    return r;
  }
  model.jointWarm = false;
  model.eta.set(model.eta0);
  model.mu.set(model.mu0);
  if (model.kernel === 1) model.ex.set(model.ex0);
  model.u.fill(0);
  model.beta.fill(0);
  model.xb.fill(0);
  const r = scalar ? iterateScalar(model, theta, true, ctl, true) : iterate(model, theta, true, ctl, true);
  model.jointWarm = true;
  return r;
}

function iterate(model: GlmmModel, theta: ArrayLike<number>, joint: boolean, ctl: PirlsControl, fromEta0: boolean): LaplaceTerms {
  // the sparse and scalar paths work in model.sparse / uL00, jL00, jS; the blocked systems are not touched (nor built)
  const ws = model.sparse || model.scalar ? null : blockedSystem(model, joint);
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
    if (Number.isFinite(pdev) && maxd < ctl.tolStep * (1 + maxAbs(u))) return finish(model, ws, joint, sumDev, it);
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
      if (stepAccepted(pdevNew, pdev, model.devNoise)) {
        accepted = true;
        break;
      }
      fac /= 2;
    }
    if (!accepted) throw stepHalvingFailed();
    const pdevOld = pdev;
    pdev = pdevNew;
    if (pirlsConverged(ctl, pdev, pdevOld, fac === 1, maxd, maxAbs(u), model.devNoise)) {
      if (ctl.refresh === false) return finish(model, ws, joint, sumDev, it);
      // refresh L at the final μ so log|L|² belongs to the returned mode
      workingValues(model, joint);
      factorOnly(model, ws, theta, joint);
      return finish(model, ws, joint, sumDev, it);
    }
  }
  throw new GlmmError(`pwrssUpdate did not converge in (maxit) ${ctl.maxit} iterations`);
}

function finish(model: GlmmModel, ws: WeightedSystem | null, joint: boolean, sumDev: number, iterations: number): LaplaceTerms {
  const ldL2 = model.sparse ? logDetSparse(model.sparse) : model.scalar ? logDetDiagonal(joint ? model.jL00 : model.uL00) : logDetL(ws!.sys);
  const sqrU = sumSq(model.u);
  const aic = aicTerm(model, sumDev);
  return { ldL2, sqrU, sumDev, aic, laplace: ldL2 + sqrU + aic, iterations };
}
