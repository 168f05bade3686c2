// Worker pool usable by any cell; see pool.ts for the design and serve.ts for the worker side.
export { WorkerPool, TaskAbortedError, hardwareConcurrency, sharedPool, disposeSharedPools } from "./pool";
export type { PoolMode, PoolOptions, PoolStats, PoolTask, RunOptions, WorkerScript } from "./pool";
export { serveTasks, runTask } from "./serve";
export type { ReplyMessage, TaskContext, TaskHandler, TaskHandlers, TaskMessage } from "./protocol";
