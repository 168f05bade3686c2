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
import { GlmmError } from "./error";
import { aicTerm, computeXb, computeZb, setTheta, sumSq, updateMu, type GlmmModel } from "./model";
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

/** Working weights and the working residual r = (η − o − fixedPart) + (y − μ)/(dμ/dη). */
function workingValues(model: GlmmModel, joint: boolean): void {
  const { n, family, eta, mu, y, wt, w, r, off, xb } = model;
  for (let i = 0; i < n; i++) {
    const me = family.muEta(eta[i]!);
    w[i] = (wt[i]! * me * me) / family.variance(mu[i]!);
    r[i] = eta[i]! - off[i]! - (joint ? 0 : xb[i]!) + (y[i]! - mu[i]!) / me;
  }
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

/** Factor L at the current working weights (and response), without solving. */
function factorOnly(model: GlmmModel, ws: WeightedSystem, theta: ArrayLike<number>, joint: boolean): void {
  if (model.scalar) {
    if (joint) scalarJointStep(model, theta);
    else scalarStep(model, theta, false);
    return;
  }
  reweight(ws, model.w, model.r);
  updateL(ws.sys, theta, ws.work);
}

/** Factor and solve; writes the solution's change from (u, β) into delta, dbeta. Returns max |change|. */
function newtonStep(model: GlmmModel, ws: WeightedSystem, theta: ArrayLike<number>, joint: boolean): number {
  if (model.scalar) return joint ? scalarJointStep(model, theta) : scalarStep(model, theta, true);
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
    for (let i = 0; i < model.n; i++) model.mu[i] = model.family.linkinv(startEta[i]!);
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
  for (let i = 0; i < model.n; i++) model.mu[i] = model.family.linkinv(model.eta0[i]!);
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
