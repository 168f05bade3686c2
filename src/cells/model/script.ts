// How the worker pool starts model-fit workers (see engine/workers/pool.ts).
import type { WorkerScript } from "../../engine/workers/pool";

const NODE_ENTRY = "./model.worker.ts";

export const modelWorkerScript: WorkerScript = {
  name: "model",
  browser: () => new Worker(new URL("./model.worker.ts", import.meta.url), { type: "module", name: "model" }),
  node: () => new URL(NODE_ENTRY, import.meta.url),
  inline: () => import("./tasks").then((m) => m.modelTasks),
};
