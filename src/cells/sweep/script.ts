// How the worker pool starts sweep workers in each environment (see engine/workers/pool.ts).
import type { WorkerScript } from "../../engine/workers/pool";

/** Kept in a variable so Vite does not copy the TypeScript entry as an asset; Node resolves it at run time. */
const NODE_ENTRY = "./sweep.worker.ts";

export const sweepWorkerScript: WorkerScript = {
  name: "sweep",
  // The literal `new Worker(new URL(...), {type: "module"})` form is what Vite recognises and bundles.
  browser: () => new Worker(new URL("./sweep.worker.ts", import.meta.url), { type: "module", name: "sweep" }),
  node: () => new URL(NODE_ENTRY, import.meta.url),
  inline: () => import("./tasks").then((m) => m.sweepTasks),
};
