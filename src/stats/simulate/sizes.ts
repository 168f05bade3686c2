/**
 * Group sizes for the simulator: a deterministic geometric spread, then a seeded shuffle.
 */
import { type Rng, uniformInt } from "./rng";

/** Largest-to-smallest size ratio reached at imbalance 1 (before rounding). */
export const MAX_SIZE_RATIO = 50;

/**
 * Sizes n_1..n_J summing to N = round(J·meanSize) (or less the tiny group), each ≥ 1.
 *
 * Weights w_k = exp(κ·(2(k-1)/(J-1) - 1)) for k = 1..J, with κ = imbalance·ln(MAX_SIZE_RATIO)/2, so
 * imbalance 0 gives equal weights and imbalance 1 a largest/smallest ratio of MAX_SIZE_RATIO.
 * Sizes are allocated by largest remainder of N·w_k/Σw after reserving one row per group, then
 * assigned to groups in a seeded random order (so the big groups are not always G01, G02, ...).
 * With `tinyGroup` t ∈ {1, 2} the last group gets exactly t rows and the others share N - t.
 */
export function groupSizes(
  rng: Rng,
  groups: number,
  meanSize: number,
  imbalance: number,
  tinyGroup: number,
): Int32Array {
  const sizes = new Int32Array(groups);
  const regular = tinyGroup > 0 ? groups - 1 : groups;
  const total = Math.max(regular, Math.round(groups * meanSize) - tinyGroup);
  const kappa = (imbalance * Math.log(MAX_SIZE_RATIO)) / 2;
  const weights = new Float64Array(regular);
  let sum = 0;
  for (let k = 0; k < regular; k++) {
    const t = regular === 1 ? 0 : (2 * k) / (regular - 1) - 1;
    weights[k] = Math.exp(kappa * t);
    sum += weights[k];
  }
  // Reserve one row per group, share the rest by largest remainder.
  const spare = total - regular;
  const remainders = new Float64Array(regular);
  let given = 0;
  for (let k = 0; k < regular; k++) {
    const exact = (spare * weights[k]) / sum;
    const whole = Math.floor(exact);
    sizes[k] = 1 + whole;
    remainders[k] = exact - whole;
    given += whole;
  }
  const order = Array.from({ length: regular }, (_, k) => k).sort((a, b) => remainders[b] - remainders[a] || a - b);
  for (let i = 0; given < spare; i++, given++) sizes[order[i % regular]] += 1;
  // Seeded Fisher-Yates over the regular groups.
  for (let k = regular - 1; k > 0; k--) {
    const j = uniformInt(rng, k + 1);
    const tmp = sizes[k];
    sizes[k] = sizes[j];
    sizes[j] = tmp;
  }
  if (tinyGroup > 0) sizes[groups - 1] = tinyGroup;
  return sizes;
}
