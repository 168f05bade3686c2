// The worker side of the pool: install task handlers in a browser Web Worker or a Node worker thread.
// A worker entry file is two lines: import its handlers, call `serveTasks(handlers)`.
import type { ReplyMessage, TaskHandlers, TaskMessage } from "./protocol";

interface Port {
  post(message: ReplyMessage, transfer?: ArrayBuffer[]): void;
  listen(handler: (message: TaskMessage) => void): void;
}

/** The module name is kept in a variable so bundlers leave the Node-only import alone. */
const NODE_WORKER_THREADS = "node:worker_threads";

async function currentPort(): Promise<Port> {
  const scope = globalThis as unknown as {
    WorkerGlobalScope?: unknown;
    postMessage?: (m: unknown, transfer?: ArrayBuffer[]) => void;
    addEventListener?: (type: "message", h: (e: MessageEvent) => void) => void;
  };
  if (scope.WorkerGlobalScope !== undefined && typeof scope.postMessage === "function" && scope.addEventListener) {
    return {
      post: (m, transfer) => scope.postMessage!(m, transfer ?? []),
      listen: (h) => scope.addEventListener!("message", (e: MessageEvent) => h(e.data as TaskMessage)),
    };
  }
  const threads = (await import(/* @vite-ignore */ NODE_WORKER_THREADS)) as typeof import("node:worker_threads");
  const port = threads.parentPort;
  if (!port) throw new Error("serveTasks: not running in a worker");
  return { post: (m, transfer) => port.postMessage(m, transfer ?? []), listen: (h) => port.on("message", h) };
}

/** Runs one task through `handlers`, reporting progress and the result (or the error) through `post`. */
export async function runTask(handlers: TaskHandlers, message: TaskMessage, post: (m: ReplyMessage, transfer?: ArrayBuffer[]) => void): Promise<void> {
  const { id, name, payload } = message;
  try {
    const handler = Object.hasOwn(handlers, name) ? handlers[name] : undefined;
    if (!handler) throw new Error(`no task handler "${name}" in this worker (has ${Object.keys(handlers).join(", ")})`);
    // A Set: listing one buffer twice (two views of it) would make postMessage throw.
    const moved = new Set<ArrayBuffer>();
    const value = await handler(payload, {
      progress: (data) => post({ type: "progress", id, data }),
      transfer: (buffers) => buffers.forEach((b) => moved.add(b)),
    });
    post({ type: "result", id, value }, [...moved]);
  } catch (error) {
    post({ type: "error", id, message: error instanceof Error ? error.message || error.name : String(error) });
  }
}

/** Serves `handlers` in the current worker: tasks run one at a time, in arrival order. */
export async function serveTasks(handlers: TaskHandlers): Promise<void> {
  const port = await currentPort();
  let chain = Promise.resolve();
  port.listen((message) => {
    if (message?.type !== "task") return;
    chain = chain.then(() => runTask(handlers, message, (m, transfer) => port.post(m, transfer)));
  });
  port.post({ type: "ready", handlers: Object.keys(handlers) });
}
