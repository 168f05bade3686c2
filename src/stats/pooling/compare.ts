import type { ModelMatrices } from "../frame/model-matrices";
import { fitLmm, type LmmFit } from "../lmm";
import { completePooling } from "./complete";
import { noPoolingFixedFactor } from "./fixed-factor";
import { noPoolingSeparate } from "./separate";
import type { PoolingFit, PoolingOptions } from "./types";

/** Options of `comparePooling`. */
export interface CompareOptions extends PoolingOptions {
  /** REML (default) or ML for the partial-pooling fit. */
  readonly REML?: boolean;
  /** How to fit no pooling: one lm per group (default) or the group as a fixed factor. */
  readonly noPooling?: "separate" | "fixed-factor";
}

/** The three fits a teaching template puts side by side. */
export interface PoolingComparison {
  readonly complete: PoolingFit;
  readonly none: PoolingFit;
  readonly partial: LmmFit;
}

/** Complete pooling, no pooling and partial pooling (the LMM) of one model frame. */
export function comparePooling(m: ModelMatrices, options: CompareOptions = {}): PoolingComparison {
  const none = options.noPooling === "fixed-factor" ? noPoolingFixedFactor(m, options) : noPoolingSeparate(m, options);
  return { complete: completePooling(m, options), none, partial: fitLmm(m, { REML: options.REML ?? true }) };
}
