import { formulaTerms } from "./formula/terms";
import { FrameError } from "./frame/frame-error";
import { modelFrame, type FrameOptions } from "./frame/model-frame";
import type { DataColumns, ModelMatrices } from "./frame/model-matrices";
import { fitLm } from "./lm/lm";
import type { LmFit } from "./lm/types";
import { fitLmm, type LmmFit } from "./lmm";

/** Options of `fitModel`: the model frame's, plus the fitting criterion. */
export interface FitOptions extends FrameOptions {
  /** REML (default, as lmer) or maximum likelihood; ignored without random terms (lm is ML). */
  readonly REML?: boolean;
  /** Adaptive Gauss-Hermite points for GLMMs (1 = Laplace). */
  readonly nAGQ?: number;
}

/** A fitted model: the LMM when the formula has random terms, otherwise least squares. */
export type FitResult =
  | { readonly kind: "lmm"; readonly fit: LmmFit; readonly frame: ModelMatrices; readonly messages: readonly string[] }
  | { readonly kind: "lm"; readonly fit: LmFit; readonly frame: ModelMatrices; readonly messages: readonly string[] };

/**
 * Formula and table to a fit: parse, build the model frame, then `fitLmm` (or `fitLm` when there
 * are no random terms). `messages` gathers the frame's notes (dropped rows and columns, scaling)
 * and the fitter's (singular fit, convergence).
 */
export function fitModel(formula: string, data: DataColumns, options: FitOptions = {}): FitResult {
  const family = options.family ?? "gaussian";
  const terms = formulaTerms(formula);
  if (family !== "gaussian") throw new FrameError(`family ${family} is not yet supported: only gaussian (linear) models can be fitted for now`);
  const frame = modelFrame(terms, data, options);
  if (frame.reTerms.length === 0) return { kind: "lm", fit: fitLm(frame), frame, messages: frame.messages };
  const fit = fitLmm(frame, { REML: options.REML ?? true, formula });
  return { kind: "lmm", fit, frame, messages: [...frame.messages, ...fit.messages] };
}

/** The layout of reference/lme4.json (fixef, varcorr, theta, ..., ranef), plus model, nobs, converged and messages. */
export function referenceLayout(result: FitResult): Record<string, unknown> {
  const fixef = result.fit.fixef.map(({ term, estimate, se }) => ({ term, estimate, se }));
  if (result.kind === "lm") {
    const f = result.fit;
    return {
      model: "lm", fixef, varcorr: [{ group: "Residual", var1: null, var2: null, sdcor: f.sigma }], theta: [], sigma: f.sigma,
      logLik: f.logLik, AIC: f.AIC, BIC: f.BIC, deviance: f.deviance, REMLcrit: null, singular: false, ranef: [],
      nobs: f.nobs, converged: true, messages: result.messages,
    };
  }
  const f = result.fit;
  return {
    model: "lmm", REML: f.REML, fixef, varcorr: f.varcorr.map(({ group, var1, var2, sdcor }) => ({ group, var1, var2, sdcor })),
    theta: f.theta, sigma: f.sigma, logLik: f.logLik, AIC: f.AIC, BIC: f.BIC, deviance: f.deviance, REMLcrit: f.REMLcrit,
    singular: f.singular, ranef: f.ranef, nobs: f.nobs, converged: f.converged, messages: result.messages,
  };
}
