// The rules a PIRLS step is judged by, shared by the general iteration (pirls.ts) and the fused
// one-term iteration (pirls-scalar.ts) so the two always accept, halve and stop alike.
import { GlmmError } from "./error";
import type { PirlsControl } from "./pirls";

/**
 * Whether a (possibly halved) step's penalized deviance is acceptable: any finite value for the first
 * step (no previous deviance to beat), else no increase beyond roundoff and the rounding floor of Σ dᵢ.
 */
export function stepAccepted(pdevNew: number, pdev: number, devNoise: number): boolean {
  return !Number.isFinite(pdev) ? Number.isFinite(pdevNew) : pdevNew <= pdev + 1e-10 * Math.abs(pdev) + devNoise;
}

/** lme4's error when step-halving cannot reduce the penalized deviance. */
export function stepHalvingFailed(): GlmmError {
  return new GlmmError(
    "(maxstephalfit) PIRLS step-halvings failed to reduce deviance in pwrssUpdate: the conditional modes could not be found (check for complete separation or extreme predictor values)",
  );
}

/**
 * Whether PIRLS has converged after a step from `pdevOld` to `pdev`: a relative change below the
 * tolerance (or below 1e-14, where floating point makes no further progress), a full step whose
 * largest increment is below `tolQuad`, or a change within the rounding floor of Σ dᵢ.
 */
export function pirlsConverged(
  ctl: PirlsControl, pdev: number, pdevOld: number, fullStep: boolean, maxIncrement: number, maxAbsU: number, devNoise: number,
): boolean {
  const rel = Math.abs(pdevOld - pdev) / pdev;
  const quad = ctl.tolQuad !== undefined && fullStep && maxIncrement < ctl.tolQuad * (1 + maxAbsU);
  const floor = ctl.tolPwrss > 0 && Math.abs(pdev - pdevOld) <= devNoise;
  return rel < ctl.tolPwrss || rel < 1e-14 || quad || floor;
}

/**
 * A Newton step's increment for `count` entries: increment[at + i] = next[from + i] − current[at + i]
 * (`increment` may be `next` itself). Returns max(maxSoFar, max |increment|), the step size that
 * PIRLS's stopping rules read.
 */
export function writeIncrement(
  next: Float64Array, from: number, current: Float64Array, increment: Float64Array, at: number, count: number, maxSoFar: number,
): number {
  let max = maxSoFar;
  for (let i = 0; i < count; i++) {
    const d = next[from + i]! - current[at + i]!;
    increment[at + i] = d;
    if (Math.abs(d) > max) max = Math.abs(d);
  }
  return max;
}
