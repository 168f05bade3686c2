// Running the fits a model cell asks for on one model frame, so complete pooling, no pooling and
// the mixed model of a comparison share the parsing and the design matrices.
import { formulaTerms } from "../../stats/formula/terms";
import { modelFrame } from "../../stats/frame/model-frame";
import type { DataColumns, FamilyName, ModelMatrices } from "../../stats/frame/model-matrices";
import { fitLmm, formatLmmSummary, type LmmFit } from "../../stats/lmm";
import { completePooling } from "../../stats/pooling/complete";
import { noPoolingSeparate } from "../../stats/pooling/separate";
import type { PoolingFit } from "../../stats/pooling/types";

/** The mixed model's result, whatever the family. */
export type MixedFit = LmmFit;

export interface FitOptions {
  family: FamilyName;
  REML: boolean;
  nAGQ: number;
  factors?: readonly string[];
}

export function buildFrame(formula: string, data: DataColumns, options: FitOptions): ModelMatrices {
  return modelFrame(formulaTerms(formula), data, { factors: options.factors ? [...options.factors] : undefined, family: options.family });
}

/** lmer for gaussian, glmer otherwise. */
export function fitMixed(frame: ModelMatrices, formula: string, options: FitOptions): MixedFit {
  if (frame.reTerms.length === 0) throw new Error(`the formula "${formula}" has no random-effects term such as (1 | group)`);
  if (options.family !== "gaussian") throw new Error(`${options.family} mixed models are not available yet`);
  return fitLmm(frame, { REML: options.REML, formula });
}

export function formatMixedSummary(fit: MixedFit): string {
  return formatLmmSummary(fit);
}

export function fitComplete(frame: ModelMatrices, options: FitOptions): PoolingFit {
  if (options.family !== "gaussian") throw new Error(`complete pooling for ${options.family} needs a GLM, which is not available yet`);
  return completePooling(frame);
}

export function fitNoPooling(frame: ModelMatrices, options: FitOptions): PoolingFit {
  if (options.family !== "gaussian") throw new Error(`no pooling for ${options.family} needs a GLM, which is not available yet`);
  return noPoolingSeparate(frame);
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
