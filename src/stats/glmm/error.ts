/** A GLMM that cannot be fitted as specified (PIRLS failure, unsupported nAGQ, bad input). */
export class GlmmError extends Error {
  override name = "GlmmError";
}

/** PIRLS's message when the joint step's Schur complement (R_X) is not positive definite. */
export const RANK_DEFICIENT = "PIRLS: the weighted fixed-effects model matrix is rank deficient (weights numerically zero?)";
