/**
 * The GLMM working state: data, family, the two weighted block systems and preallocated scratch,
 * plus the linear-predictor kernels η = o + Xβ + ZΛ_θu used by PIRLS and AGQ.
 */
import type { Family } from "../family/types";
import type { ModelMatrices } from "../frame/model-matrices";
import { fillT, orderTerms, type OrderedTerm } from "../lmm/terms";
import { createSparseScalar, type SparseScalar } from "./sparse";
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
  /**
   * The blocked weighted systems (with [X r] / with [r] only). Built with the model unless it takes the
   * sparse or the one-scalar-term path, which never need them; `blockedSystem` builds them on first use.
   */
  joint: WeightedSystem | null;
  uonly: WeightedSystem | null;
  /** A single scalar random-effects term: PIRLS over u takes the diagonal fast path. */
  scalar: boolean;
  /**
   * For `scalar`: the term's column and level index, L's diagonal L_g of the u-only and the joint
   * step, and the joint step's m × m Schur factor L_S (m = p + 1); empty otherwise. The scalar path
   * needs nothing else, so it builds no blocked system, and its hot loops read only this object (the
   * terms' and systems' objects come out of their builders with varying shapes, and every new shape
   * costs the optimised code that reads them a deoptimisation). pirls-scalar.ts exchanges these arrays
   * (and cg) with its scratch nextD, nextS (nextCg) instead of copying: read them through the model.
   */
  zc0: Float64Array;
  idx0: Int32Array;
  uL00: Float64Array;
  jL00: Float64Array;
  jS: Float64Array;
  /** Scratch for the scalar step: Σ wz[x, r] per level (ℓ × (p+1)) and L_g² per level. */
  cg: Float64Array;
  dg: Float64Array;
  /**
   * Scratch for the fused scalar iteration (pirls-scalar.ts): Σ wz², Σ wz[x, r] per level and
   * [X r]ᵀW[X r] at the latest trial point, for the next Newton step.
   */
  nextD: Float64Array;
  nextCg: Float64Array;
  nextS: Float64Array;
  /**
   * A single vector-valued random-effects term ((x | g)): PIRLS takes the per-level block path
   * (p₀ × p₀ blocks of ΛᵀZᵀWZΛ + I) without the generic blocked system.
   */
  single: boolean;
  /** Scratch for the single-term path: Σ w z zᵀ per level (ℓ × p₀ × p₀). */
  vA: Float64Array;
  /** Scratch for the single-term path: Σ w z [x, r]ᵀ per level (ℓ × p₀ × (p+1)). */
  vC: Float64Array;
  /** Scratch for the single-term path: R_g = T₀ L_g⁻ᵀ per level (ℓ × p₀ × p₀). */
  vR: Float64Array;
  /** Scratch: one row of Z's columns for term 0, a p₀ × p₀ temporary, F_g ((p+1) × p₀) and (β, −1). */
  zrow: Float64Array;
  vtmp: Float64Array;
  vF: Float64Array;
  vk: Float64Array;
  /** One row of [X r] (length p + 1), and the positions of its nonzero X entries (then p). */
  xrow: Float64Array;
  xnz: Int32Array;
  /** T_t per term (p_t × p_t, column-major lower). */
  T: Float64Array[];
  /**
   * Several scalar terms whose sparse factor is much cheaper than the blocked system's dense blocks
   * (nested or small designs): PIRLS steps go through sparse.ts; null otherwise.
   */
  sparse: SparseScalar | null;
  /** θ_t per term for the sparse path (Λ's diagonal value of each scalar term). */
  lam: Float64Array;
  /**
   * Per-row saturated constant sᵢ = −2 log p(yᵢ | μ = yᵢ), so that −2 log p(yᵢ | μ) = dᵢ(μ) + sᵢ
   * (the deviance is twice the log-likelihood ratio to the saturated model); Σ sᵢ is lme4's
   * offset between its nAGQ > 1 log-likelihood and the absolute one (cbpp: 83.95671).
   */
  sat: Float64Array;
  satSum: number;
  /**
   * Per-row constants of the kernels' deviance: binomial y log y + (1−y) log(1−y), poisson y log y
   * (0 log 0 = 0), and for binomial the rows with y ∈ {0, 1} and weight 1 (see updateMu).
   */
  ylogy: Float64Array;
  bern: Uint8Array;
  /**
   * The rounding floor of Σ dᵢ as updateMu computes it: 16ε·Σ 2wtᵢ(yᵢ(2 + |log yᵢ|) + 1), the size of the
   * terms that cancel in each dᵢ. PIRLS allows a deviance increase of this much when it halves steps,
   * and counts a change below it as converged: with counts near 1e8 the deviance at the mode is ~1e-4
   * while the rounding in Σ dᵢ is ~1e-5, and a relative rule alone would never be met.
   */
  devNoise: number;
  /** lme4's starting linear predictor g(mustart) (stage 1 restarts from it every evaluation). */
  eta0: Float64Array;
  /** g⁻¹(eta0), computed once. */
  mu0: Float64Array;
  /**
   * Binomial kernel: e^η for the current η (the value linkinv and muEta both compute, so
   * workingValues reuses updateMu's), and the same for eta0 and the last startEta.
   */
  ex: Float64Array;
  ex0: Float64Array;
  startEx: Float64Array;
  /** The last starting linear predictor given to pirlsU and g⁻¹ of it (stage 2 restarts from the same one). */
  startEta: Float64Array | null;
  startMu: Float64Array;
  /** model.u and model.beta hold a converged joint (nAGQ = 0) mode that `pirlsJoint(…, warm)` may start from. */
  jointWarm: boolean;
  /**
   * Inlined family kernels for the hot loops: 1 = binomial/logit, 2 = poisson/log (the Family
   * object's formulas written out, bit for bit), 0 = calls through the Family object.
   */
  kernel: 0 | 1 | 2;
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
  const ylogy = new Float64Array(n);
  const bern = new Uint8Array(n);
  const xlogx = (v: number): number => (v === 0 ? 0 : v * Math.log(v));
  for (let i = 0; i < n; i++) {
    const yi = mm.y[i]!;
    ylogy[i] = family.name === "binomial" ? xlogx(yi) + xlogx(1 - yi) : xlogx(yi);
    bern[i] = family.name === "binomial" && (yi === 0 || yi === 1) && wt[i] === 1 ? 1 : 0;
  }
  let mag = 0;
  for (let i = 0; i < n; i++) {
    const yi = mm.y[i]!;
    mag += 2 * wt[i]! * (yi * (2 + Math.abs(Math.log(Math.max(yi, 1e-300)))) + 1);
  }
  const mu0 = new Float64Array(n);
  for (let i = 0; i < n; i++) mu0[i] = family.linkinv(eta0[i]!);
  const kernel = family.name === "binomial" && family.link === "logit" ? 1 : family.name === "poisson" && family.link === "log" ? 2 : 0;
  const ex0 = new Float64Array(kernel === 1 ? n : 0);
  const sparse = chooseSparse(terms, uOff, q, n, p);
  if (kernel === 1) expEta(eta0, ex0);
  const scalar = terms.length === 1 && terms[0]!.p === 1;
  // the sparse path and the one-scalar-term path (uL00, jL00, jS) never need the blocked systems
  const joint = sparse || scalar ? null : createWeightedSystem(mm, terms, true);
  const uonly = sparse || scalar ? null : createWeightedSystem(mm, terms, false);
  const empty = new Float64Array(0);
  return {
    mm, family, terms, n, p, q, uOff, sat, satSum, ylogy, bern, devNoise: 16 * EPS * mag, mu0, startEta: null, startMu: new Float64Array(n), jointWarm: false, kernel,
    ex: new Float64Array(kernel === 1 ? n : 0), ex0, startEx: new Float64Array(kernel === 1 ? n : 0),
    y: mm.y, wt, off: mm.offset ?? new Float64Array(n), X: mm.X,
    joint, uonly,
    xrow: new Float64Array(p + 1),
    xnz: new Int32Array(p + 1),
    scalar,
    zc0: scalar ? terms[0]!.columns[0]! : empty,
    idx0: scalar ? terms[0]!.index : new Int32Array(0),
    uL00: scalar ? new Float64Array(terms[0]!.nl) : empty,
    jL00: scalar ? new Float64Array(terms[0]!.nl) : empty,
    jS: scalar ? new Float64Array((p + 1) * (p + 1)) : empty,
    cg: new Float64Array(terms.length === 1 && terms[0]!.p === 1 ? terms[0]!.nl * (p + 1) : 0),
    dg: new Float64Array(terms.length === 1 && terms[0]!.p === 1 ? terms[0]!.nl : 0),
    nextD: new Float64Array(terms.length === 1 && terms[0]!.p === 1 ? terms[0]!.nl : 0),
    nextCg: new Float64Array(scalar ? terms[0]!.nl * (p + 1) : 0),
    nextS: new Float64Array(scalar ? (p + 1) * (p + 1) : 0),
    single: terms.length === 1 && terms[0]!.p > 1,
    vA: new Float64Array(terms.length === 1 && terms[0]!.p > 1 ? terms[0]!.nl * terms[0]!.p * terms[0]!.p : 0),
    vC: new Float64Array(terms.length === 1 && terms[0]!.p > 1 ? terms[0]!.nl * terms[0]!.p * (p + 1) : 0),
    vR: new Float64Array(terms.length === 1 && terms[0]!.p > 1 ? terms[0]!.nl * terms[0]!.p * terms[0]!.p : 0),
    zrow: new Float64Array(terms[0]!.p),
    vF: new Float64Array(terms[0]!.p * (p + 1)),
    vk: new Float64Array(p + 1),
    vtmp: new Float64Array(terms[0]!.p * Math.max(terms[0]!.p, p + 1)),
    T: terms.map((t) => new Float64Array(t.p * t.p)),
    sparse,
    lam: new Float64Array(terms.length),
    eta0,
    eta: new Float64Array(n), mu: new Float64Array(n), w: new Float64Array(n), r: new Float64Array(n),
    xb: new Float64Array(n), zb: new Float64Array(n),
    u: new Float64Array(q), uOld: new Float64Array(q), delta: new Float64Array(q),
    beta: new Float64Array(p), betaOld: new Float64Array(p), dbeta: new Float64Array(p),
  };
}

/** The blocked weighted system, built on first use (see GlmmModel.joint). */
export function blockedSystem(model: GlmmModel, joint: boolean): WeightedSystem {
  if (joint) return (model.joint ??= createWeightedSystem(model.mm, model.terms, true));
  return (model.uonly ??= createWeightedSystem(model.mm, model.terms, false));
}

export function setTheta(model: GlmmModel, theta: ArrayLike<number>): void {
  if (model.scalar) {
    model.T[0]![0] = theta[0]!; // fillT for the one 1 × 1 term (θ offset 0), without reading the term object
    return;
  }
  model.terms.forEach((t, i) => fillT(theta, t, model.T[i]!));
  if (model.sparse) for (let t = 0; t < model.terms.length; t++) model.lam[t] = model.T[t]![0]!;
}

/**
 * The sparse path for ≥ 2 scalar terms when its factorization costs less than the blocked system's
 * dense trailing blocks (≈ D³/3 flops, D = Σ_{t ≥ 1} q_t), or is small anyway (then its lower
 * overhead wins). Crossed designs with large factors fill L in and stay on the blocked kernels.
 */
function chooseSparse(terms: OrderedTerm[], uOff: number[], q: number, n: number, p: number): SparseScalar | null {
  if (terms.length < 2 || terms.some((t) => t.p !== 1)) return null;
  let D = 0;
  for (let t = 1; t < terms.length; t++) D += terms[t]!.q;
  if (q > 1e5) return null; // the symbolic analysis keeps one JS array per column
  const sp = createSparseScalar(terms, uOff, q, n, p);
  return sp.flops < 2e5 || sp.flops < (D * D * D) / 3 ? sp : null;
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
    if (pt === 2) {
      // unrolled, with the general loop's additions (0 + …) kept so the bits are the same
      const t00 = Tt[0]!;
      const t10 = Tt[1]!;
      const t11 = Tt[3]!;
      const z0 = t.columns[0]!;
      const z1 = t.columns[1]!;
      const idx = t.index;
      for (let i = 0; i < n; i++) {
        const h = o + idx[i]! * 2;
        const u0 = u[h]!;
        const u1 = u[h + 1]!;
        const b0 = 0 + t00 * u0;
        const b1 = 0 + t10 * u0 + t11 * u1;
        zb[i]! += 0 + z0[i]! * b0 + z1[i]! * b1;
      }
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

/** ex[i] = e^η[i] where the binomial kernel uses it (|η| ≤ 30; the clamped values elsewhere, unused). */
export function expEta(eta: Float64Array, ex: Float64Array): void {
  for (let i = 0; i < eta.length; i++) {
    const e = eta[i]!;
    ex[i] = e < -THRESH ? EPS : e > THRESH ? 1 / EPS : Math.exp(e);
  }
}

/** R's .Machine$double.eps and the logit link's clamping threshold (as in family/families.ts). */
const EPS = 2.220446049250313e-16;
const THRESH = 30;

/** g⁻¹(η) by the model's kernel (the Family object's formula, inlined for binomial and poisson). */
export function linkinvOf(model: GlmmModel, e: number): number {
  if (model.kernel === 1) {
    const ex = e < -THRESH ? EPS : e > THRESH ? 1 / EPS : Math.exp(e);
    return ex / (1 + ex);
  }
  if (model.kernel === 2) return Math.max(Math.exp(e), EPS);
  return model.family.linkinv(e);
}

/** The deviance residual d(y, μ) by the model's kernel (the Family object's formula, inlined). */
export function devResidOf(model: GlmmModel, y: number, m: number, wt: number): number {
  if (model.kernel === 1) {
    const y1 = 1 - y;
    return 2 * wt * ((y === 0 ? 0 : y * Math.log(y / m)) + (y1 === 0 ? 0 : y1 * Math.log((1 - y) / (1 - m))));
  }
  if (model.kernel === 2) return 2 * wt * ((y === 0 ? 0 : y * Math.log(y / m)) - (y - m));
  return model.family.devResid(y, m, wt);
}

/** log ε: log μ of the clamped values (see updateMu). */
const LOG_EPS = Math.log(EPS);
/**
 * Poisson counts from here on take y·log(y/μ) (one log) in updateMu: y log y − y·η has an absolute
 * rounding error of ~y·|log y|·ε, 1e-12 at y = 1000 but 2e-7 at 1e8.
 */
const BIG_COUNT = 1000;

/**
 * η = o + xb + zb, μ = g⁻¹(η); returns Σ devResid. The inlined kernels evaluate the deviance with as
 * few logarithms as the identities below allow (a log costs as much as the rest of a row together),
 * equal to the Family objects' formulas up to rounding:
 * - poisson/log: dᵢ = 2wt[y log y − y·log μ − (y − μ)] with log μ = η (no log per row; log ε where μ is
 *   clamped at ε), for y < BIG_COUNT;
 * - binomial/logit: with e^η (clamped at |η| ≤ 30 as linkinv does) and s = log(1 + e^η),
 *   log μ = log e^η − s and log(1 − μ) = −s, so dᵢ = 2wt[y log y + (1−y) log(1−y) − y·log e^η + s]:
 *   one log1p per row instead of two logs;
 * - binomial rows with y ∈ {0, 1} and weight 1 (Bernoulli): dᵢ = −2 log pᵢ with pᵢ = μ or 1 − μ =
 *   1/(1 + e^η), so Σ dᵢ = −2 log Π pᵢ: the product is taken in chunks (logged before it falls below
 *   1e-280, pᵢ ≥ ε/2 keeps it normal) — one log per few hundred rows.
 */
export function updateMu(model: GlmmModel): number {
  const { n, family, eta, mu, off, xb, zb, y, wt } = model;
  let dev = 0;
  if (model.kernel === 1) {
    const exs = model.ex;
    const { ylogy, bern } = model;
    let prod = 1;
    let logs = 0;
    for (let i = 0; i < n; i++) {
      const e = off[i]! + xb[i]! + zb[i]!;
      eta[i] = e;
      const clamped = e < -THRESH || e > THRESH;
      const ex = e < -THRESH ? EPS : e > THRESH ? 1 / EPS : Math.exp(e);
      exs[i] = ex;
      const m = ex / (1 + ex);
      mu[i] = m;
      const yi = y[i]!;
      if (bern[i] === 1) {
        prod *= yi === 0 ? 1 / (1 + ex) : m;
        if (prod < 1e-280) {
          logs += Math.log(prod);
          prod = 1;
        }
      } else dev += 2 * wt[i]! * (ylogy[i]! - yi * (clamped ? Math.log(ex) : e) + Math.log1p(ex));
    }
    return dev - 2 * (logs + Math.log(prod));
  }
  if (model.kernel === 2) {
    const ylogy = model.ylogy;
    for (let i = 0; i < n; i++) {
      const e = off[i]! + xb[i]! + zb[i]!;
      eta[i] = e;
      const ex = Math.exp(e);
      const m = Math.max(ex, EPS);
      mu[i] = m;
      const yi = y[i]!;
      // y log y − y·η loses |log y| digits to cancellation, so large counts keep y·log(y/μ)
      dev += 2 * wt[i]! * ((yi === 0 ? 0 : yi < BIG_COUNT ? ylogy[i]! - yi * (ex < EPS ? LOG_EPS : e) : yi * Math.log(yi / m)) - (yi - m));
    }
    return dev;
  }
  for (let i = 0; i < n; i++) {
    const e = off[i]! + xb[i]! + zb[i]!;
    eta[i] = e;
    const m = family.linkinv(e);
    mu[i] = m;
    dev += family.devResid(y[i]!, m, wt[i]!);
  }
  return dev;
}

/**
 * Working weights w = wt·(dμ/dη)²/V(μ) and the working residual
 * r = (η − o − fixedPart) + (y − μ)/(dμ/dη), with fixedPart = xb unless β is solved jointly.
 */
export function workingValues(model: GlmmModel, joint: boolean): void {
  const { n, family, eta, mu, y, wt, w, r, off, xb } = model;
  if (model.kernel === 1) {
    // e^η as updateMu (or the start) left it in model.ex: muEta's own exp, computed once
    const exs = model.ex;
    for (let i = 0; i < n; i++) {
      const e = eta[i]!;
      let me: number;
      if (e > THRESH || e < -THRESH) me = EPS;
      else {
        const ex = exs[i]!;
        me = ex / ((1 + ex) * (1 + ex));
      }
      const m = mu[i]!;
      w[i] = (wt[i]! * me * me) / (m * (1 - m));
      r[i] = e - off[i]! - (joint ? 0 : xb[i]!) + (y[i]! - m) / me;
    }
    return;
  }
  if (model.kernel === 2) {
    // log link: dμ/dη = max(e^η, ε) is μ itself (the same expression as linkinv)
    for (let i = 0; i < n; i++) {
      const e = eta[i]!;
      const m = mu[i]!;
      const me = m;
      w[i] = (wt[i]! * me * me) / m;
      r[i] = e - off[i]! - (joint ? 0 : xb[i]!) + (y[i]! - m) / me;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const me = family.muEta(eta[i]!);
    w[i] = (wt[i]! * me * me) / family.variance(mu[i]!);
    r[i] = eta[i]! - off[i]! - (joint ? 0 : xb[i]!) + (y[i]! - mu[i]!) / me;
  }
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
