/** A GLMM that cannot be fitted as specified (PIRLS failure, unsupported nAGQ, bad input). */
export class GlmmError extends Error {
  override name = "GlmmError";
}
