// One task in a cell's worker, cancelled with the cell's run: when a newer value supersedes the run
// the engine aborts `signal`, and the pool terminates the worker mid-task (a simulation or a fit
// cannot be interrupted cooperatively) and starts a fresh one for the next run.
import { sharedPool, type WorkerScript } from "../../engine/workers/pool";

export async function runInWorker<R>(script: WorkerScript, task: string, payload: unknown, signal: AbortSignal): Promise<R> {
  const pool = await sharedPool(script, { workers: 1 });
  const [value] = await pool.run<R>([{ name: task, payload }], { signal, concurrency: 1 });
  return value!;
}
