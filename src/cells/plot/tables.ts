/**
 * Row shapes of the tables that chart presets read. The generator and model cells produce
 * exactly these tables; every column is a plain JSON value (no Dates, no typed arrays).
 *
 * Model keys are short and stable ("complete" | "no" | "partial"); display labels and
 * colours live in {@link ./palette}.
 */

/** A plain row object as it arrives from another cell. */
export type Row = Record<string, unknown>;

/** Named input tables of a preset: table name → rows. */
export type Tables = Record<string, readonly Row[] | undefined>;

/** Which pooling a coefficient row belongs to. */
export type ModelKey = "complete" | "no" | "partial";

/**
 * `data`: one row per observation.
 * - `group`: group label (string or number, shown as text)
 * - `x`: predictor
 * - `y`: response (a count, a 0/1 outcome, or successes when `trials` is given)
 * - `trials`: optional binomial denominator (GLMM); the chart shows `y / trials`
 */
export interface DataRow {
  group: string | number;
  x: number;
  y: number;
  trials?: number;
}

/**
 * `coefs`: per-group line coefficients in long form, one row per (group, model), as in
 * Mahr's "complete / no / partial pooling" figures. Complete pooling is repeated for every group.
 * - `group`: group label
 * - `model`: "complete" | "no" | "partial"
 * - `intercept`, `slope`: the group's line on the link scale (`null` when not estimable,
 *   e.g. a no-pooling fit of a one-point group)
 * - `intercept_se`, `slope_se`: optional standard errors (no pooling: OLS SE)
 * - `n`: optional number of observations n_j in the group
 */
export interface CoefRow {
  group: string | number;
  model: ModelKey;
  intercept: number | null;
  slope: number | null;
  intercept_se?: number | null;
  slope_se?: number | null;
  n?: number;
}

/**
 * `fixef`: fixed effects, one row per term (`tidy(fit, effects = "fixed")`).
 * - `term`: "(Intercept)" or the predictor name (any other term counts as the slope)
 * - `estimate`, `std_error`; optional `conf_low`, `conf_high`
 */
export interface FixefRow {
  term: string;
  estimate: number;
  std_error?: number;
  conf_low?: number;
  conf_high?: number;
}

/**
 * `varcorr`: variance components in lme4's `as.data.frame(VarCorr(fit))` layout.
 * - `grp`: grouping factor, or "Residual"
 * - `var1`: "(Intercept)" / predictor name; `null` for the residual row
 * - `var2`: `null` for a variance row, the second term for a covariance row
 * - `vcov`: variance or covariance
 * - `sdcor`: standard deviation or correlation
 */
export interface VarCorrRow {
  grp: string;
  var1: string | null;
  var2: string | null;
  vcov: number;
  sdcor: number;
}

/**
 * `ranef`: conditional modes in lme4's `as.data.frame(ranef(fit, condVar = TRUE))` layout.
 * - `group`: group label; `term`: "(Intercept)" or the predictor name
 * - `condval`: conditional mode b_j; `condsd`: its conditional SD
 */
export interface RanefRow {
  group: string | number;
  term: string;
  condval: number;
  condsd?: number;
}

/**
 * `population`: population-level predictions on an x grid (ggeffects style), on the response scale.
 * - `x`; `estimate`: fixed-effect prediction
 * - `conf_low`, `conf_high`: confidence band of the fixed-effect line
 * - `pred_low`, `pred_high`: optional prediction band including random-effect variance
 */
export interface PopulationRow {
  x: number;
  estimate: number;
  conf_low?: number;
  conf_high?: number;
  pred_low?: number;
  pred_high?: number;
}

/**
 * `anova`: one row per compared model (lme4 `anova()` after ML refit).
 * - `model`: label; `npar`, `AIC`, `BIC`, `logLik`, `deviance`; optional `Chisq`, `Df`, `p`
 */
export interface AnovaRow {
  model: string;
  npar: number;
  AIC: number;
  BIC: number;
  logLik?: number;
  deviance?: number;
  Chisq?: number | null;
  Df?: number | null;
  p?: number | null;
}

/**
 * `tidy`: `tidy(fit, effects = c("fixed", "ran_pars"), conf.int = TRUE)`.
 * - `effect`: "fixed" | "ran_pars"; `term`; `estimate`; optional `std_error`, `conf_low`, `conf_high`;
 *   optional `truth` (the generating value, sandbox only)
 */
export interface TidyRow {
  effect: string;
  term: string;
  estimate: number;
  std_error?: number | null;
  conf_low?: number | null;
  conf_high?: number | null;
  truth?: number | null;
}

/**
 * `truth`: generating values of a simulation, one row per group and term (true b_j or true
 * group coefficients). `group`, `term`, `value`.
 */
export interface TruthRow {
  group: string | number;
  term: string;
  value: number;
}

/**
 * `recovery`: DeBruine-style parameter recovery, one row per parameter.
 * - `parameter` (e.g. "gamma00", "tau1", "rho"); `truth`; `estimate`; optional `conf_low`, `conf_high`
 */
export interface RecoveryRow {
  parameter: string;
  truth: number;
  estimate: number;
  conf_low?: number | null;
  conf_high?: number | null;
}

/** `groups`: one row per group: `group`, `n` (observations n_j). */
export interface GroupRow {
  group: string | number;
  n: number;
}
