import { formulaTerms } from "./formula/terms";
import { modelFrame, type FrameOptions } from "./frame/model-frame";
import type { DataColumns, ModelMatrices } from "./frame/model-matrices";
import { fitGlm, type GlmFit } from "./glm";
import { fitGlmm, type GlmmFit } from "./glmm";
import { fitLm } from "./lm/lm";
import type { LmFit } from "./lm/types";
import { fitLmm, type LmmFit } from "./lmm";

/** Options of `fitModel`: the model frame's, plus the fitting criterion. */
export interface FitOptions extends FrameOptions {
  /** REML (default, as lmer) or maximum likelihood; only for gaussian models with random terms. */
  readonly REML?: boolean;
  /** GLMMs: 1 = Laplace (default), 0 = lme4's nAGQ = 0, > 1 = adaptive Gauss-Hermite points. */
  readonly nAGQ?: number;
}

/** A fitted model, by what the formula and family call for. */
export type FitResult =
  | { readonly kind: "lmm"; readonly fit: LmmFit; readonly frame: ModelMatrices; readonly messages: readonly string[] }
  | { readonly kind: "glmm"; readonly fit: GlmmFit; readonly frame: ModelMatrices; readonly messages: readonly string[] }
  | { readonly kind: "lm"; readonly fit: LmFit; readonly frame: ModelMatrices; readonly messages: readonly string[] }
  | { readonly kind: "glm"; readonly fit: GlmFit; readonly frame: ModelMatrices; readonly messages: readonly string[] };

/**
 * Formula and table to a fit: parse, build the model frame, then fit: `fitLmm` / `fitGlmm` when
 * the formula has random terms, `fitLm` / `fitGlm` otherwise (gaussian / binomial or poisson).
 * `messages` gathers the frame's notes (dropped rows and columns, scaling) and the fitter's
 * (singular fit, convergence).
 */
export function fitModel(formula: string, data: DataColumns, options: FitOptions = {}): FitResult {
  const family = options.family ?? "gaussian";
  const frame = modelFrame(formulaTerms(formula), data, options);
  const mixed = frame.reTerms.length > 0;
  if (family === "gaussian") {
    if (!mixed) {
      const fit = fitLm(frame);
      return { kind: "lm", fit, frame, messages: [...frame.messages, ...fit.messages] };
    }
    const fit = fitLmm(frame, { REML: options.REML ?? true, formula });
    return { kind: "lmm", fit, frame, messages: [...frame.messages, ...fit.messages] };
  }
  if (!mixed) {
    const fit = fitGlm(frame, { family });
    return { kind: "glm", fit, frame, messages: [...frame.messages, ...fit.messages] };
  }
  const fit = fitGlmm(frame, { family, nAGQ: options.nAGQ ?? 1, formula });
  return { kind: "glmm", fit, frame, messages: [...frame.messages, ...fit.messages] };
}

/**
 * The layout of reference/lme4.json (fixef, varcorr, theta, sigma, logLik, AIC, BIC, deviance,
 * REMLcrit, singular, ranef), plus model, nobs, converged and messages. Without random terms,
 * varcorr has only the residual row (gaussian) and theta and ranef are empty.
 */
export function referenceLayout(result: FitResult): Record<string, unknown> {
  const fixef = result.fit.fixef.map(({ term, estimate, se }) => ({ term, estimate, se }));
  const common = { model: result.kind, fixef };
  const tail = { nobs: result.fit.nobs, converged: "converged" in result.fit ? result.fit.converged : true, messages: result.messages };
  switch (result.kind) {
    case "lm": {
      const f = result.fit;
      const varcorr = [{ group: "Residual", var1: null, var2: null, sdcor: f.sigma }];
      return { ...common, varcorr, theta: [], sigma: f.sigma, logLik: f.logLik, AIC: f.AIC, BIC: f.BIC, deviance: f.deviance, REMLcrit: null, singular: false, ranef: [], ...tail };
    }
    case "glm": {
      const f = result.fit;
      return { ...common, family: f.family, varcorr: [], theta: [], sigma: 1, logLik: f.logLik, AIC: f.AIC, BIC: f.BIC, deviance: f.deviance, REMLcrit: null, singular: false, ranef: [], ...tail };
    }
    case "lmm": {
      const f = result.fit;
      return {
        ...common, REML: f.REML, varcorr: varcorrRows(f.varcorr), theta: f.theta, sigma: f.sigma, logLik: f.logLik, AIC: f.AIC, BIC: f.BIC,
        deviance: f.deviance, REMLcrit: f.REMLcrit, singular: f.singular, ranef: f.ranef, ...tail,
      };
    }
    case "glmm": {
      // logLik is on the absolute scale for every nAGQ; lme4 leaves out a constant for nAGQ > 1.
      const f = result.fit;
      return {
        ...common, family: f.family, nAGQ: f.nAGQ, varcorr: varcorrRows(f.varcorr), theta: f.theta, sigma: 1, logLik: f.logLik, lme4_logLik: f.lme4LogLik,
        AIC: f.AIC, BIC: f.BIC, deviance: f.deviance, REMLcrit: null, singular: f.singular, ranef: f.ranef, ...tail,
      };
    }
  }
}

function varcorrRows(rows: LmmFit["varcorr"]): { group: string; var1: string | null; var2: string | null; sdcor: number }[] {
  return rows.map(({ group, var1, var2, sdcor }) => ({ group, var1, var2, sdcor }));
}
