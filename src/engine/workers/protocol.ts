// Messages between a WorkerPool and the workers it runs (browser Web Workers or Node worker_threads).
// Everything sent is structured-clonable plain data; a worker announces itself with `ready` before
// the pool sends it any task, so no message can arrive before the worker's handler is installed.

/** Pool → worker: run the handler `name` on `payload`. */
export interface TaskMessage {
  type: "task";
  /** Pool-wide task id, echoed in every reply. */
  id: number;
  name: string;
  payload: unknown;
}

/** Worker → pool. */
export type ReplyMessage =
  | { type: "ready"; handlers: string[] }
  | { type: "progress"; id: number; data: unknown }
  | { type: "result"; id: number; value: unknown }
  | { type: "error"; id: number; message: string };

/** What a task handler gets besides its payload. */
export interface TaskContext {
  /** Sends an intermediate result (e.g. one finished replicate) to the pool's `onProgress`. */
  progress(data: unknown): void;
  /**
   * Moves these buffers to the page with the task's result instead of copying them (the result's
   * typed arrays then cost the page nothing to receive). The handler must not use them afterwards.
   * Ignored where the task runs inline.
   */
  transfer?(buffers: readonly ArrayBuffer[]): void;
}

/** A task handler: pure work on plain data; it runs in a worker, or inline when workers are unavailable. */
export type TaskHandler = (payload: any, context: TaskContext) => unknown | Promise<unknown>;

export type TaskHandlers = Readonly<Record<string, TaskHandler>>;
