/**
 * The GLMM working state: data, family, the two weighted block systems and preallocated scratch,
 * plus the linear-predictor kernels η = o + Xβ + ZΛ_θu used by PIRLS and AGQ.
 */
import type { Family } from "../family/types";
import type { ModelMatrices } from "../frame/model-matrices";
import { fillT, orderTerms, type OrderedTerm } from "../lmm/terms";
import { createWeightedSystem, type WeightedSystem } from "./system";

export interface GlmmModel {
  mm: ModelMatrices;
  family: Family;
  terms: OrderedTerm[];
  n: number;
  p: number;
  /** Total number of random effects q = Σ q_t; u is stored term by term, level-major. */
  q: number;
  /** Start of term t in u. */
  uOff: number[];
  y: Float64Array;
  wt: Float64Array;
  off: Float64Array;
  X: Float64Array;
  joint: WeightedSystem;
  uonly: WeightedSystem;
  /** A single scalar random-effects term: PIRLS over u takes the diagonal fast path. */
  scalar: boolean;
  /** Scratch for the scalar joint step: Σ wz[x, r] per level (ℓ × (p+1)). */
  cg: Float64Array;
  /** One row of [X r] (length p + 1). */
  xrow: Float64Array;
  /** T_t per term (p_t × p_t, column-major lower). */
  T: Float64Array[];
  /**
   * Per-row saturated constant sᵢ = −2 log p(yᵢ | μ = yᵢ), so that −2 log p(yᵢ | μ) = dᵢ(μ) + sᵢ
   * (the deviance is twice the log-likelihood ratio to the saturated model); Σ sᵢ is lme4's
   * offset between its nAGQ > 1 log-likelihood and the absolute one (cbpp: 83.95671).
   */
  sat: Float64Array;
  satSum: number;
  /** lme4's starting linear predictor g(mustart) (stage 1 restarts from it every evaluation). */
  eta0: Float64Array;
  // scratch, reused by every evaluation
  eta: Float64Array;
  mu: Float64Array;
  w: Float64Array;
  r: Float64Array;
  xb: Float64Array;
  zb: Float64Array;
  u: Float64Array;
  uOld: Float64Array;
  delta: Float64Array;
  beta: Float64Array;
  betaOld: Float64Array;
  dbeta: Float64Array;
}

export function createModel(mm: ModelMatrices, family: Family): GlmmModel {
  const terms = orderTerms(mm.reTerms);
  const { n, p } = mm;
  const uOff: number[] = [];
  let q = 0;
  for (const t of terms) {
    uOff.push(q);
    q += t.q;
  }
  const wt = mm.weights ?? new Float64Array(n).fill(1);
  const eta0 = new Float64Array(n);
  for (let i = 0; i < n; i++) eta0[i] = family.linkfun(family.mustart(mm.y[i]!, wt[i]!));
  const sat = new Float64Array(n);
  let satSum = 0;
  for (let i = 0; i < n; i++) {
    sat[i] = family.aicTerm(mm.y[i]!, mm.y[i]!, wt[i]!, 1) - family.devResid(mm.y[i]!, mm.y[i]!, wt[i]!);
    satSum += sat[i]!;
  }
  return {
    mm, family, terms, n, p, q, uOff, sat, satSum,
    y: mm.y, wt, off: mm.offset ?? new Float64Array(n), X: mm.X,
    joint: createWeightedSystem(mm, terms, true),
    uonly: createWeightedSystem(mm, terms, false),
    xrow: new Float64Array(p + 1),
    scalar: terms.length === 1 && terms[0]!.p === 1,
    cg: new Float64Array(terms.length === 1 && terms[0]!.p === 1 ? terms[0]!.nl * (p + 1) : 0),
    T: terms.map((t) => new Float64Array(t.p * t.p)),
    eta0,
    eta: new Float64Array(n), mu: new Float64Array(n), w: new Float64Array(n), r: new Float64Array(n),
    xb: new Float64Array(n), zb: new Float64Array(n),
    u: new Float64Array(q), uOld: new Float64Array(q), delta: new Float64Array(q),
    beta: new Float64Array(p), betaOld: new Float64Array(p), dbeta: new Float64Array(p),
  };
}

export function setTheta(model: GlmmModel, theta: ArrayLike<number>): void {
  model.terms.forEach((t, i) => fillT(theta, t, model.T[i]!));
}

/** xb = Xβ. */
export function computeXb(model: GlmmModel, beta: ArrayLike<number>, xb: Float64Array): void {
  const { n, p, X } = model;
  xb.fill(0);
  for (let j = 0; j < p; j++) {
    const bj = beta[j]!;
    if (bj === 0) continue;
    for (let i = 0; i < n; i++) xb[i]! += X[i + j * n]! * bj;
  }
}

/** zb = Z Λ_θ u (T must be set). */
export function computeZb(model: GlmmModel, u: Float64Array, zb: Float64Array): void {
  const { n, terms, T, uOff } = model;
  zb.fill(0);
  terms.forEach((t, ti) => {
    const Tt = T[ti]!;
    const pt = t.p;
    const o = uOff[ti]!;
    if (pt === 1) {
      const s = Tt[0]!;
      const col = t.columns[0]!;
      for (let i = 0; i < n; i++) zb[i]! += col[i]! * s * u[o + t.index[i]!]!;
      return;
    }
    for (let i = 0; i < n; i++) {
      const h = o + t.index[i]! * pt;
      let s = 0;
      for (let a = 0; a < pt; a++) {
        // b_a = Σ_{l ≤ a} T[a, l] u_l
        let ba = 0;
        for (let l = 0; l <= a; l++) ba += Tt[a + l * pt]! * u[h + l]!;
        s += t.columns[a]![i]! * ba;
      }
      zb[i]! += s;
    }
  });
}

/** η = o + xb + zb, μ = g⁻¹(η); returns Σ devResid. */
export function updateMu(model: GlmmModel): number {
  const { n, family, eta, mu, off, xb, zb, y, wt } = model;
  let dev = 0;
  for (let i = 0; i < n; i++) {
    const e = off[i]! + xb[i]! + zb[i]!;
    eta[i] = e;
    const m = family.linkinv(e);
    mu[i] = m;
    dev += family.devResid(y[i]!, m, wt[i]!);
  }
  return dev;
}

export function sumSq(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return s;
}

/** Σ −2 log p(yᵢ | μᵢ) = Σ dᵢ + Σ sᵢ (the family's aic() term, on lme4's absolute scale). */
export function aicTerm(model: GlmmModel, sumDev: number): number {
  return sumDev + model.satSum;
}
