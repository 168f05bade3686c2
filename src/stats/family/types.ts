/**
 * A GLM family: the response distribution with its link, as R's `family` objects carry them.
 * All functions are scalar so the fitters' loops stay on Float64Arrays without allocation.
 */
import type { FamilyName } from "../frame/model-matrices";

export type LinkName = "logit" | "log" | "identity";

export interface Family {
  readonly name: FamilyName;
  readonly link: LinkName;
  /** η = g(μ). */
  linkfun(mu: number): number;
  /** μ = g⁻¹(η), clamped away from the boundary of the mean's range as R/lme4 clamp it. */
  linkinv(eta: number): number;
  /** dμ/dη at η (bounded below as R does, so IRLS weights never vanish). */
  muEta(eta: number): number;
  /** V(μ). */
  variance(mu: number): number;
  /** The prior-weighted unit deviance of one observation (R's `dev.resids`); ≥ 0. */
  devResid(y: number, mu: number, wt: number): number;
  /**
   * −2·log p(y | μ) of one observation, including all constants (R's `aic()` summand):
   * binomial with y a proportion and wt the number of trials; `phi` is the dispersion (gaussian only).
   */
  aicTerm(y: number, mu: number, wt: number, phi: number): number;
  /** Starting mean for IRLS / PIRLS (R's `initialize`). */
  mustart(y: number, wt: number): number;
  /** Whether the dispersion is fixed at 1 (binomial, poisson) or estimated (gaussian). */
  readonly fixedDispersion: boolean;
  /**
   * Throws FamilyError with a user-facing message when the response cannot come from this family.
   * `rows` maps positions back to 0-based rows of the user's table for the message.
   */
  validate(y: Float64Array, wt: Float64Array | undefined, rows?: Int32Array): void;
}
