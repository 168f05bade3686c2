/**
 * Results of `fitGlm` and the GLM pooling fits: plain, JSON-serialisable values in the same layout
 * as the mixed models' (fixef rows with z and p, logLik, AIC, BIC, deviance, fitted, residuals).
 */
import type { FamilyName } from "../frame/model-matrices";
import type { LinkName } from "../family/types";

/** One fixed-effect coefficient: estimate, standard error, Wald z (t for gaussian) and its two-sided normal p-value. */
export interface GlmFixefRow {
  term: string;
  estimate: number;
  se: number;
  z: number;
  p: number;
}

export interface GlmOptions {
  family: FamilyName;
  /** IRLS iterations (R's glm.control maxit, default 25). */
  maxit?: number;
  /** Convergence: |dev − dev_old| / (|dev| + 0.1) < epsilon (R's default 1e-8). */
  epsilon?: number;
}

export interface GlmFit {
  kind: "glm";
  family: FamilyName;
  link: LinkName;
  fixef: GlmFixefRow[];
  /** Row-major p × p: dispersion · (XᵀWX)⁻¹. */
  vcov: number[][];
  /** 1 for binomial and poisson; Σ w(y − μ)² / (n − p) for gaussian. */
  dispersion: number;
  logLik: number;
  AIC: number;
  BIC: number;
  /** Residual deviance Σ dᵢ (R's deviance.glm). */
  deviance: number;
  nullDeviance: number;
  nobs: number;
  dfResid: number;
  /** Fitted means μ (response scale). */
  fitted: number[];
  linearPredictor: number[];
  /** Deviance residuals sign(y − μ)·√dᵢ (R's residuals.glm default). */
  residuals: number[];
  iterations: number;
  converged: boolean;
  /** Complete or quasi-complete separation detected (binomial), or fitted rates numerically 0 (poisson). */
  separation: boolean;
  messages: string[];
}

/** Per-level coefficients of a grouping factor, shaped like lme4's coef(fit). */
export interface GlmGroupCoef {
  group: string;
  levels: string[];
  values: Record<string, number[]>;
}

/**
 * A GLM pooling fit: complete pooling (one GLM), no pooling (one GLM per group), or the group as a
 * fixed factor (one GLM with per-level coefficients).
 */
export interface GlmPoolingFit extends Omit<GlmFit, "kind"> {
  kind: "complete" | "separate" | "fixed-factor";
  group: string;
  coef: GlmGroupCoef[];
}
