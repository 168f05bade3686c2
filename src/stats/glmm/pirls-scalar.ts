/**
 * PIRLS for one scalar random-effects term with the binomial/logit kernel: the iteration of pirls.ts
 * (`iterate` with scalarStep, u only or (u, β) jointly), operation for operation except e^η by
 * fastExp (within 2 ulp of Math.exp), so the results agree to rounding. What changes is that the rows
 * at a trial point are visited once (two loops, see updateAt) for
 *   ηᵢ = oᵢ + xᵢβ + zᵢθu_g,  μᵢ = g⁻¹(ηᵢ),  Σ dᵢ                       (computeXb, computeZb, updateMu)
 *   wᵢ = wtᵢ(dμ/dη)²/V(μᵢ),  rᵢ = ηᵢ − oᵢ − (xᵢβ unless joint) + (yᵢ − μᵢ)/(dμ/dη)   (workingValues)
 *   D_g = Σ_{i∈g} wᵢzᵢ²,  c_g = Σ_{i∈g} wᵢzᵢ[xᵢ, rᵢ],  S = [X r]ᵀW[X r]   (scalarStep's accumulation)
 * together, into scratch (model.nextD, nextCg, nextS: L must keep the current point's factor until
 * the step is accepted). The trial point is nearly always accepted, and then the next Newton step
 * (scalarSolve) needs no pass over the rows. It reads only the model object and typed arrays (see
 * GlmmModel.zc0).
 */
import { GlmmError, RANK_DEFICIENT } from "./error";
import { pirlsConverged, stepAccepted, stepHalvingFailed, writeIncrement } from "./pirls-step";
import { fastExp } from "./fast-exp";
import { aicTerm, type GlmmModel } from "./model";
import type { LaplaceTerms, PirlsControl } from "./pirls";
import { cholSchur, solveBetaSchur } from "./schur";

/** R's .Machine$double.eps and the logit link's clamp (as in model.ts). */
const EPS = 2.220446049250313e-16;
const THRESH = 30;

/** Whether iterateScalar applies: one scalar term (diagonal L) and the binomial/logit kernel. */
export function scalarApplies(model: GlmmModel): boolean {
  return model.scalar && model.kernel === 1;
}

/**
 * The Newton step of one scalar term from the accumulations D_g (in L00: model.jL00 joint, uL00 u-only),
 * c_g (model.cg, m = p + 1 per level; [r] alone u-only, m = 1) and S (model.jS, joint only):
 *   L_g = √(θ²D_g + 1),  S − Σ_g θ²c_g c_gᵀ/L_g² = L_S L_Sᵀ,  L_Xᵀβ = (last row of L_S),
 *   ũ_g = θ(c_g[r] − c_g[X]·β)/L_g²   (u-only: θc_g[r]/L_g²).
 * Without `solve` only L. With it, writes the change of (u, β) into delta, dbeta and returns max |change|.
 */
export function scalarSolve(model: GlmmModel, th: number, joint: boolean, solve: boolean): number {
  const { u, beta, delta, dbeta } = model;
  const p = joint ? model.p : 0;
  const m = p + 1;
  const L00 = joint ? model.jL00 : model.uL00;
  const S = model.jS;
  const c = model.cg;
  const d = model.dg;
  const nl = d.length;
  // L_g, with d = L_g² kept for the solve; in the joint step the downdate of S by level g
  for (let g = 0; g < nl; g++) {
    const dg = th * th * L00[g]! + 1;
    d[g] = dg;
    L00[g] = Math.sqrt(dg);
    if (!joint || !solve) continue;
    const f = (th * th) / dg;
    const cg = g * m;
    for (let a = 0; a < m; a++) for (let b = 0; b <= a; b++) S[a + b * m]! -= f * c[cg + a]! * c[cg + b]!;
  }
  if (!solve) return 0;
  let maxd = 0;
  if (joint) {
    // (the trailing pivot is √pwrss; r ≡ 0 leaves it at 0, which is harmless here)
    if (!cholSchur(S, m, p)) throw new GlmmError(RANK_DEFICIENT);
    solveBetaSchur(S, m, p, dbeta);
  }
  for (let g = 0; g < nl; g++) {
    const cg = g * m;
    let v = c[cg + p]!;
    for (let a = 0; a < p; a++) v -= c[cg + a]! * dbeta[a]!;
    const step = (th * v) / d[g]! - u[g]!;
    delta[g] = step;
    if (Math.abs(step) > maxd) maxd = Math.abs(step);
  }
  return writeIncrement(dbeta, 0, beta, dbeta, 0, p, maxd);
}

/**
 * The working system's sums at the current μ: D_g = Σ w z² and, for u only, c_g = Σ w z r; jointly
 * with β, c_g = Σ w z [x, r] and S = [X r]ᵀ W [X r]. With `withDev`, also Σ dᵢ (returned) in the
 * same pass over the rows (updateMu's binomial kernel), else 0.
 */
function accumulate(model: GlmmModel, joint: boolean, withDev: boolean): number {
  const { n, X, y, wt, off, xb, eta, mu, ex: exs, ylogy, bern, nextD, nextCg, nextS, zc0: zc, idx0: idx, xrow, xnz: nz } = model;
  const p = model.p;
  const m = p + 1;
  nextD.fill(0);
  nextCg.fill(0);
  if (joint) nextS.fill(0);
  let dev = 0;
  let prod = 1;
  let logs = 0;
  for (let i = 0; i < n; i++) {
    const e = eta[i]!;
    const ex = exs[i]!;
    const mi = mu[i]!;
    const clamped = e < -THRESH || e > THRESH;
    if (withDev) {
      // updateMu's binomial kernel (Bernoulli rows as a product, logged before it underflows)
      const yi = y[i]!;
      if (bern[i] === 1) {
        prod *= yi === 0 ? 1 / (1 + ex) : mi;
        if (prod < 1e-280) {
          logs += Math.log(prod);
          prod = 1;
        }
      } else dev += 2 * wt[i]! * (ylogy[i]! - yi * (clamped ? Math.log(ex) : e) + Math.log1p(ex));
    }
    const me = clamped ? EPS : ex / ((1 + ex) * (1 + ex));
    const wi = (wt[i]! * me * me) / (mi * (1 - mi));
    if (wi === 0) continue;
    // the working residual: jointly, Xβ is solved for and stays out of it
    const ri = e - off[i]! - (joint ? 0 : xb[i]!) + (y[i]! - mi) / me;
    const zi = zc[i]!;
    const wz = wi * zi;
    const g = idx[i]!;
    nextD[g]! += wz * zi;
    if (!joint) {
      nextCg[g]! += wz * ri;
      continue;
    }
    // only X's nonzero entries (dummy columns are mostly 0): a zero term would add ±0, which changes no sum
    const cg = g * m;
    let nnz = 0;
    for (let a = 0; a < p; a++) {
      const v = X[i + a * n]!;
      xrow[a] = v;
      if (v !== 0) nz[nnz++] = a;
    }
    xrow[p] = ri;
    nz[nnz++] = p;
    for (let q = 0; q < nnz; q++) {
      const a = nz[q]!;
      const va = xrow[a]!;
      nextCg[cg + a]! += wz * va;
      const wva = wi * va;
      for (let h = 0; h <= q; h++) {
        const b = nz[h]!;
        nextS[a + b * m]! += wva * xrow[b]!;
      }
    }
  }
  return withDev ? dev - 2 * (logs + Math.log(prod)) : 0;
}

/**
 * η, e^η, μ at (u, β) (β from model.beta when joint, else Xβ from model.xb), then the working values
 * there (accumulate). Returns Σ dᵢ. Separate loops: the exps of one and the log1ps of the other are
 * independent of each other, so they overlap in the pipeline instead of each log1p waiting on its
 * row's exp.
 */
function updateAt(model: GlmmModel, th: number, joint: boolean): number {
  const { n, X, off, xb, eta, mu, ex: exs, u, beta, zc0: zc, idx0: idx } = model;
  if (joint) {
    // computeXb's sums, in its order
    xb.fill(0);
    for (let a = 0; a < model.p; a++) {
      const b = beta[a]!;
      if (b === 0) continue;
      for (let i = 0; i < n; i++) xb[i]! += X[i + a * n]! * b;
    }
  }
  for (let i = 0; i < n; i++) {
    const e = off[i]! + xb[i]! + (0 + zc[i]! * th * u[idx[i]!]!);
    eta[i] = e;
    const ex = e < -THRESH ? EPS : e > THRESH ? 1 / EPS : fastExp(e);
    exs[i] = ex;
    mu[i] = ex / (1 + ex);
  }
  return accumulate(model, joint, true);
}

/**
 * The accumulations of the latest accepted point become L00's, cg's (and S's) for scalarSolve: the
 * arrays are swapped, not copied (the old ones are the next scratch).
 */
function takeNext(model: GlmmModel, joint: boolean): void {
  const D = model.nextD;
  if (joint) {
    model.nextD = model.jL00;
    model.jL00 = D;
    const S = model.nextS;
    model.nextS = model.jS;
    model.jS = S;
  } else {
    model.nextD = model.uL00;
    model.uL00 = D;
  }
  const c = model.nextCg;
  model.nextCg = model.cg;
  model.cg = c;
}

/**
 * The PIRLS iteration (pirls.ts's `iterate`) for one scalar term and the binomial kernel, over u
 * (β fixed, Xβ in model.xb) or jointly over (u, β), from the point in the model: with `fromStart`
 * the start's η, μ, e^η (no deviance yet), else u (and β) themselves. Stops by `ctl` as pirls.ts.
 * On return model.u (β), η, μ hold the mode and L00 the factor (one iteration behind when
 * ctl.refresh === false, as glmer).
 */
export function iterateScalar(model: GlmmModel, theta: ArrayLike<number>, joint: boolean, ctl: PirlsControl, fromStart: boolean): LaplaceTerms {
  const th = theta[0]!;
  const { u, uOld, delta, beta, betaOld, dbeta, p } = model;
  const nl = u.length;
  let sumDev = 0;
  let pdev = Infinity;
  if (fromStart) accumulate(model, joint, false);
  else {
    sumDev = updateAt(model, th, joint);
    pdev = sumDev + sumSq(u);
  }
  for (let it = 1; it <= ctl.maxit; it++) {
    takeNext(model, joint);
    const maxd = scalarSolve(model, th, joint, true);
    if (Number.isFinite(pdev) && maxd < ctl.tolStep * (1 + maxAbs(u))) return finish(model, joint, sumDev, it);
    uOld.set(u);
    if (joint) betaOld.set(beta);
    let fac = 1;
    let accepted = false;
    let pdevNew = NaN;
    for (let h = 0; h <= ctl.maxHalf; h++) {
      for (let g = 0; g < nl; g++) u[g] = uOld[g]! + fac * delta[g]!;
      if (joint) for (let j = 0; j < p; j++) beta[j] = betaOld[j]! + fac * dbeta[j]!;
      sumDev = updateAt(model, th, joint);
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
      if (ctl.refresh !== false) {
        // L at the final μ (factorOnly): the accepted point's accumulations are at hand; the joint
        // factor L_S needs the solve's downdate (its delta, dbeta are not used)
        takeNext(model, joint);
        scalarSolve(model, th, joint, joint);
      }
      return finish(model, joint, sumDev, it);
    }
  }
  throw new GlmmError(`pwrssUpdate did not converge in (maxit) ${ctl.maxit} iterations`);
}

/** log|L|² = 2 Σ_g log L_gg for a diagonal L (logDetL's sum for one scalar term, in the same order). */
export function logDetDiagonal(L00: Float64Array): number {
  let s = 0;
  for (let g = 0; g < L00.length; g++) s += Math.log(L00[g]!);
  return 2 * s;
}

function finish(model: GlmmModel, joint: boolean, sumDev: number, iterations: number): LaplaceTerms {
  const ldL2 = logDetDiagonal(joint ? model.jL00 : model.uL00);
  const sqrU = sumSq(model.u);
  const aic = aicTerm(model, sumDev);
  return { ldL2, sqrU, sumDev, aic, laplace: ldL2 + sqrU + aic, iterations };
}

function sumSq(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return s;
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]!));
  return m;
}
