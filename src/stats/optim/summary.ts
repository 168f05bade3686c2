/**
 * The optimizer record: a plain, serialisable value (no functions, no typed arrays).
 *
 * Groups, as in MixedModels.jl's OptSummary:
 * - initial and final values: `initialTheta`, `finalTheta`, `fInitial`, `fMin`, `nEval`, `returnReason`;
 * - settings: `optimizer`, `lower`, `upper`, `initialStep`, `rhobeg`, `rhoend`, `ftolAbs`, `maxeval`;
 * - trace: `fitLog`, one row per objective evaluation.
 */

/** Why the optimizer stopped. */
export type ReturnReason =
  | "rhoend_reached" // trust region radius reached its final value (NLopt: XTOL_REACHED)
  | "ftol_abs_reached" // an improvement of the best value was below ftolAbs (NLopt: FTOL_REACHED)
  | "maxeval_reached"
  | "model_step_failed"; // a trust-region step failed to reduce the quadratic model (roundoff)

/** One objective evaluation. */
export interface FitLogRow {
  theta: number[];
  objective: number;
}

export interface OptSummary {
  optimizer: "bobyqa";
  initialTheta: number[];
  finalTheta: number[];
  fInitial: number;
  fMin: number;
  nEval: number;
  returnReason: ReturnReason;
  /** Lower bounds (−Infinity serialises as null in JSON). */
  lower: number[];
  upper: number[];
  /** Per-variable initial steps; the problem is solved in x/initialStep coordinates. */
  initialStep: number[];
  /** Initial and final trust-region radius in the scaled coordinates. */
  rhobeg: number;
  rhoend: number;
  ftolAbs: number;
  maxeval: number;
  fitLog: FitLogRow[];
}

export interface BobyqaOptions {
  lower?: readonly number[];
  upper?: readonly number[];
  /** Initial step per variable; default NLopt's heuristic (see `defaultInitialStep`). */
  initialStep?: readonly number[];
  /** Final trust-region radius in original units (NLopt xtol_abs); default 1e-8. */
  xtolAbs?: number;
  /** Stop when a new best value improves the previous best by less than this; default 1e-8 (0 disables). */
  ftolAbs?: number;
  /** Maximum number of objective evaluations; default 1e5. */
  maxeval?: number;
  /** Record every evaluation in `fitLog` (default true). */
  log?: boolean;
}
