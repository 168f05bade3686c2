import type { GroupCoefficients, LmFit } from "../lm/types";

/**
 * A pooling fit in the same shape as the mixed model's, so teaching templates can put complete
 * pooling, no pooling and partial pooling (the LMM) side by side.
 */
export interface PoolingFit extends Omit<LmFit, "kind"> {
  /** `complete`: one lm ignoring groups. `separate`: one lm per group. `fixed-factor`: one lm with the group as a factor. */
  readonly kind: "complete" | "separate" | "fixed-factor";
  /** The grouping factor the per-group coefficients are for. */
  readonly group: string;
  /** Per-level coefficients, named like lme4's `coef(fit)`. */
  readonly coef: readonly GroupCoefficients[];
  /** Notes, e.g. coefficients a group's data cannot estimate. */
  readonly messages: string[];
}

/** Options of the no-pooling fits. */
export interface PoolingOptions {
  /** The grouping factor (an lme4 name such as `Subject` or `a:b`); defaults to the first random term's. */
  readonly group?: string;
}
