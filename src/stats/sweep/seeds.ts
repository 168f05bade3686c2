// Seeds of a sweep: replicate r at grid point g simulates with a seed derived from (seed, g, r) only,
// so a table does not depend on how replicates were split among workers or in which order they ran.
import { createRng } from "../simulate/rng";

/** Stream key reserved for sweeps (the simulator uses 1..4 for its own streams). */
const STREAM_SWEEP = 0x5357; // "SW"

/** The simulation seed of replicate `replicate` at grid point `point`: an integer in [0, 2^53). */
export function replicateSeed(seed: number, point: number, replicate: number): number {
  if (!Number.isInteger(point) || point < 0 || !Number.isInteger(replicate) || replicate < 0) {
    throw new Error(`replicateSeed: point and replicate must be non-negative integers, got ${point}, ${replicate}`);
  }
  const rng = createRng(seed, STREAM_SWEEP, point, replicate);
  const lo = rng.nextUint32();
  const hi = rng.nextUint32() & 0x1fffff;
  return hi * 4294967296 + lo;
}
