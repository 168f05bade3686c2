/**
 * fitGlm: a generalized linear model by iteratively reweighted least squares (McCullagh & Nelder
 * §2.5), as R's glm.fit: start from the family's mustart, then repeat
 *   w = wt·(dμ/dη)²/V(μ),  z = η − o + (y − μ)/(dμ/dη),  β = (XᵀWX)⁻¹XᵀWz  (Householder QR of √W·X)
 * until |dev − dev_old|/(|dev| + 0.1) < 1e-8, halving the step when the deviance is not finite.
 * Separation (binomial) shows as fitted probabilities within 10ε of 0 or 1 and diverging coefficients.
 */
import { getFamily } from "../family/registry";
import { pValueNormal } from "../family/special";
import type { Family } from "../family/types";
import type { ModelMatrices } from "../frame/model-matrices";
import { backSolve, qr, qtMultiply, unscaledCovariance } from "../lm/qr";
import type { GlmFit, GlmFixefRow, GlmOptions } from "./types";
import { plainArray } from "../linalg/plain-array";

/** The parts of ModelMatrices a GLM needs. */
export type GlmInput = Pick<ModelMatrices, "n" | "y" | "p" | "X" | "fixedNames" | "weights" | "offset" | "rows">;

const EPS = 2.220446049250313e-16;

export function fitGlm(m: GlmInput, options: GlmOptions): GlmFit {
  return irls(m, options, true);
}

function irls(m: GlmInput, options: GlmOptions, withNull: boolean): GlmFit {
  const family = getFamily(options.family);
  const { n, p, X, y } = m;
  family.validate(y, m.weights, m.rows);
  if (n <= p) throw new Error(`fitGlm: ${n} observations cannot estimate ${p} coefficients`);
  const maxit = options.maxit ?? 25;
  const epsilon = options.epsilon ?? 1e-8;
  const wt = m.weights ?? new Float64Array(n).fill(1);
  const off = m.offset ?? new Float64Array(n);
  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m0 = family.mustart(y[i]!, wt[i]!);
    eta[i] = family.linkfun(m0);
    mu[i] = family.linkinv(eta[i]!);
  }
  const deviance = (muv: Float64Array): number => {
    let d = 0;
    for (let i = 0; i < n; i++) d += family.devResid(y[i]!, muv[i]!, wt[i]!);
    return d;
  };
  let dev = deviance(mu);
  let beta: Float64Array = new Float64Array(p);
  let betaOld: Float64Array | null = null;
  const Xw = new Float64Array(n * p);
  const zw = new Float64Array(n);
  const sw = new Float64Array(n);
  let converged = false;
  let iter = 0;
  let R: ReturnType<typeof qr> | null = null;
  const etaNew = new Float64Array(n);
  const muNew = new Float64Array(n);
  for (iter = 1; iter <= maxit; iter++) {
    for (let i = 0; i < n; i++) {
      const me = family.muEta(eta[i]!);
      const z = eta[i]! - off[i]! + (y[i]! - mu[i]!) / me;
      const w = Math.sqrt((wt[i]! * me * me) / family.variance(mu[i]!));
      sw[i] = w;
      zw[i] = z * w;
    }
    for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) Xw[i + j * n] = X[i + j * n]! * sw[i]!;
    R = qr(Xw, n, p);
    for (let j = 0; j < p; j++) if (!(Math.abs(R.diag[j]!) > 1e-10 * Math.sqrt(n))) throw new Error("fitGlm: the weighted model matrix is rank deficient (all weights near zero?)");
    let cand: Float64Array = backSolve(R, qtMultiply(R, zw));
    let devNew = NaN;
    for (let half = 0; half <= 30; half++) {
      linearPredictor(X, cand, off, n, p, etaNew);
      for (let i = 0; i < n; i++) muNew[i] = family.linkinv(etaNew[i]!);
      devNew = deviance(muNew);
      if (Number.isFinite(devNew)) break;
      if (!betaOld) throw new Error("fitGlm: no valid set of coefficients has been found: the deviance is not finite at the start");
      cand = cand.map((b, j) => (b + betaOld![j]!) / 2);
    }
    if (!Number.isFinite(devNew)) throw new Error("fitGlm: inner loop failed; cannot correct step size");
    betaOld = beta;
    beta = cand;
    eta.set(etaNew);
    mu.set(muNew);
    const change = Math.abs(devNew - dev) / (Math.abs(devNew) + 0.1);
    dev = devNew;
    if (change < epsilon) {
      converged = true;
      break;
    }
  }
  if (iter > maxit) iter = maxit;

  // final weights at the converged μ for the covariance
  for (let i = 0; i < n; i++) {
    const me = family.muEta(eta[i]!);
    sw[i] = Math.sqrt((wt[i]! * me * me) / family.variance(mu[i]!));
  }
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) Xw[i + j * n] = X[i + j * n]! * sw[i]!;
  R = qr(Xw, n, p);
  const unscaled = unscaledCovariance(R);
  let nUsed = 0;
  for (let i = 0; i < n; i++) if (wt[i]! > 0) nUsed++;
  let dispersion = 1;
  if (!family.fixedDispersion) {
    let s = 0;
    for (let i = 0; i < n; i++) s += wt[i]! * (y[i]! - mu[i]!) ** 2;
    dispersion = s / (nUsed - p);
  }
  const vcov = unscaled.map((row) => row.map((v) => v * dispersion));
  const fixef: GlmFixefRow[] = m.fixedNames.map((term, j) => {
    const se = Math.sqrt(vcov[j]![j]!);
    const z = beta[j]! / se;
    return { term, estimate: beta[j]!, se, z, p: pValueNormal(z) };
  });

  // likelihood: the family's full −2 log-likelihood (gaussian at the ML σ² = dev/n, as R's gaussian()$aic)
  const phiML = family.fixedDispersion ? 1 : dev / nUsed;
  let m2ll = 0;
  for (let i = 0; i < n; i++) m2ll += family.aicTerm(y[i]!, mu[i]!, wt[i]!, phiML);
  const k = p + (family.fixedDispersion ? 0 : 1);
  const residuals = new Array<number>(n);
  for (let i = 0; i < n; i++) residuals[i] = Math.sign(y[i]! - mu[i]!) * Math.sqrt(Math.max(family.devResid(y[i]!, mu[i]!, wt[i]!), 0));

  const messages: string[] = [];
  const boundary = allAtBoundary(family, y, wt);
  const separation = boundary !== null || detectSeparation(family, y, mu, wt);
  if (!converged) messages.push(`glm: the IRLS algorithm did not converge in ${maxit} iterations`);
  if (boundary !== null) messages.push(`every response is ${boundary}: the maximum-likelihood estimates do not exist (the intercept runs off to ${boundary === 1 ? "+" : "-"}infinity), so these numbers and their standard errors are meaningless`);
  else if (separation) messages.push(separationMessage(family, fixef));
  return {
    kind: "glm",
    family: family.name,
    link: family.link,
    fixef,
    vcov,
    dispersion,
    logLik: -m2ll / 2,
    AIC: m2ll + 2 * k,
    BIC: m2ll + Math.log(nUsed) * k,
    deviance: dev,
    nullDeviance: withNull ? nullDeviance(family, m, wt, off) : NaN,
    nobs: nUsed,
    dfResid: nUsed - p,
    fitted: plainArray(mu),
    linearPredictor: plainArray(eta),
    residuals,
    iterations: iter,
    converged,
    separation,
    messages,
  };
}

function linearPredictor(X: Float64Array, beta: Float64Array, off: Float64Array, n: number, p: number, out: Float64Array): void {
  out.set(off);
  for (let j = 0; j < p; j++) {
    const b = beta[j]!;
    for (let i = 0; i < n; i++) out[i]! += X[i + j * n]! * b;
  }
}


/** 0 when every (weighted) response is 0, 1 when every binomial response is 1, else null: no finite MLE exists then. */
function allAtBoundary(family: Family, y: Float64Array, wt: Float64Array): 0 | 1 | null {
  if (family.name !== "binomial" && family.name !== "poisson") return null;
  let zeros = true;
  let ones = family.name === "binomial";
  let any = false;
  for (let i = 0; i < y.length; i++) {
    if (wt[i]! === 0) continue;
    any = true;
    if (y[i]! !== 0) zeros = false;
    if (y[i]! !== 1) ones = false;
  }
  return !any ? null : zeros ? 0 : ones ? 1 : null;
}

/** Fitted probabilities within 10ε of 0 or 1 (R's glm.fit warning), or poisson rates numerically 0. */
export function detectSeparation(family: Family, y: Float64Array, mu: Float64Array, wt: Float64Array): boolean {
  const tol = 10 * EPS;
  for (let i = 0; i < mu.length; i++) {
    if (wt[i]! === 0) continue;
    if (family.name === "binomial" && (mu[i]! < tol || mu[i]! > 1 - tol)) return true;
    if (family.name === "poisson" && mu[i]! < tol) return true;
  }
  void y;
  return false;
}

function separationMessage(family: Family, fixef: GlmFixefRow[]): string {
  const big = fixef.filter((b) => Math.abs(b.estimate) > 10 || b.se > 100).map((b) => b.term);
  const which = big.length ? ` (diverging: ${big.join(", ")})` : "";
  return family.name === "binomial"
    ? `complete separation: fitted probabilities numerically 0 or 1 occurred; some predictor (or combination) perfectly separates the outcomes, so the maximum-likelihood estimates do not exist and their standard errors are meaningless${which}`
    : `fitted rates numerically 0 occurred: some rows can only be fitted with a rate of 0 (e.g. a group with all-zero counts), so the estimates diverge${which}`;
}

/** Deviance of the intercept-only (offset-only) model, as R's glm reports it. */
function nullDeviance(family: Family, m: GlmInput, wt: Float64Array, off: Float64Array): number {
  const { n, y } = m;
  const hasOffset = off.some((v) => v !== 0);
  if (!hasOffset) {
    let sw = 0;
    let swy = 0;
    for (let i = 0; i < n; i++) {
      sw += wt[i]!;
      swy += wt[i]! * y[i]!;
    }
    const mu0 = swy / sw;
    let d = 0;
    for (let i = 0; i < n; i++) d += family.devResid(y[i]!, mu0, wt[i]!);
    return d;
  }
  // intercept-only fit with the offset
  const X = new Float64Array(n).fill(1);
  const fit = irls({ n, p: 1, X, y, fixedNames: ["(Intercept)"], weights: wt, offset: off, rows: m.rows }, { family: family.name }, false);
  return fit.deviance;
}
