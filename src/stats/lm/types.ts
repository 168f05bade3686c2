/** One fixed-effect coefficient with its standard error and t value (NaN for an aliased column). */
export interface FixedEffect {
  readonly term: string;
  readonly estimate: number;
  readonly se: number;
  readonly t: number;
}

/** Per-level coefficients of a grouping factor, shaped like lme4's `coef(fit)`. */
export interface GroupCoefficients {
  readonly group: string;
  readonly levels: readonly string[];
  /** For each coefficient name, one value per level. */
  readonly values: Readonly<Record<string, readonly number[]>>;
}

/** An ordinary (optionally weighted) least-squares fit. */
export interface LmFit {
  readonly kind: "lm";
  readonly fixef: readonly FixedEffect[];
  /** Residual standard deviation, √(RSS / (n − p)). */
  readonly sigma: number;
  /** Gaussian log-likelihood at the ML estimate of σ, as R's logLik.lm. */
  readonly logLik: number;
  readonly AIC: number;
  readonly BIC: number;
  /** Weighted residual sum of squares (R's deviance.lm). */
  readonly deviance: number;
  readonly nobs: number;
  /** n − p. */
  readonly dfResid: number;
  /** Fitted values on the response scale, including any offset (plain arrays, as the LMM's). */
  readonly fitted: number[];
  readonly residuals: number[];
  /** Notes, e.g. that sums of squares overflowed. */
  readonly messages: string[];
}
