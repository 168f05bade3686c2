// How the worker pool starts simulation workers (see engine/workers/pool.ts).
import type { WorkerScript } from "../../engine/workers/pool";

const NODE_ENTRY = "./generator.worker.ts";

export const generatorWorkerScript: WorkerScript = {
  name: "generator",
  browser: () => new Worker(new URL("./generator.worker.ts", import.meta.url), { type: "module", name: "generator" }),
  node: () => new URL(NODE_ENTRY, import.meta.url),
  inline: () => import("./tasks").then((m) => m.generatorTasks),
};
