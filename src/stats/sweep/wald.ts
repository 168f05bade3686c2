// Wald intervals and tests for one estimate with its standard error, on the normal scale.
import { qnorm, twoSidedP } from "../distributions";

/** est ± z_{1-α/2}·se, or nulls when the SE is not a positive finite number. */
export function waldInterval(estimate: number, se: number, alpha: number): { low: number | null; high: number | null } {
  if (!Number.isFinite(estimate) || !(se > 0) || !Number.isFinite(se)) return { low: null, high: null };
  const z = qnorm(1 - alpha / 2);
  return { low: estimate - z * se, high: estimate + z * se };
}

/** z = (est − null)/se and its two-sided normal p-value; nulls when the SE is unusable. */
export function waldTest(estimate: number, se: number, nullValue = 0): { z: number | null; p: number | null } {
  if (!Number.isFinite(estimate) || !(se > 0) || !Number.isFinite(se)) return { z: null, p: null };
  const z = (estimate - nullValue) / se;
  return { z, p: twoSidedP(z) };
}
