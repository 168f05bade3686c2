/**
 * Seeded row sampling for the pipeline. Arquero's own `sample` draws from a process-wide random
 * source (`aq.seed` is global), so we draw indices with our PRNG and let Arquero reify them.
 */
import type { ColumnTable } from "arquero";
import { createRng, uniformInt } from "../../stats/simulate/rng";
import type { SampleSpec } from "./steps";

/** Stream key of pipeline sampling, so sample seeds never collide with simulation streams. */
const STREAM_SAMPLE = 0x53414d50; // "SAMP"

/**
 * Rows drawn per group (or from the whole table): `n` rows, or round(frac·n_g). Without
 * replacement the size is capped at the group size (partial Fisher–Yates); with replacement rows
 * are drawn uniformly. Chosen rows keep their original order, and grouping is kept.
 */
export function sampleTable(table: ColumnTable, spec: SampleSpec): ColumnTable {
  const rng = createRng(spec.seed, STREAM_SAMPLE);
  const parts = table.partitions(true) as ArrayLike<number>[];
  const chosen: number[] = [];
  for (const part of parts) {
    const len = part.length;
    let size = spec.n !== undefined ? spec.n : Math.round((spec.frac ?? 0) * len);
    if (len === 0) continue;
    if (spec.replace) {
      const picks = new Array<number>(size);
      for (let k = 0; k < size; k++) picks[k] = uniformInt(rng, len);
      picks.sort((a, b) => a - b);
      for (const k of picks) chosen.push(part[k]);
    } else {
      size = Math.min(size, len);
      const pool = Array.from(part);
      for (let k = 0; k < size; k++) {
        const j = k + uniformInt(rng, len - k);
        const tmp = pool[k];
        pool[k] = pool[j];
        pool[j] = tmp;
      }
      const positions = pool.slice(0, size);
      // Restore table order among the chosen rows.
      const rank = new Map<number, number>();
      for (let k = 0; k < len; k++) rank.set(part[k], k);
      positions.sort((a, b) => rank.get(a)! - rank.get(b)!);
      chosen.push(...positions);
    }
  }
  return table.reify(chosen);
}
