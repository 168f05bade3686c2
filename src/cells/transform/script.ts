// How the worker pool starts transform workers (see engine/workers/pool.ts).
import type { WorkerScript } from "../../engine/workers/pool";

const NODE_ENTRY = "./transform.worker.ts";

export const transformWorkerScript: WorkerScript = {
  name: "transform",
  browser: () => new Worker(new URL("./transform.worker.ts", import.meta.url), { type: "module", name: "transform" }),
  node: () => new URL(NODE_ENTRY, import.meta.url),
  inline: () => import("./tasks").then((m) => m.transformTasks),
};
