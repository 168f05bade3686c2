// Running the fits a model cell asks for on one model frame, so complete pooling, no pooling and
// the mixed model of a comparison share the parsing and the design matrices.
import { parsedFormulaTerms } from "../../stats/formula/terms";
import { modelFrame } from "../../stats/frame/model-frame";
import type { DataColumns, FamilyName, ModelMatrices } from "../../stats/frame/model-matrices";
import { glmCompletePooling, glmSeparate, type GlmPoolingFit } from "../../stats/glm";
import { fitGlmm, formatGlmmSummary, type GlmmFit } from "../../stats/glmm";
import { fitLmm, formatLmmSummary, type LmmFit } from "../../stats/lmm";
import { completePooling } from "../../stats/pooling/complete";
import { noPoolingSeparate } from "../../stats/pooling/separate";
import type { PoolingFit } from "../../stats/pooling/types";

/** The mixed model's result, whatever the family: lmer's or glmer's. */
export type MixedFit = LmmFit | GlmmFit;

/** A complete- or no-pooling fit, least squares or GLM. */
export type PoolFit = PoolingFit | GlmPoolingFit;

export interface FitOptions {
  family: FamilyName;
  REML: boolean;
  nAGQ: number;
  factors?: readonly string[];
}

export function buildFrame(formula: string, data: DataColumns, options: FitOptions): ModelMatrices {
  return modelFrame(parsedFormulaTerms(formula), data, { factors: options.factors ? [...options.factors] : undefined, family: options.family });
}

/** How a mixed fit may be cut short. */
export interface MixedFitExtras {
  /** A model comparison reads only logLik, AIC, BIC and npar: skip conditional variances and glmer's Hessian. */
  likelihoodOnly?: boolean;
  /**
   * A draft fit while a slider is dragged: lmer starts from `start` (the last fit's θ of this model)
   * and skips the convergence checks, whose warnings come with the exact refit when the drag ends;
   * glmer starts its second stage from `start` at a looser tolerance, with R_X standard errors (see
   * DRAFT_GLMM_XTOL).
   */
  draft?: boolean;
  start?: readonly number[];
}

/**
 * A draft lmer: no convergence checks, and tolerances 100 times lme4's (xtol_abs = ftol_abs = 1e-6).
 * It stops within about 1e-6 of the optimum's deviance (tested: logLik within 1e-5, θ within 1e-3
 * relative), far below the digits and pixels shown; the exact refit follows the drag.
 */
export const DRAFT_LMM = { checkConvergence: false, log: false, xtolAbs: 1e-6, ftolAbs: 1e-6 } as const;

/** lmer for gaussian, glmer otherwise. */
export function fitMixed(frame: ModelMatrices, formula: string, options: FitOptions, extras: MixedFitExtras = {}): MixedFit {
  if (frame.reTerms.length === 0) throw new Error(`the formula "${formula}" has no random-effects term such as (1 | group)`);
  const likelihoodOnly = extras.likelihoodOnly === true;
  const lean = likelihoodOnly ? { condVar: false, log: false } : {};
  const drafting = extras.draft ? { ...DRAFT_LMM, ...(extras.start ? { start: extras.start } : {}) } : {};
  if (options.family === "gaussian") return fitLmm(frame, { REML: options.REML, formula, ...lean, ...drafting });
  const glmmDraft = extras.draft ? { draft: true, ...(extras.start ? { start: extras.start } : {}) } : {};
  return fitGlmm(frame, { family: options.family, nAGQ: options.nAGQ, formula, ...lean, ...(likelihoodOnly ? { vcov: "RX" as const } : {}), ...glmmDraft });
}

export function formatMixedSummary(fit: MixedFit): string {
  return fit.kind === "lmm" ? formatLmmSummary(fit) : formatGlmmSummary(fit);
}

/** The residual SD of a gaussian fit; null for binomial and Poisson, whose scale is fixed. */
export function sigmaOf(fit: MixedFit | PoolFit): number | null {
  return "sigma" in fit ? fit.sigma : null;
}

export function fitComplete(frame: ModelMatrices, options: FitOptions): PoolFit {
  return options.family === "gaussian" ? completePooling(frame) : glmCompletePooling(frame, { family: options.family });
}

export function fitNoPooling(frame: ModelMatrices, options: FitOptions): PoolFit {
  return options.family === "gaussian" ? noPoolingSeparate(frame) : glmSeparate(frame, { family: options.family });
}

/** Identity or the family's inverse link, for drawing on the response scale. */
export function inverseLink(family: FamilyName): (eta: number) => number {
  switch (family) {
    case "gaussian":
      return (eta) => eta;
    case "binomial":
      return (eta) => 1 / (1 + Math.exp(-eta));
    case "poisson":
      return (eta) => Math.exp(eta);
  }
}

/**
 * The key under which a model cell remembers a mixed fit's θ: lmer's REML and ML fits of a formula
 * differ, and glmer's θ (on the scale of a fixed unit dispersion) means something else than lmer's
 * (relative to σ), so a family switch never starts one from the other.
 */
export function thetaKey(formula: string, options: Pick<FitOptions, "family" | "REML">): string {
  return `${options.family === "gaussian" ? (options.REML ? "REML" : "ML") : `glmer ${options.family}`} ${formula}`;
}
