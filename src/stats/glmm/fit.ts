/**
 * fitGlmm: lme4's `glmer` for binomial/logit and poisson/log (mixed-models.md §3, §8 items 16–21).
 *
 * 1. Stage 1 (lme4's nAGQ = 0 step): BOBYQA over θ only; every evaluation runs PIRLS over (u, β)
 *    (warm-started from the previous evaluation's mode) and returns the Laplace deviance at (θ, β̂(θ)).
 *    For nAGQ = 0 the fit stops here: minqa's rhobeg = 0.2, rhoend = 2e-7, PIRLS to ~1e-14
 *    (PIRLS_WARM). For nAGQ ≥ 1 stage 1 only seeds stage 2 (and lp0, from a cold converged call):
 *    rhoend = 1e-3 and PIRLS to ~1e-6 (PIRLS_WARM_SEED).
 * 2. Stage 2 (nAGQ ≥ 1): BOBYQA over (θ, β) from the stage-1 estimates; each evaluation runs PIRLS
 *    over u only (β enters as an offset) and returns the Laplace or AGQ deviance. Scales as lme4 gives
 *    its Nelder–Mead (0.02 for θ, 0.2·min(SE(β), 10) for β): initial radius 0.3, final 1e-3 of them.
 *    By default the deviance is glmer's own function (see PIRLS_LME4: restart from the stage-1
 *    linear predictor, tolPwrss = 1e-7, log|L|² one iteration behind), which reproduces glmer's
 *    logLik and optimum; `deviance: "exact"` optimises the exact Laplace approximation instead.
 * 3. Standard errors as glmer's summary: 2·H⁻¹ (β block) of the central finite-difference Hessian
 *    (δ = 1e-4) of that same deviance over (θ, β). With the exact Laplace deviance (PIRLS converged
 *    to machine precision) the cbpp SEs come out ~1 % larger than glmer's (0.2325 vs 0.2312): the
 *    difference is glmer's PIRLS stopping rule, so the default reproduces it. (R_XᵀR_X)⁻¹ for
 *    nAGQ = 0, on request, or when the Hessian is not positive definite.
 * Deviances are on lme4's absolute scale: log|L|² + ‖ũ‖² − 2Σ log p(yᵢ | μ̃ᵢ) (cbpp: 184.0531),
 * also for nAGQ > 1 (where lme4 drops the saturated constant; see GlmmFit.lme4LogLik).
 */
import { getFamily } from "../family/registry";
import { detectSeparation } from "../glm/glm";
import { pValueNormal } from "../family/special";
import type { ModelMatrices } from "../frame/model-matrices";
import { coefGroups, ranefGroups, varCorrRows } from "../lmm/output";
import { condVarBlocks } from "../lmm/solve";
import { fillT, thetaStartAndLower, usableStart } from "../lmm/terms";
import type { FixefRow } from "../lmm/types";
import { bobyqa } from "../optim/bobyqa";
import type { OptSummary } from "../optim/summary";
import { agqDeviance, agqLayout } from "./agq";
import { deriv12, invertSpd, scaledGradientCheck } from "./derivs";
import { GlmmError } from "./error";
import { blockedSystem, createModel, type GlmmModel } from "./model";
import { jointSchurFactor, PIRLS_FIT, PIRLS_LME4, PIRLS_TIGHT, PIRLS_WARM, PIRLS_WARM_SEED, pirlsJoint, pirlsU, type PirlsControl } from "./pirls";
import { condVarSparse } from "./sparse";
import type { GlmmFit, GlmmFixefRow, GlmmOptions } from "./types";
import { plainArray } from "../linalg/plain-array";

/** lme4's isSingular tolerance and boundary.tol. */
export const SINGULAR_TOL = 1e-4;
export const BOUNDARY_TOL = 1e-5;
/**
 * A draft's final stage-2 radius, as a share of the largest scale (the exact fit's is 1e-3). Measured
 * over the GLMM template's sliders (binomial and Poisson, each draft started from the last one's θ̂):
 * against the exact fit, β moved by at most 0.014 SE, a group's coefficient by 0.008 and θ by 0.045,
 * and the fit took half the time (no stage 1, no Hessian). 3e-2 saved no more evaluations and moved
 * β by up to 0.05 SE; smaller first steps from the warm start took more evaluations, not fewer.
 */
export const DRAFT_GLMM_XTOL = 1e-2;
/** lme4's check.conv limits: derivatives only below these sizes. */
const NOBS_MAX = 1e4;
const NPAR_MAX = 20;

export function fitGlmm(mm: ModelMatrices, options: GlmmOptions): GlmmFit {
  const name = options.family as string;
  if (name !== "binomial" && name !== "poisson") throw new GlmmError(`fitGlmm: family must be "binomial" or "poisson", not ${JSON.stringify(name)}`);
  const family = getFamily(name);
  const nAGQ = options.nAGQ ?? 1;
  if (!Number.isInteger(nAGQ) || nAGQ < 0 || nAGQ > 100) throw new GlmmError(`nAGQ must be an integer from 0 to 100, not ${nAGQ}`);
  if (mm.reTerms.length === 0) throw new GlmmError("fitGlmm: the model has no random-effects terms; fit it with fitGlm");
  if (mm.family && mm.family !== name)
    throw new GlmmError(`fitGlmm: the model frame coded the response for family ${mm.family}, not ${name}; rebuild it with family: "${name}"`);
  const { n, p } = mm;
  if (n <= p) throw new GlmmError(`fitGlmm: ${n} observations cannot estimate ${p} fixed effects`);
  family.validate(mm.y, mm.weights, mm.rows);
  const model = createModel(mm, family);
  const layout = nAGQ > 1 ? agqLayout(model) : null;
  const { theta0, lower } = thetaStartAndLower(model.terms);
  const nth = theta0.length;
  const messages: string[] = [];

  const draft = options.draft === true && nAGQ >= 1;
  // A draft from the last fit's θ: stage 1 only seeds stage 2 (the modes u1, β and lp0, here from one
  // PIRLS call at that θ, from η₀ as below), and the last fit's θ̂ is a closer seed than a stage-1
  // optimum would be. A θ where PIRLS fails falls back to stage 1.
  let theta = draft ? usableStart(options.start, lower) : null;
  if (theta && !Number.isFinite(guard(() => pirlsJoint(model, theta!, PIRLS_FIT).laplace))) theta = null;
  let stage1: OptSummary | null = null;
  if (!theta) {
    // Stage 1: θ only, β inside PIRLS. Evaluate the start directly so a PIRLS failure reports itself.
    pirlsJoint(model, theta0, PIRLS_FIT);
    // Warm starts from the previous point's (u, β); the final call below restarts from η₀ so lp0 is a
    // function of θ̂ alone. minqa's rhoend = 2e-7 is kept where stage 1 is the answer (nAGQ = 0); for
    // nAGQ ≥ 1 it only seeds stage 2 and fixes lp0, and stopping at 1e-3 saves a quarter to a third of
    // its evaluations while moving the final fits by < 1e-4 SE of β and < 1e-6 in the log-likelihood.
    const warm = nAGQ === 0 ? PIRLS_WARM : PIRLS_WARM_SEED;
    const fitted = bobyqa((th) => guard(() => pirlsJoint(model, th, PIRLS_FIT, warm).laplace), theta0, {
      lower, initialStep: theta0.map(() => 0.2), xtolAbs: nAGQ === 0 ? 2e-7 : 1e-3, ftolAbs: 0, maxeval: options.maxeval ?? 1e4,
    });
    theta = polishBoundary(fitted.finalTheta, lower, (th) => guard(() => pirlsJoint(model, th, PIRLS_FIT).laplace), fitted.fMin);
    stage1 = fitted;
    pirlsJoint(model, theta, PIRLS_FIT);
  }
  let beta = Array.from(model.beta);
  const u1 = Float64Array.from(model.u);
  // glmer restarts every stage-2 evaluation from the stage-1 linear predictor lp0
  const lp0 = Float64Array.from(model.eta);
  const lme4Mode = (options.deviance ?? "lme4") === "lme4";
  const ctlFit = lme4Mode ? PIRLS_LME4 : PIRLS_FIT;
  const ctlDeriv = lme4Mode ? PIRLS_LME4 : PIRLS_TIGHT;
  const start = lme4Mode ? lp0 : undefined;
  let stage2: OptSummary | null = null;
  let converged = stage1?.returnReason !== "maxeval_reached";

  /**
   * The stage-2 deviance at (θ, β): Laplace or AGQ, −2 log-likelihood on the absolute scale. It is a
   * deterministic function of (θ, β, ctl) (every call restarts from u1 and, for lme4's function, lp0),
   * so the last and the best values are remembered: the optimizer's first point is the start evaluated
   * just before it, and the Hessian's centre and the reported deviance are the optimizer's best point.
   */
  interface Memo { x: Float64Array; ctl: PirlsControl; dev: number; sumDev: number }
  let last: Memo | null = null;
  let best: Memo | null = null;
  const same = (m: Memo | null, th: ArrayLike<number>, b: ArrayLike<number>, ctl: PirlsControl): boolean => {
    if (!m || m.ctl !== ctl) return false;
    for (let i = 0; i < nth; i++) if (m.x[i] !== th[i]) return false;
    for (let j = 0; j < p; j++) if (m.x[nth + j] !== b[j]) return false;
    return true;
  };
  const deviance2 = (th: ArrayLike<number>, b: ArrayLike<number>, ctl: PirlsControl): { dev: number; sumDev: number } => {
    if (same(last, th, b, ctl)) return last!;
    if (same(best, th, b, ctl)) return best!;
    let dev: number;
    let sumDev: number;
    if (layout) {
      const r = agqDeviance(model, layout, nAGQ, th, b, u1, ctl, start);
      dev = r.agq;
      sumDev = r.sumDev;
    } else {
      const r = pirlsU(model, th, b, u1, ctl, start);
      dev = r.laplace;
      sumDev = r.sumDev;
    }
    const x = new Float64Array(nth + p);
    for (let i = 0; i < nth; i++) x[i] = th[i]!;
    for (let j = 0; j < p; j++) x[nth + j] = b[j]!;
    last = { x, ctl, dev, sumDev };
    if (!best || best.ctl !== ctl || dev < best.dev) best = last;
    return last;
  };
  // a stacked point (θ, β) split into two buffers: no views or closures allocated per evaluation
  const thBuf = new Float64Array(nth);
  const bBuf = new Float64Array(p);
  const devAt = (x: ArrayLike<number>, ctl: PirlsControl): number => {
    for (let i = 0; i < nth; i++) thBuf[i] = x[i]!;
    for (let j = 0; j < p; j++) bBuf[j] = x[nth + j]!;
    return deviance2(thBuf, bBuf, ctl).dev;
  };

  if (nAGQ >= 1) {
    const se1 = rxVcov(model, theta).map((row, j) => Math.sqrt(row[j]!));
    const x0 = [...theta, ...beta];
    // (guard's rule written out: a PIRLS failure inside the optimizer becomes NaN)
    const f2 = (x: Float64Array): number => {
      try {
        return devAt(x, ctlFit);
      } catch (e) {
        if (e instanceof GlmmError) return NaN;
        throw e;
      }
    };
    // lme4's Nelder–Mead scales: 0.02 for θ, 0.2·min(SE(β), 10) for β
    const scale = [...theta.map(() => 0.02), ...se1.map((s) => 0.2 * Math.min(Number.isFinite(s) ? s : 1, 10))];
    deviance2(theta, beta, ctlFit); // unguarded: a PIRLS failure at the start reports itself
    // The stage-1 estimates are close to the optimum, so the first trust region is 0.3 of those scales
    // (lme4's own bobyqa setting for this stage starts at 2e-4); the final radius 1e-3 of the scales is
    // lme4's rhoend/rhobeg ratio (2e-7/2e-4). Each cuts ~15 % of the evaluations (cbpp 57 → 37), and
    // moves the optimum by < 1e-4 SE of β and < 1e-8 in the log-likelihood on the reference fits.
    stage2 = bobyqa(f2, x0, {
      lower: [...lower, ...beta.map(() => -Infinity)],
      initialStep: scale.map((v) => 0.3 * v), xtolAbs: (draft ? DRAFT_GLMM_XTOL : 1e-3) * Math.max(...scale), ftolAbs: 0, maxeval: options.maxeval ?? 1e4,
    });
    if (stage2.returnReason === "maxeval_reached") converged = false;
    const xb = polishBoundary(stage2.finalTheta, [...lower, ...beta.map(() => -Infinity)], (x) => f2(Float64Array.from(x)), stage2.fMin);
    theta = xb.slice(0, nth);
    beta = xb.slice(nth);
  }
  if (!converged) messages.push("convergence code: maximum number of function evaluations reached");
  const singular = theta.some((v, i) => lower[i] === 0 && v < SINGULAR_TOL);
  if (singular) messages.push("boundary (singular) fit: see help('isSingular')");

  // Hessian over (θ, β) of the same deviance function (glmer's calc.derivs), before the final state.
  let derivs: GlmmFit["derivs"] = null;
  const wantHessian = nAGQ >= 1 && options.vcov !== "RX" && !draft;
  if (wantHessian && n < NOBS_MAX && nth + p < NPAR_MAX) {
    const fd = deriv12((x) => devAt(x, ctlDeriv), [...theta, ...beta]);
    derivs = { gradient: fd.gradient, hessian: fd.hessian };
    if (!singular) {
      const msg = scaledGradientCheck(fd.gradient, fd.hessian);
      if (msg) {
        messages.push(msg);
        converged = false;
      }
    }
  } else if (wantHessian) messages.push("standard errors from R_X: the model is too large for lme4's finite-difference Hessian (nobs ≥ 1e4 or ≥ 20 parameters)");

  // The reported deviance: glmer's function at the optimum (or the exact one), then the exact state.
  const reported = nAGQ === 0 ? null : deviance2(theta, beta, ctlFit);
  const lap = nAGQ === 0 ? pirlsJoint(model, theta, PIRLS_TIGHT) : pirlsU(model, theta, beta, u1, PIRLS_TIGHT);
  if (nAGQ === 0) beta = Array.from(model.beta);
  const m2ll = reported ? reported.dev : lap.laplace;
  const sumDevReported = reported ? reported.sumDev : lap.sumDev;
  const uHat = Float64Array.from(model.u);
  const separation = detectSeparation(family, mm.y, model.mu, model.wt);
  if (separation)
    messages.push(
      family.name === "binomial"
        ? "complete separation: fitted probabilities numerically 0 or 1 occurred; the fixed effects diverge and their estimates and standard errors are not meaningful (check which predictor perfectly separates the outcomes)"
        : "fitted rates numerically 0 occurred: the fixed effects diverge (e.g. a level with all-zero counts) and their estimates and standard errors are not meaningful",
    );
  const mu = Float64Array.from(model.mu);
  const eta = Float64Array.from(model.eta);

  // Conditional SDs from L at the mode (u-only system; for nAGQ = 0 the joint one has the same blocks).
  const sysL = () => blockedSystem(model, nAGQ === 0).sys;
  const b: Float64Array[] = [];
  const cv: (Float64Array | null)[] = [];
  model.terms.forEach((t, ti) => {
    const T = new Float64Array(t.p * t.p);
    fillT(theta, t, T);
    const ut = uHat.subarray(model.uOff[ti]!, model.uOff[ti]! + t.q);
    const bt = new Float64Array(t.q);
    for (let h = 0; h < t.nl; h++)
      for (let a = 0; a < t.p; a++) {
        let s = 0;
        for (let l = 0; l <= a; l++) s += T[a + l * t.p]! * ut[h * t.p + l]!;
        bt[h * t.p + a] = s;
      }
    b.push(bt);
    if (options.condVar === false) {
      cv.push(null);
      return;
    }
    // several scalar terms: L is in the sparse factor (left at the final mode's weights by PIRLS);
    // one scalar term: L is diagonal, so Var(u_g | y) = 1/L_g² (condVarBlocks' arithmetic for that case)
    const V = model.sparse
      ? condVarSparse(model.sparse, model.uOff[ti]!, model.uOff[ti]! + t.q)
      : model.scalar
        ? Float64Array.from(nAGQ === 0 ? model.jL00 : model.uL00, (L) => (1 / L) * (1 / L))
        : condVarBlocks(sysL(), ti);
    const out = new Float64Array(t.q);
    for (let h = 0; h < t.nl; h++)
      for (let a = 0; a < t.p; a++) {
        let s = 0;
        for (let l = 0; l <= a; l++)
          for (let r = 0; r <= a; r++) s += T[a + l * t.p]! * V[h * t.p * t.p + l + r * t.p]! * T[a + r * t.p]!;
        out[h * t.p + a] = s;
      }
    cv.push(out);
  });

  // Covariance of β̂: 2·H⁻¹ (β block) as glmer's summary, else (R_XᵀR_X)⁻¹ at the mode.
  let vcov = rxVcov(model, theta);
  let vcovMethod: "hessian" | "RX" = "RX";
  if (derivs) {
    const Hinv = invertSpd(derivs.hessian);
    if (Hinv) {
      vcov = beta.map((_, i) => beta.map((__, j) => 2 * Hinv[nth + i]![nth + j]!));
      vcovMethod = "hessian";
    } else
      messages.push("variance-covariance matrix computed from finite-difference Hessian is not positive definite or contains NA values: falling back to var-cov estimated from RX");
  }

  const fixef: GlmmFixefRow[] = mm.fixedNames.map((term, j) => {
    const se = Math.sqrt(vcov[j]![j]!);
    const z = beta[j]! / se;
    return { term, estimate: beta[j]!, se, z, p: pValueNormal(z) };
  });
  const ranef = ranefGroups(model.terms, b, cv);
  const ngroups: Record<string, number> = {};
  for (const t of model.terms) ngroups[t.group] = t.nl;
  const npar = p + nth;
  const residuals: number[] = [];
  const pearson: number[] = [];
  for (let i = 0; i < n; i++) {
    const y = mm.y[i]!;
    const wt = model.wt[i]!;
    residuals.push(Math.sign(y - mu[i]!) * Math.sqrt(Math.max(family.devResid(y, mu[i]!, wt), 0)));
    pearson.push(((y - mu[i]!) * Math.sqrt(wt)) / Math.sqrt(family.variance(mu[i]!)));
  }
  return {
    kind: "glmm",
    family: name,
    link: family.link,
    nAGQ,
    formula: options.formula ?? null,
    responseName: mm.responseName,
    nobs: n,
    ngroups,
    terms: model.terms.map((t) => ({ group: t.group, label: t.label, columnNames: [...t.columnNames], nlevels: t.nl, thetaOffset: t.thetaOffset })),
    fixef,
    vcov,
    vcovMethod,
    varcorr: varCorrRows(model.terms, theta, 1).filter((r) => r.group !== "Residual"),
    theta,
    logLik: -m2ll / 2,
    AIC: m2ll + 2 * npar,
    BIC: m2ll + npar * Math.log(n),
    minus2logLik: m2ll,
    deviance: sumDevReported,
    lme4LogLik: layout ? -(m2ll - model.satSum) / 2 : -m2ll / 2,
    npar,
    dfResid: n - npar,
    singular,
    converged,
    separation,
    messages,
    ranef,
    coef: coefGroups(ranef, fixef as unknown as FixefRow[]),
    fitted: plainArray(mu),
    linearPredictor: plainArray(eta),
    residuals,
    pearsonResiduals: pearson,
    laplace: { ldL2: lap.ldL2, sqrU: lap.sqrU, sumDevResid: lap.sumDev, aicTerm: lap.aic, minus2logLik: lap.laplace },
    optimizer: { stage1, stage2 },
    derivs,
  };
}

/** A PIRLS failure inside the optimizer becomes NaN (BOBYQA then uses its initial value). */
function guard(f: () => number): number {
  try {
    return f();
  } catch (e) {
    if (e instanceof GlmmError) return NaN;
    throw e;
  }
}

/** lme4's boundary.tol: parameters within 1e-5 of a zero lower bound are tried at the bound. */
function polishBoundary(x: readonly number[], lower: readonly number[], f: (x: number[]) => number, fmin: number): number[] {
  const near = x.map((v, i) => lower[i] === 0 && v > 0 && v < BOUNDARY_TOL);
  if (!near.some(Boolean)) return [...x];
  const y = x.map((v, i) => (near[i] ? 0 : v));
  return f(y) <= fmin ? y : [...x];
}

/**
 * (R_XᵀR_X)⁻¹ from the joint system with the working weights at the current μ (σ = 1):
 * the Schur complement of the random effects in the penalised normal equations.
 */
function rxVcov(model: GlmmModel, theta: readonly number[]): number[][] {
  const { p, n, family, eta, mu, wt, w, r } = model;
  for (let i = 0; i < n; i++) {
    const me = family.muEta(eta[i]!);
    w[i] = (wt[i]! * me * me) / family.variance(mu[i]!);
    r[i] = 0;
  }
  const fac = jointSchurFactor(model, theta);
  if (!fac) return Array.from({ length: p }, () => new Array<number>(p).fill(NaN));
  const { S: Lx, m } = fac;
  // Linv = L_X⁻¹ (lower), V = L_X⁻ᵀ L_X⁻¹
  const Linv = new Float64Array(p * p);
  for (let c = 0; c < p; c++)
    for (let i = c; i < p; i++) {
      let s = i === c ? 1 : 0;
      for (let k = c; k < i; k++) s -= Lx[i + k * m]! * Linv[k + c * p]!;
      Linv[i + c * p] = s / Lx[i + i * m]!;
    }
  const V: number[][] = [];
  for (let i = 0; i < p; i++) {
    const row: number[] = [];
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = Math.max(i, j); k < p; k++) s += Linv[k + i * p]! * Linv[k + j * p]!;
      row.push(s);
    }
    V.push(row);
  }
  return V;
}
