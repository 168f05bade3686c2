/**
 * The result of `fitLmm`: a plain, JSON-serialisable value laid out like lme4's accessors.
 */
import type { OptSummary, ReturnReason } from "../optim/summary";

export interface LmmOptions {
  /** REML (default, as lmer) or maximum likelihood. */
  REML?: boolean;
  /** Compute conditional SDs of the random effects (lme4's condVar = TRUE, default true). */
  condVar?: boolean;
  /** Formula text, only echoed by `formatLmmSummary`. */
  formula?: string;
  /**
   * θ to start the optimizer from, as lme4's `start = list(theta = ...)` (default: 1 on the
   * diagonals, 0 elsewhere). A start near the optimum (the fit of slightly different data) also takes
   * small initial steps, max(0.05, |θᵢ|/10), so the optimizer needs about half the evaluations.
   * Ignored unless it has one finite value per θ, each within its bound.
   */
  start?: readonly number[];
  /**
   * Check the gradient and Hessian at the optimum as lme4's checkConv does (default true); a draft fit
   * during a drag skips it (its warnings come with the exact refit at the end).
   */
  checkConvergence?: boolean;
  /** Keep the optimizer's trace (`optimizer.fitLog`, lme4's optinfo feval log); default true. */
  log?: boolean;
  /** Optimizer settings; defaults are lme4's nloptwrap ones (xtol_abs = ftol_abs = 1e-8, maxeval = 1e5). */
  xtolAbs?: number;
  ftolAbs?: number;
  maxeval?: number;
}

/** One row of fixef(fit) with its standard error and t value. */
export interface FixefRow {
  term: string;
  estimate: number;
  se: number;
  t: number;
}

/** One row of lme4's as.data.frame(VarCorr(fit)): an SD when var2 is null, a correlation otherwise. */
export interface VarCorrRow {
  group: string;
  var1: string | null;
  var2: string | null;
  /** Variance or covariance (lme4's `vcov` column). */
  vcov: number;
  sdcor: number;
}

/** Conditional modes (ranef) and conditional SDs per grouping factor. */
export interface RanefGroup {
  group: string;
  levels: string[];
  values: Record<string, number[]>;
  condsd: Record<string, number[]> | null;
}

/** coef(fit)[[group]]: fixed effects plus the group's conditional modes, one row per level. */
export interface CoefGroup {
  group: string;
  levels: string[];
  values: Record<string, number[]>;
}

/** Description of one random-effects term in lme4's (sorted) order. */
export interface ReTermSummary {
  group: string;
  /** VarCorr's group label (a repeated factor gets `.1`, `.2` as lme4 names it). */
  label: string;
  columnNames: string[];
  nlevels: number;
  /** Where this term's elements sit in theta. */
  thetaOffset: number;
}

/** Why the fit is (not) considered converged. */
export interface LmmConvergence {
  /** The optimizer's stopping reason. */
  optimizer: ReturnReason;
  /**
   * lme4's post-fit scaled-gradient check (δ = 1e-4 central differences, tol 2e-3): skipped for
   * singular fits, n ≥ 1e4 or ≥ 10 θ (as lme4); "unavailable" when the Hessian is not positive definite.
   */
  gradientCheck: "passed" | "failed" | "skipped" | "unavailable";
  maxGrad: number | null;
}

export interface LmmFit {
  kind: "lmm";
  REML: boolean;
  formula: string | null;
  responseName: string;
  nobs: number;
  /** Number of levels per grouping factor (lme4's ngrps). */
  ngroups: Record<string, number>;
  terms: ReTermSummary[];
  fixef: FixefRow[];
  /** sigma² (R_Xᵀ R_X)⁻¹, row-major p × p. */
  vcov: number[][];
  varcorr: VarCorrRow[];
  theta: number[];
  sigma: number;
  logLik: number;
  AIC: number;
  BIC: number;
  /** ML deviance (null for REML fits, as in the reference layout). */
  deviance: number | null;
  /** REML criterion at convergence (null for ML fits). */
  REMLcrit: number | null;
  /** Number of parameters: p + length(theta) + 1. */
  npar: number;
  dfResid: number;
  singular: boolean;
  /** False when the evaluation limit was hit or the gradient check failed (reasons in `convergence`). */
  converged: boolean;
  convergence: LmmConvergence;
  /** lme4-style notes: "boundary (singular) fit: see help('isSingular')", convergence warnings. */
  messages: string[];
  ranef: RanefGroup[];
  coef: CoefGroup[];
  fitted: number[];
  residuals: number[];
  /** Pearson residuals / sigma (lme4's residuals(fit, "pearson", scaled = TRUE)). */
  scaledResiduals: number[];
  /** Intermediate quantities of the profiled criterion at the optimum (§1.4). */
  pls: { ldL2: number; ldRX2: number; pwrss: number; sumLogW: number };
  optimizer: OptSummary;
}

/** What `fitLmmEstimates` returns: a fit without its per-level and per-observation outputs. */
export type LmmEstimates = Omit<LmmFit, "ranef" | "coef" | "fitted" | "residuals" | "scaledResiduals">;
