/**
 * Options and result of `fitGlmm`: a plain, JSON-serialisable value laid out like the LMM's
 * (`LmmFit`) and like lme4's accessors for a glmer fit.
 */
import type { OptSummary } from "../optim/summary";
import type { CoefGroup, RanefGroup, ReTermSummary, VarCorrRow } from "../lmm/types";
import type { LinkName } from "../family/types";

export interface GlmmOptions {
  family: "binomial" | "poisson";
  /**
   * Quadrature points: 1 = Laplace (default); 0 = lme4's nAGQ = 0 (β estimated inside PIRLS,
   * only θ optimised); > 1 = adaptive Gauss–Hermite (single scalar random-effects term only).
   */
  nAGQ?: number;
  /** Formula text, only echoed by `formatGlmmSummary`. */
  formula?: string;
  /** Standard errors of β: "hessian" (glmer's default, finite-difference Hessian over (θ, β)) or "RX". */
  vcov?: "hessian" | "RX";
  /**
   * How the deviance is evaluated in stage 2 and for the Hessian: "lme4" (default) reproduces
   * glmer's deviance function (PIRLS from the stage-1 linear predictor, tolPwrss = 1e-7,
   * log|L|² one iteration behind), so logLik and the Hessian standard errors match glmer's;
   * "exact" converges PIRLS to machine precision and uses log|L|² at the mode: the exact Laplace
   * approximation (MixedModels.jl's value; cbpp logLik −92.02628 vs glmer's −92.02657, SEs ~1% larger).
   */
  deviance?: "lme4" | "exact";
  /** Maximum deviance evaluations per optimizer stage (default 10000). */
  maxeval?: number;
  /** Compute conditional SDs of the random effects (default true). */
  condVar?: boolean;
  /**
   * A draft fit while a slider is dragged (see {@link DRAFT_GLMM_XTOL}): stage 2 stops at a looser
   * tolerance, the standard errors come from R_X (no finite-difference Hessian, no convergence
   * check), and with a usable `start` stage 1 is skipped. The exact refit follows the drag.
   */
  draft?: boolean;
  /**
   * A draft's θ to start from: the last fit's θ̂ of the same model. Ignored unless `draft`, and when
   * it does not fit the model (length, finiteness, bounds): the draft then runs stage 1 from lme4's
   * start.
   */
  start?: readonly number[];
}

/** One row of fixef with its standard error, Wald z and two-sided normal p-value. */
export interface GlmmFixefRow {
  term: string;
  estimate: number;
  se: number;
  z: number;
  p: number;
}

export interface GlmmFit {
  kind: "glmm";
  family: "binomial" | "poisson";
  link: LinkName;
  nAGQ: number;
  formula: string | null;
  responseName: string;
  nobs: number;
  ngroups: Record<string, number>;
  terms: ReTermSummary[];
  fixef: GlmmFixefRow[];
  /** Row-major p × p covariance of β̂ (see `vcovMethod`). */
  vcov: number[][];
  /** "hessian": 2·H⁻¹ (β block) of the finite-difference Hessian of the deviance over (θ, β), as glmer's summary; "RX": (R_XᵀR_X)⁻¹. */
  vcovMethod: "hessian" | "RX";
  /** Standard deviations and correlations of the random effects (no Residual row: the scale is fixed at 1). */
  varcorr: VarCorrRow[];
  theta: number[];
  /** −½ of the deviance below (absolute scale for every nAGQ; see `lme4LogLik`). */
  logLik: number;
  AIC: number;
  BIC: number;
  /** −2 log-likelihood on the absolute scale (what glmer's summary prints as "deviance" / "-2*log(L)"). */
  minus2logLik: number;
  /** lme4's deviance(): Σ squared deviance residuals at the conditional modes. */
  deviance: number;
  /**
   * The log-likelihood as lme4 reports it: the same as logLik for nAGQ ≤ 1; for nAGQ > 1 lme4 leaves
   * out the saturated-model constant (cbpp nAGQ = 25: −50.005 vs −91.98 on the absolute scale).
   */
  lme4LogLik: number;
  /** p + length(θ). */
  npar: number;
  dfResid: number;
  singular: boolean;
  converged: boolean;
  /** Fitted probabilities numerically 0 or 1 (binomial) or rates numerically 0 (poisson): the estimates diverge. */
  separation: boolean;
  messages: string[];
  ranef: RanefGroup[];
  coef: CoefGroup[];
  /** Fitted means μ at the conditional modes. */
  fitted: number[];
  linearPredictor: number[];
  /** Deviance residuals (lme4's residuals() default for glmer). */
  residuals: number[];
  /** Pearson residuals (y − μ)·√wt/√V(μ) (summary's "Scaled residuals"). */
  pearsonResiduals: number[];
  /**
   * The exact Laplace pieces at the optimum with PIRLS converged to machine precision
   * (mixed-models.md §3.2); `minus2logLik` is their sum (ldL2 + sqrU + aicTerm) for nAGQ ≤ 1.
   */
  laplace: { ldL2: number; sqrU: number; sumDevResid: number; aicTerm: number; minus2logLik: number };
  /** Optimizer records: stage 1 (θ, β inside PIRLS) and stage 2 (θ and β jointly; null for nAGQ = 0). */
  /** stage1 is null for a draft started from the last fit (GlmmOptions.start). */
  optimizer: { stage1: OptSummary | null; stage2: OptSummary | null };
  /** Finite-difference derivatives of the deviance at the optimum over (θ, β), when computed. */
  derivs: { gradient: number[]; hessian: number[][] } | null;
}
