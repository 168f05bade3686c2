// The sweep's task handlers, served by sweep.worker.ts (or run inline by the pool).
import type { TaskHandlers } from "../../engine/workers/protocol";
import { replicateStart, runReplicate, type ChunkPayload } from "./replicate";

export interface ChunkTask extends ChunkPayload {
  /** Inline runs yield to the event loop between replicates so the page stays responsive. */
  yieldBetween?: boolean;
}

/** Several chunks in one task (a draft's round: one replicate of every grid point). */
export interface RoundTask {
  chunks: ChunkTask[];
}

export const sweepTasks: TaskHandlers = {
  /** Runs replicates from..to of one grid point; each result goes out as progress; returns the count. */
  async "sweep.chunk"(payload: ChunkTask, context) {
    for (let r = payload.from; r < payload.to; r++) {
      if (payload.yieldBetween) await new Promise((resolve) => setTimeout(resolve, 0));
      context.progress(runReplicate(payload, r, replicateStart(payload, r)));
    }
    return payload.to - payload.from;
  },
  /**
   * Runs its chunks in order, each replicate reported as progress: a draft's worker fits a replicate
   * of every grid point without waiting for the page between them.
   */
  async "sweep.round"(payload: RoundTask, context) {
    let done = 0;
    for (const chunk of payload.chunks) done += (await sweepTasks["sweep.chunk"]!(chunk, context)) as number;
    return done;
  },
};
