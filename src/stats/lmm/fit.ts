/**
 * fitLmm: lme4's `lmer` for a numeric ModelMatrices (mixed-models.md §1, §8).
 *
 * 1. Order terms as mkReTrms does; θ₀ = identity templates, lower bound 0 on diagonal elements.
 * 2. Precompute A = [Z X y]ᵀW[Z X y] once; each objective evaluation is `updateL` + the profiled
 *    ML deviance or REML criterion (§1.4).
 * 3. BOBYQA with nloptwrap's settings (NPT = 2n+1, NLopt initial steps, xtol_abs = ftol_abs = 1e-8,
 *    maxeval = 1e5), then lme4's restart_edge and boundary.tol = 1e-5 polishing (§1.5).
 * 4. Singular rule (§1.6): any diagonal θ < 1e-4; otherwise the scaled-gradient convergence check.
 */
import type { ModelMatrices } from "../frame/model-matrices";
import { bobyqa } from "../optim/bobyqa";
import type { FitLogRow, OptSummary } from "../optim/summary";
import { buildSystem } from "./blocks";
import { checkGradient } from "./convergence";
import { createWork, profiledCriterion, updateL } from "./factor";
import { coefGroups, ranefGroups, varCorrRows } from "./output";
import { condVarBlocks, solveBetaU } from "./solve";
import { fillReducingLevels, restoreLevelOrder, type LevelOrder } from "./level-order";
import { fillT, orderTerms, thetaStartAndLower, usableStart } from "./terms";
import type { FixefRow, LmmConvergence, LmmEstimates, LmmFit, LmmOptions } from "./types";
import type { BlockedSystem } from "./blocks";
import type { OrderedTerm } from "./terms";
import { fitLm } from "../lm/lm";

/** lme4's tolerance for isSingular(). */
export const SINGULAR_TOL = 1e-4;
/** lme4's boundary.tol: θ this close to its bound is tried at the bound. */
export const BOUNDARY_TOL = 1e-5;

/**
 * Why the criterion cannot be evaluated even at the start: a response the fixed effects fit exactly
 * (pwrss = 0, so log σ̂² is −∞), or values so large that their squares overflow.
 */
function unusableResponse(mm: ModelMatrices, pwrss: number | undefined): string {
  let largest = 0;
  for (let i = 0; i < mm.n; i++) largest = Math.max(largest, Math.abs(mm.y[i]!));
  if (!Number.isFinite(largest) || largest > 1e150 || pwrss === Infinity) {
    return `the response's values are too large to compute with (up to ${largest.toPrecision(3)}): rescale it, e.g. divide by a power of 10`;
  }
  // The factorization fails (pwrss undefined) when y lies in the span of X: check with least squares.
  let total = 0;
  for (let i = 0; i < mm.n; i++) total += mm.y[i]! * mm.y[i]!;
  const rss = pwrss ?? fitLm(mm).deviance;
  if (!(rss > 1e-24 * total)) {
    return "the fixed effects fit the response exactly (no residual variation left), so there is no variance for a mixed model to estimate";
  }
  return "the model cannot be evaluated at its starting values: check the response and predictors for extreme values";
}

/** Initial steps from a warm start: a tenth of each θ, at least 0.05 (see LmmOptions.start). */
const WARM_STEP_FRACTION = 0.1;
const WARM_STEP_MIN = 0.05;

/**
 * lmer without what a fit gives per level and per observation (conditional modes, coef, fitted
 * values, residuals): the estimates, their standard errors and the fit's criteria. A sweep refits
 * hundreds of replicates and reads only these.
 */
export function fitLmmEstimates(mm: ModelMatrices, options: LmmOptions = {}): LmmEstimates {
  return optimise(mm, options).estimates;
}

export function fitLmm(mm: ModelMatrices, options: LmmOptions = {}): LmmFit {
  const optimum = optimise(mm, options);
  return { ...optimum.estimates, ...perLevelAndObservation(mm, options, optimum) };
}

/** The optimum: the estimates, and what the per-level and per-observation outputs are computed from. */
interface Optimum {
  estimates: LmmEstimates;
  sys: BlockedSystem;
  terms: OrderedTerm[];
  /** The fill-reducing order of a block's levels in `sys`, if any. */
  order: LevelOrder | null;
  beta: Float64Array | number[];
  /** Spherical conditional modes ũ per term, in the system's level order. */
  u: ArrayLike<number>[];
  sigma: number;
}

function optimise(mm: ModelMatrices, options: LmmOptions): Optimum {
  const REML = options.REML ?? true;
  if (mm.reTerms.length === 0) throw new Error("fitLmm: the model has no random-effects terms");
  const { n, p } = mm;
  if (n <= p) throw new Error("fitLmm: not enough observations for the fixed effects");
  const terms = orderTerms(mm.reTerms);
  for (const t of terms)
    if (t.nl >= n) throw new Error(`fitLmm: number of levels of ${t.group} (${t.nl}) must be < number of observations (${n})`);
  // the system may hold term 1's levels in a fill-reducing order; results are mapped back below
  const { systemTerms, order } = fillReducingLevels(terms);
  const sys = buildSystem(mm, systemTerms, order ? [order] : []);
  const work = createWork(sys);
  const { theta0: coldStart, lower } = thetaStartAndLower(terms);
  const warm = usableStart(options.start, lower);
  const theta0 = warm ?? coldStart;
  const objective = (theta: ArrayLike<number>): number => {
    const pls = updateL(sys, theta, work);
    return pls ? profiledCriterion(pls, n, p, sys.sumLogW, REML) : NaN;
  };

  const start = objective(theta0);
  if (!Number.isFinite(start)) throw new Error(unusableResponse(mm, updateL(sys, theta0, work)?.pwrss));

  const optOptions = {
    lower,
    xtolAbs: options.xtolAbs ?? 1e-8,
    ftolAbs: options.ftolAbs ?? 1e-8,
    maxeval: options.maxeval ?? 1e5,
    log: options.log ?? true,
    ...(warm ? { initialStep: warm.map((t) => Math.max(WARM_STEP_MIN, Math.abs(t) * WARM_STEP_FRACTION)) } : {}),
  };
  let opt: OptSummary = bobyqa(objective, theta0, optOptions);
  const messages: string[] = [];
  let theta = [...opt.finalTheta];
  let fmin = opt.fMin;

  // restart_edge: a θ exactly on its bound whose one-sided derivative is negative → restart once
  const edgeDerivNeg = theta.some((v, i) => {
    if (lower[i] !== 0 || v !== 0) return false;
    const th = [...theta];
    th[i] = 1e-5;
    return (objective(th) - fmin) / 1e-5 < 0;
  });
  if (edgeDerivNeg) {
    const again = bobyqa(objective, theta, optOptions);
    const log: FitLogRow[] = [...opt.fitLog, ...again.fitLog];
    if (again.fMin <= fmin) {
      theta = [...again.finalTheta];
      fmin = again.fMin;
    }
    opt = { ...again, initialTheta: opt.initialTheta, fInitial: opt.fInitial, nEval: opt.nEval + again.nEval, fitLog: log, finalTheta: [...theta], fMin: fmin };
  }
  // boundary.tol: try near-bound θ at the bound
  const near = theta.map((v, i) => lower[i] === 0 && v > 0 && v < BOUNDARY_TOL);
  if (near.some(Boolean)) {
    const th = theta.map((v, i) => (near[i] ? 0 : v));
    const f2 = objective(th);
    if (f2 <= fmin) {
      theta = th;
      fmin = f2;
      opt = { ...opt, finalTheta: [...th], fMin: f2 };
    }
  }

  const singular = theta.some((v, i) => lower[i] === 0 && v < SINGULAR_TOL);
  let converged = opt.returnReason !== "maxeval_reached";
  if (!converged) messages.push(`convergence code: maximum number of function evaluations (${opt.maxeval}) reached`);
  const convergence: LmmConvergence = { optimizer: opt.returnReason, gradientCheck: "skipped", maxGrad: null };
  if (singular) messages.push("boundary (singular) fit: see help('isSingular')");
  else if (n < 1e4 && theta.length < 10 && options.checkConvergence !== false) {
    const chk = checkGradient(objective, theta);
    convergence.maxGrad = chk.maxGrad;
    convergence.gradientCheck = chk.message === null ? "passed" : chk.maxGrad === null ? "unavailable" : "failed";
    if (chk.message) {
      messages.push(chk.message);
      converged = false;
    }
  }

  // final state at θ̂
  const pls = updateL(sys, theta, work);
  if (!pls) throw new Error("fitLmm: the fixed-effects model matrix is rank deficient at the optimum");
  const crit = profiledCriterion(pls, n, p, sys.sumLogW, REML);
  const dof = REML ? n - p : n;
  const sigma = Math.sqrt(pls.pwrss / dof);
  const { beta, u } = solveBetaU(sys);

  // vcov = σ² L_X⁻ᵀ L_X⁻¹
  const Lxy = sys.denseL[sys.k][sys.k] as Float64Array;
  const m = sys.m;
  const Linv = new Float64Array(p * p);
  for (let c = 0; c < p; c++) {
    const col = new Float64Array(p);
    col[c] = 1;
    // solve L_X x = e_c
    for (let j = 0; j < p; j++) {
      col[j] /= Lxy[j + j * m];
      for (let i = j + 1; i < p; i++) col[i] -= Lxy[i + j * m] * col[j];
    }
    Linv.set(col, c * p);
  }
  const vcov: number[][] = [];
  for (let i = 0; i < p; i++) {
    const row: number[] = [];
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let l = 0; l < p; l++) s += Linv[l + i * p] * Linv[l + j * p];
      row.push(sigma * sigma * s);
    }
    vcov.push(row);
  }
  const fixef: FixefRow[] = mm.fixedNames.map((term, i) => {
    const se = Math.sqrt(vcov[i][i]);
    return { term, estimate: beta[i], se, t: beta[i] / se };
  });

  const ngroups: Record<string, number> = {};
  for (const t of terms) ngroups[t.group] = t.nl;
  const npar = p + theta.length + 1;
  const estimates: LmmEstimates = {
    kind: "lmm",
    REML,
    formula: options.formula ?? null,
    responseName: mm.responseName,
    nobs: n,
    ngroups,
    terms: terms.map((t) => ({
      group: t.group, label: t.label, columnNames: [...t.columnNames], nlevels: t.nl, thetaOffset: t.thetaOffset,
    })),
    fixef,
    vcov,
    varcorr: varCorrRows(terms, theta, sigma),
    theta,
    sigma,
    logLik: -crit / 2,
    AIC: crit + 2 * npar,
    BIC: crit + npar * Math.log(n),
    deviance: REML ? null : crit,
    REMLcrit: REML ? crit : null,
    npar,
    dfResid: n - npar,
    singular,
    converged,
    convergence,
    messages,
    pls: { ...pls, sumLogW: sys.sumLogW },
    optimizer: { ...opt, finalTheta: [...theta], fMin: fmin },
  };
  return { estimates, sys, terms, order, beta, u, sigma };
}

/** Conditional modes (with conditional variances unless `condVar: false`), coef, fitted values and residuals at θ̂. */
function perLevelAndObservation(
  mm: ModelMatrices, options: LmmOptions, { estimates, sys, terms, order, beta, u, sigma }: Optimum,
): Pick<LmmFit, "ranef" | "coef" | "fitted" | "residuals" | "scaledResiduals"> {
  const { n, p } = mm;
  const theta = estimates.theta;
  // Each term's relative covariance factor T at θ̂, for b = T u and its conditional variances.
  const factors = terms.map((t) => {
    const T = new Float64Array(t.p * t.p);
    fillT(theta, t, T);
    return T;
  });
  const b = terms.map((t, ti) => {
    const T = factors[ti]!;
    const bt = new Float64Array(t.q);
    for (let h = 0; h < t.nl; h++)
      for (let a = 0; a < t.p; a++) {
        let s = 0;
        for (let l = 0; l <= a; l++) s += T[a + l * t.p] * u[ti][h * t.p + l];
        bt[h * t.p + a] = s;
      }
    return bt;
  });
  const doCondVar = options.condVar ?? true;
  const cv = terms.map((t, ti) => {
    if (!doCondVar) return null;
    const V = condVarBlocks(sys, ti);
    const T = factors[ti]!;
    const out = new Float64Array(t.q);
    for (let h = 0; h < t.nl; h++)
      for (let a = 0; a < t.p; a++) {
        // (T V Tᵀ)_aa
        let s = 0;
        for (let l = 0; l <= a; l++)
          for (let r = 0; r <= a; r++) s += T[a + l * t.p] * V[h * t.p * t.p + l + r * t.p] * T[a + r * t.p];
        out[h * t.p + a] = sigma * sigma * s;
      }
    return out;
  });

  // b and its conditional variances were computed in the system's level order
  if (order) {
    const t = order.block;
    b[t] = restoreLevelOrder(b[t], order.perm, terms[t].p);
    const v = cv[t];
    if (v) cv[t] = restoreLevelOrder(v, order.perm, terms[t].p);
  }

  // fitted values and residuals
  const fitted = new Array<number>(n);
  const residuals = new Array<number>(n);
  const scaledResiduals = new Array<number>(n);
  for (let r = 0; r < n; r++) {
    let mu = mm.offset ? mm.offset[r] : 0;
    for (let j = 0; j < p; j++) mu += mm.X[r + j * n] * beta[j];
    for (let ti = 0; ti < terms.length; ti++) {
      const t = terms[ti];
      const h = t.index[r];
      for (let a = 0; a < t.p; a++) mu += t.columns[a][r] * b[ti][h * t.p + a];
    }
    fitted[r] = mu;
    residuals[r] = mm.y[r] - mu;
    scaledResiduals[r] = (Math.sqrt(mm.weights ? mm.weights[r] : 1) * residuals[r]) / sigma;
  }

  const ranef = ranefGroups(terms, b, cv);
  return { ranef, coef: coefGroups(ranef, estimates.fixef), fitted, residuals, scaledResiduals };
}

/**
 * The profiled objective as a function of θ, for golden tests and profiling
 * (MixedModels.jl's `objective!(m, θ)`; lme4's `devfun`).
 */
export function lmmObjective(mm: ModelMatrices, options: { REML?: boolean } = {}): {
  objective: (theta: ArrayLike<number>) => number;
  pls: (theta: ArrayLike<number>) => { ldL2: number; ldRX2: number; pwrss: number } | null;
  theta0: number[];
  lower: number[];
} {
  const REML = options.REML ?? true;
  const terms = orderTerms(mm.reTerms);
  const { systemTerms, order } = fillReducingLevels(terms);
  const sys = buildSystem(mm, systemTerms, order ? [order] : []);
  const work = createWork(sys);
  const { theta0, lower } = thetaStartAndLower(terms);
  return {
    objective: (theta) => {
      const pls = updateL(sys, theta, work);
      return pls ? profiledCriterion(pls, mm.n, mm.p, sys.sumLogW, REML) : NaN;
    },
    pls: (theta) => updateL(sys, theta, work),
    theta0,
    lower,
  };
}
