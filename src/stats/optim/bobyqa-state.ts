/**
 * BOBYQA's interpolation state (Powell 2009, DAMTP 2009/NA06), in scaled coordinates.
 *
 * Points y_k (k < npt, npt = 2n+1) are stored relative to `xbase`. The quadratic model is
 *   Q(xopt + d) = Q(xopt) + goptᵀd + ½ dᵀ(HQ + Σ_k pq_k y_k y_kᵀ) d.
 * The inverse of the KKT matrix W = [[A, E], [Eᵀ, 0]], A_kj = ½(y_k·y_j)², E = [1 Y], is kept as
 *   H = [[Ω, Ξᵀ], [Ξ, Υ]],  Ω = Z Zᵀ (npt × npt, rank npt−n−1),
 * with `bmat` rows 0..npt−1 holding Ξ_xᵀ (gradients of the Lagrange functions at xbase) and rows
 * npt..npt+n−1 holding Υ_xx. The constant row of Ξ is never needed (Powell's device).
 */

export interface BobyqaState {
  n: number;
  npt: number;
  /** Number of columns of Z: npt − n − 1. */
  nptm: number;
  xbase: Float64Array;
  /** npt × n, row-major: xpt[k*n + i]. */
  xpt: Float64Array;
  fval: Float64Array;
  kopt: number;
  xopt: Float64Array;
  gopt: Float64Array;
  /** Explicit Hessian part, full symmetric n × n. */
  hq: Float64Array;
  /** Implicit Hessian coefficients. */
  pq: Float64Array;
  /** (npt + n) × n row-major. */
  bmat: Float64Array;
  /** npt × nptm row-major. */
  zmat: Float64Array;
  /** Bounds relative to xbase. */
  sl: Float64Array;
  su: Float64Array;
  /** Work vectors. */
  vlag: Float64Array;
  wk: Float64Array;
  hv: Float64Array;
  /** Work vector of the trust-region step's boundary phase (H d). */
  hred: Float64Array;
  /** Work vectors of the geometry step. */
  alt: { hcol: Float64Array; glag: Float64Array; cand: Float64Array; hv2: Float64Array; fixed: Uint8Array };
}

export function createState(n: number): BobyqaState {
  const npt = 2 * n + 1;
  const nptm = npt - n - 1;
  return {
    n, npt, nptm,
    xbase: new Float64Array(n),
    xpt: new Float64Array(npt * n),
    fval: new Float64Array(npt),
    kopt: 0,
    xopt: new Float64Array(n),
    gopt: new Float64Array(n),
    hq: new Float64Array(n * n),
    pq: new Float64Array(npt),
    bmat: new Float64Array((npt + n) * n),
    zmat: new Float64Array(npt * nptm),
    sl: new Float64Array(n),
    su: new Float64Array(n),
    vlag: new Float64Array(npt + n),
    wk: new Float64Array(npt + n),
    hv: new Float64Array(n),
    hred: new Float64Array(n),
    alt: {
      hcol: new Float64Array(npt), glag: new Float64Array(n), cand: new Float64Array(n),
      hv2: new Float64Array(n), fixed: new Uint8Array(n),
    },
  };
}

/** out = ∇²Q v = HQ v + Σ_k pq_k (y_k·v) y_k. */
export function hessVec(s: BobyqaState, v: ArrayLike<number>, out: Float64Array): void {
  const { n, npt, xpt, hq, pq } = s;
  for (let i = 0; i < n; i++) {
    let t = 0;
    for (let j = 0; j < n; j++) t += hq[i * n + j] * v[j];
    out[i] = t;
  }
  for (let k = 0; k < npt; k++) {
    if (pq[k] === 0) continue;
    let t = 0;
    for (let i = 0; i < n; i++) t += xpt[k * n + i] * v[i];
    t *= pq[k];
    for (let i = 0; i < n; i++) out[i] += t * xpt[k * n + i];
  }
}

/** Q(xopt + d) − Q(xopt) = goptᵀd + ½ dᵀ∇²Q d. */
export function modelChange(s: BobyqaState, d: Float64Array): number {
  hessVec(s, d, s.hv);
  let g = 0;
  let h = 0;
  for (let i = 0; i < s.n; i++) {
    g += s.gopt[i] * d[i];
    h += d[i] * s.hv[i];
  }
  return g + 0.5 * h;
}

/** Ω_kj = Σ_m Z_km Z_jm. */
export function omega(s: BobyqaState, k: number, j: number): number {
  const { nptm, zmat } = s;
  let t = 0;
  for (let m = 0; m < nptm; m++) t += zmat[k * nptm + m] * zmat[j * nptm + m];
  return t;
}

/**
 * For the trial point xopt + d, fill `s.vlag` with H·(w(xopt+d) − w(xopt)) + e_kopt, i.e. the values of
 * the Lagrange functions at the trial point (first npt entries), and return
 *   β = ½|x|⁴ − w(x)ᵀ H w(x),
 * evaluated through the difference w(x) − w(xopt) for accuracy (Powell's formulation).
 */
export function vlagBeta(s: BobyqaState, d: Float64Array): number {
  const { n, npt, nptm, xpt, xopt, bmat, zmat, vlag, wk } = s;
  let xoptsq = 0;
  let dsq = 0;
  let dx = 0;
  for (let i = 0; i < n; i++) {
    xoptsq += xopt[i] * xopt[i];
    dsq += d[i] * d[i];
    dx += d[i] * xopt[i];
  }
  for (let k = 0; k < npt; k++) {
    let sa = 0;
    let sb = 0;
    let sg = 0;
    for (let i = 0; i < n; i++) {
      const y = xpt[k * n + i];
      sa += y * d[i];
      sb += y * xopt[i];
      sg += bmat[k * n + i] * d[i];
    }
    wk[k] = sa * (0.5 * sa + sb);
    vlag[k] = sg;
  }
  let beta = 0;
  for (let m = 0; m < nptm; m++) {
    let t = 0;
    for (let k = 0; k < npt; k++) t += zmat[k * nptm + m] * wk[k];
    beta -= t * t;
    for (let k = 0; k < npt; k++) vlag[k] += t * zmat[k * nptm + m];
  }
  let bsum = 0;
  for (let j = 0; j < n; j++) {
    let t = 0;
    for (let k = 0; k < npt; k++) t += wk[k] * bmat[k * n + j];
    bsum += t * d[j];
    for (let i = 0; i < n; i++) t += bmat[(npt + i) * n + j] * d[i];
    vlag[npt + j] = t;
    bsum += t * d[j];
  }
  beta = dx * dx + dsq * (xoptsq + dx + dx + 0.5 * dsq) + beta - bsum;
  vlag[s.kopt] += 1;
  return beta;
}

/**
 * Replace interpolation point `knew` in H by the point whose `vlag`/`beta` were computed last
 * (Powell's updating formula, NEWUOA eq. 4.11, with Ω kept factored as Z Zᵀ):
 *   H⁺ = H + [α v vᵀ − β h hᵀ − τ(h vᵀ + v hᵀ)]/σ,  v = Hw − e, h = H e, τ = vlag_knew, α = Ω_knew,knew,
 *   σ = αβ + τ².
 * Requires σ > 0.
 */
export function updateH(s: BobyqaState, knew: number, beta: number, denom: number): void {
  const { n, npt, nptm, zmat, bmat, vlag, wk } = s;
  // Rotate Z so that row knew has a single nonzero (column 0).
  for (let j = 1; j < nptm; j++) {
    const zj = zmat[knew * nptm + j];
    if (zj === 0) continue;
    const z0 = zmat[knew * nptm];
    const r = Math.hypot(z0, zj);
    const ca = z0 / r;
    const cb = zj / r;
    for (let i = 0; i < npt; i++) {
      const a = zmat[i * nptm];
      const b = zmat[i * nptm + j];
      zmat[i * nptm] = ca * a + cb * b;
      zmat[i * nptm + j] = ca * b - cb * a;
    }
    zmat[knew * nptm + j] = 0;
  }
  const zk = zmat[knew * nptm];
  for (let i = 0; i < npt; i++) wk[i] = zk * zmat[i * nptm];
  const alpha = wk[knew];
  const tau = vlag[knew];
  vlag[knew] -= 1;
  const sq = Math.sqrt(denom);
  const tb = zk / sq;
  const ta = tau / sq;
  for (let i = 0; i < npt; i++) zmat[i * nptm] = ta * zmat[i * nptm] - tb * vlag[i];
  for (let j = 0; j < n; j++) {
    const jp = npt + j;
    wk[jp] = bmat[knew * n + j];
    const a = (alpha * vlag[jp] - tau * wk[jp]) / denom;
    const b = (-beta * wk[jp] - tau * vlag[jp]) / denom;
    for (let i = 0; i <= jp; i++) {
      bmat[i * n + j] += a * vlag[i] + b * wk[i];
      if (i >= npt) bmat[jp * n + (i - npt)] = bmat[i * n + j];
    }
  }
}

/**
 * Move xbase to xbase + xopt. Ω is invariant under the shift; the gradients of the Lagrange functions
 * move to the new base (Ξ'_k = Ξ_k + ∇²ℓ_k·s), Υ is recomputed from Υ = −Ξ A Ξᵀ, and the implicit
 * Hessian's change is moved into HQ: HQ += Σ_k pq_k (v_k sᵀ + s v_kᵀ), v_k = y_k − s/2.
 */
export function shiftBase(s: BobyqaState): void {
  const { n, npt, nptm, xpt, xopt, bmat, zmat, hq, pq } = s;
  const sh = Float64Array.from(xopt);
  const u = new Float64Array(npt * n);
  const c = new Float64Array(npt);
  for (let k = 0; k < npt; k++) {
    let t = 0;
    for (let i = 0; i < n; i++) {
      const v = xpt[k * n + i] - 0.5 * sh[i];
      u[k * n + i] = v;
      t += v * sh[i];
    }
    c[k] = t;
  }
  // HQ update
  for (let k = 0; k < npt; k++) {
    const p = pq[k];
    if (p === 0) continue;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) hq[i * n + j] += p * (u[k * n + i] * sh[j] + sh[i] * u[k * n + j]);
  }
  // Ξ update: column k += Σ_m Z_km V_m, V_m = Σ_j Z_jm c_j u_j
  const V = new Float64Array(nptm * n);
  for (let m = 0; m < nptm; m++)
    for (let j = 0; j < npt; j++) {
      const t = zmat[j * nptm + m] * c[j];
      for (let i = 0; i < n; i++) V[m * n + i] += t * u[j * n + i];
    }
  for (let k = 0; k < npt; k++)
    for (let m = 0; m < nptm; m++) {
      const z = zmat[k * nptm + m];
      for (let i = 0; i < n; i++) bmat[k * n + i] += z * V[m * n + i];
    }
  // shift points and bounds
  for (let k = 0; k < npt; k++) for (let i = 0; i < n; i++) xpt[k * n + i] -= sh[i];
  for (let i = 0; i < n; i++) {
    s.xbase[i] += sh[i];
    s.sl[i] -= sh[i];
    s.su[i] -= sh[i];
    xopt[i] = 0;
  }
  // Υ_xx = −Ξ_x A Ξ_xᵀ with A_kj = ½(y_k·y_j)²
  const A = new Float64Array(npt * npt);
  for (let k = 0; k < npt; k++)
    for (let j = 0; j <= k; j++) {
      let t = 0;
      for (let i = 0; i < n; i++) t += xpt[k * n + i] * xpt[j * n + i];
      A[k * npt + j] = A[j * npt + k] = 0.5 * t * t;
    }
  const AX = new Float64Array(npt * n); // A Ξ_xᵀ, npt × n
  for (let k = 0; k < npt; k++)
    for (let j = 0; j < npt; j++) {
      const a = A[k * npt + j];
      for (let i = 0; i < n; i++) AX[k * n + i] += a * bmat[j * n + i];
    }
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let t = 0;
      for (let k = 0; k < npt; k++) t += bmat[k * n + i] * AX[k * n + j];
      bmat[(npt + i) * n + j] = -t;
    }
}

/**
 * Apply the model and Lagrange-function changes after point `knew` was replaced by `xnew` (value f),
 * with `diff` = f − Q(xnew) computed before the replacement. H must already be updated.
 * The new model is Q + diff·ℓ_knew (the least-Frobenius-norm change of ∇²Q).
 */
export function replacePoint(
  s: BobyqaState, knew: number, xnew: Float64Array, f: number, diff: number,
): void {
  const { n, npt, xpt, hq, pq, gopt, xopt, bmat } = s;
  const p = pq[knew];
  if (p !== 0) {
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) hq[i * n + j] += p * xpt[knew * n + i] * xpt[knew * n + j];
    pq[knew] = 0;
  }
  for (let i = 0; i < n; i++) xpt[knew * n + i] = xnew[i];
  s.fval[knew] = f;
  for (let i = 0; i < n; i++) gopt[i] += diff * bmat[knew * n + i];
  for (let k = 0; k < npt; k++) {
    const t = diff * omega(s, k, knew);
    pq[k] += t;
    let yx = 0;
    for (let i = 0; i < n; i++) yx += xpt[k * n + i] * xopt[i];
    const w = t * yx;
    for (let i = 0; i < n; i++) gopt[i] += w * xpt[k * n + i];
  }
  if (knew === s.kopt || f < s.fval[s.kopt]) {
    // move xopt: gopt ← gopt + ∇²Q (xnew − xopt), with the updated Hessian
    const dd = s.alt.cand;
    for (let i = 0; i < n; i++) dd[i] = xnew[i] - xopt[i];
    hessVec(s, dd, s.hv);
    for (let i = 0; i < n; i++) {
      gopt[i] += s.hv[i];
      xopt[i] = xnew[i];
    }
    s.kopt = knew;
  }
}
