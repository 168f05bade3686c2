// A pool of workers usable by any cell: browser Web Workers in the app, Node worker threads in the
// CLI and the tests, or inline (in this thread, yielding between tasks) where neither exists.
//
// A cell describes its worker once as a WorkerScript: how the browser starts it (the Vite idiom
// `new Worker(new URL("./x.worker.ts", import.meta.url), {type: "module"})`, written in the cell's own
// folder so Vite bundles that entry), the same entry's URL for Node, and a lazy import of its task
// handlers for inline runs. The entry itself calls `serveTasks(handlers)`, so one set of handlers
// (pure functions of plain data) runs unchanged in all three places.
//
// `pool.run(tasks, {signal, concurrency, onProgress, onResult})` queues the tasks; idle workers take
// them in order. Aborting the signal drops the run's queued tasks and terminates the workers busy
// with its tasks at once (a fit cannot be interrupted cooperatively); other runs are unaffected and
// terminated workers are replaced on demand. Aborting `drain` instead settles the run with what has
// finished: queued tasks are dropped, and tasks in flight finish in their workers (unlike an abort,
// which would cost a worker restart) with their results ignored. Idle workers are kept for the next
// run (unref'd in Node so they never hold the process open) and closed after `idleMs`.
import type { ReplyMessage, TaskHandlers, TaskMessage } from "./protocol";

export interface WorkerScript {
  /** Name for messages and the shared-pool cache, e.g. "sweep". */
  readonly name: string;
  /** Starts a module Web Worker running `serveTasks` (browser). */
  readonly browser?: () => Worker;
  /** URL of the same worker entry for Node worker_threads (a .ts entry is loaded through tsx). */
  readonly node?: () => URL | string;
  /** The task handlers, for running inline when workers are unavailable or `mode: "inline"`. */
  readonly inline?: () => Promise<TaskHandlers>;
}

export type PoolMode = "browser" | "node" | "inline";

export interface PoolOptions {
  /** Upper bound on live workers (default: the machine's cores). Runs may ask for fewer. */
  maxWorkers?: number;
  /** Force a mode; default: browser where `Worker` exists, node under Node, else inline. */
  mode?: PoolMode;
  /** Idle workers are closed after this long (default 30 s). */
  idleMs?: number;
}

export interface PoolTask {
  /** Handler name in the worker. */
  name: string;
  payload: unknown;
}

export interface RunOptions {
  signal?: AbortSignal;
  /**
   * Aborting it resolves the run at once with the results finished so far (undefined in the places of
   * the others): queued tasks are dropped, tasks in flight finish in their workers and are ignored.
   * Cheaper than `signal` when the workers will be wanted again soon (no worker is terminated).
   */
  drain?: AbortSignal;
  /** Most workers this run uses at once (default: all the pool allows). */
  concurrency?: number;
  /** Intermediate data a handler sent with `context.progress`, with the task's index. */
  onProgress?: (task: number, data: unknown) => void;
  /** A task's final value, as soon as it arrives (results also come back in order from `run`). */
  onResult?: (task: number, value: unknown) => void;
}

export interface PoolStats {
  mode: PoolMode;
  /** Workers started so far. */
  spawned: number;
  /** Workers terminated because a run was aborted, the pool disposed or they sat idle. */
  terminated: number;
  /** Workers alive now (starting, idle or busy). */
  live: number;
  /** Workers running a task now. */
  busy: number;
}

/** The error a run rejects with when its signal aborts. */
export class TaskAbortedError extends Error {
  override name = "AbortError";
}

/** Cores available to this page or process. */
export async function hardwareConcurrency(): Promise<number> {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  if (nav?.hardwareConcurrency && nav.hardwareConcurrency > 0) return nav.hardwareConcurrency;
  if (isNode()) {
    try {
      const os = (await import(/* @vite-ignore */ NODE_OS)) as typeof import("node:os");
      return typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
    } catch {
      return 1;
    }
  }
  return 1;
}

/** Module names live in variables so Vite leaves these Node-only imports alone in the browser bundle. */
const NODE_OS = "node:os";
const NODE_WORKER_THREADS = "node:worker_threads";
const NODE_BOOTSTRAP = "./node-bootstrap.mjs";

function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === "string";
}

function detectMode(script: WorkerScript): PoolMode {
  if (typeof (globalThis as { Worker?: unknown }).Worker === "function" && script.browser && !isNode()) return "browser";
  if (isNode() && script.node) return "node";
  return "inline";
}

/** One started worker, whatever its kind. */
interface Handle {
  post(message: TaskMessage): void;
  terminate(): void;
  /** Node only: whether the worker keeps the process alive. */
  hold?(held: boolean): void;
}

interface HandleEvents {
  message(reply: ReplyMessage): void;
  failure(error: Error): void;
}

function browserHandle(script: WorkerScript, events: HandleEvents): Handle {
  const worker = script.browser!();
  worker.addEventListener("message", (e: MessageEvent) => events.message(e.data as ReplyMessage));
  worker.addEventListener("error", (e: ErrorEvent) => {
    e.preventDefault();
    events.failure(new Error(`${script.name} worker failed: ${e.message || "could not start"}`));
  });
  worker.addEventListener("messageerror", () => events.failure(new Error(`${script.name} worker: a message could not be read`)));
  return { post: (m) => worker.postMessage(m), terminate: () => worker.terminate() };
}

async function nodeHandle(script: WorkerScript, events: HandleEvents): Promise<Handle> {
  const threads = (await import(/* @vite-ignore */ NODE_WORKER_THREADS)) as typeof import("node:worker_threads");
  const entry = script.node!();
  const href = typeof entry === "string" ? entry : entry.href;
  const worker = new threads.Worker(new URL(NODE_BOOTSTRAP, import.meta.url), { workerData: { entry: href } });
  let ended = false;
  worker.on("message", (m: ReplyMessage) => events.message(m));
  worker.on("error", (error: Error) => {
    ended = true;
    events.failure(new Error(`${script.name} worker failed: ${error.message}`));
  });
  worker.on("exit", (code: number) => {
    if (!ended) events.failure(new Error(`${script.name} worker exited (code ${code})`));
    ended = true;
  });
  return {
    post: (m) => worker.postMessage(m),
    terminate: () => {
      ended = true;
      void worker.terminate();
    },
    hold: (held) => (held ? worker.ref() : worker.unref()),
  };
}

interface RunState {
  options: RunOptions;
  concurrency: number;
  results: unknown[];
  remaining: number;
  active: number;
  settled: boolean;
  resolve(values: unknown[]): void;
  reject(error: unknown): void;
}

interface Job {
  id: number;
  index: number;
  task: PoolTask;
  run: RunState;
}

interface PoolWorker {
  state: "starting" | "idle" | "busy" | "dead";
  handle: Handle | null;
  job: Job | null;
  idleTimer: ReturnType<typeof setTimeout> | null;
}

export class WorkerPool {
  readonly mode: PoolMode;
  #maxWorkers: number;
  readonly #idleMs: number;
  readonly #workers = new Set<PoolWorker>();
  #queue: Job[] = [];
  #nextId = 1;
  #spawned = 0;
  #terminated = 0;
  #disposed = false;
  #inline: Promise<TaskHandlers> | null = null;

  constructor(
    readonly script: WorkerScript,
    options: PoolOptions = {},
  ) {
    this.mode = options.mode ?? detectMode(script);
    if (this.mode === "browser" && !script.browser) throw new Error(`${script.name}: no browser worker entry`);
    if (this.mode === "node" && !script.node) throw new Error(`${script.name}: no Node worker entry`);
    if (this.mode === "inline" && !script.inline) throw new Error(`${script.name}: cannot run inline (no handlers given)`);
    this.#maxWorkers = Math.max(1, Math.floor(options.maxWorkers ?? 4));
    this.#idleMs = options.idleMs ?? 30_000;
  }

  get maxWorkers(): number {
    return this.#maxWorkers;
  }

  /** Raises the worker limit (never lowers it below the live workers' needs). */
  ensureCapacity(workers: number): void {
    this.#maxWorkers = Math.max(this.#maxWorkers, Math.floor(workers));
  }

  stats(): PoolStats {
    let busy = 0;
    for (const w of this.#workers) if (w.state === "busy") busy++;
    return { mode: this.mode, spawned: this.#spawned, terminated: this.#terminated, live: this.#workers.size, busy };
  }

  /** Runs `tasks`, resolving with their values in task order; rejects on the first task error or on abort. */
  run<R = unknown>(tasks: readonly PoolTask[], options: RunOptions = {}): Promise<R[]> {
    if (this.#disposed) return Promise.reject(new Error(`the ${this.script.name} worker pool was disposed`));
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (tasks.length === 0) return Promise.resolve([]);
    if (this.mode === "inline") return this.#runInline(tasks, options) as Promise<R[]>;
    return new Promise<R[]>((resolve, reject) => {
      const run: RunState = {
        options,
        concurrency: Math.max(1, Math.floor(options.concurrency ?? this.#maxWorkers)),
        results: new Array(tasks.length),
        remaining: tasks.length,
        active: 0,
        settled: false,
        resolve: resolve as (values: unknown[]) => void,
        reject,
      };
      const onAbort = () => this.#abort(run, abortReason(signal!));
      const onDrain = () => this.#drain(run);
      signal?.addEventListener("abort", onAbort, { once: true });
      options.drain?.addEventListener("abort", onDrain, { once: true });
      const cleanup = () => {
        signal?.removeEventListener("abort", onAbort);
        options.drain?.removeEventListener("abort", onDrain);
      };
      run.resolve = (values) => {
        cleanup();
        resolve(values as R[]);
      };
      run.reject = (error) => {
        cleanup();
        reject(error);
      };
      tasks.forEach((task, index) => this.#queue.push({ id: this.#nextId++, index, task, run }));
      if (options.drain?.aborted) this.#drain(run);
      else this.#pump();
    });
  }

  /** Terminates every worker; pending runs reject. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    const error = new Error(`the ${this.script.name} worker pool was disposed`);
    for (const job of this.#queue) this.#fail(job.run, error);
    this.#queue = [];
    for (const w of [...this.#workers]) {
      if (w.job) this.#fail(w.job.run, error);
      this.#kill(w);
    }
  }

  #pump(): void {
    if (this.#disposed) return;
    this.#queue = this.#queue.filter((job) => !job.run.settled);
    // Hand queued jobs to idle workers, respecting each run's concurrency.
    for (const w of this.#workers) {
      if (w.state !== "idle") continue;
      const k = this.#queue.findIndex((job) => job.run.active < job.run.concurrency);
      if (k < 0) break;
      const [job] = this.#queue.splice(k, 1);
      this.#assign(w, job!);
    }
    // Start workers for what is still waiting.
    const wanted = new Map<RunState, number>();
    for (const job of this.#queue) {
      const room = job.run.concurrency - job.run.active - (wanted.get(job.run) ?? 0);
      if (room > 0) wanted.set(job.run, (wanted.get(job.run) ?? 0) + 1);
    }
    let need = 0;
    for (const n of wanted.values()) need += n;
    let starting = 0;
    for (const w of this.#workers) if (w.state === "starting") starting++;
    while (starting < need && this.#workers.size < this.#maxWorkers) {
      this.#spawn();
      starting++;
    }
  }

  #assign(w: PoolWorker, job: Job): void {
    if (w.idleTimer) clearTimeout(w.idleTimer);
    w.idleTimer = null;
    w.state = "busy";
    w.job = job;
    job.run.active++;
    w.handle!.hold?.(true);
    w.handle!.post({ type: "task", id: job.id, name: job.task.name, payload: job.task.payload });
  }

  #spawn(): void {
    const w: PoolWorker = { state: "starting", handle: null, job: null, idleTimer: null };
    this.#workers.add(w);
    this.#spawned++;
    const events: HandleEvents = {
      message: (reply) => this.#onMessage(w, reply),
      failure: (error) => this.#onFailure(w, error),
    };
    const started = this.mode === "browser" ? Promise.resolve().then(() => browserHandle(this.script, events)) : nodeHandle(this.script, events);
    started.then(
      (handle) => {
        if (w.state === "dead") handle.terminate();
        else w.handle = handle;
      },
      (error: unknown) => this.#onFailure(w, error instanceof Error ? error : new Error(String(error))),
    );
  }

  #onMessage(w: PoolWorker, reply: ReplyMessage): void {
    if (w.state === "dead") return;
    if (reply.type === "ready") {
      if (w.state === "starting") this.#idle(w);
      return;
    }
    const job = w.job;
    if (!job || reply.id !== job.id) return;
    const run = job.run;
    if (reply.type === "progress") {
      if (!run.settled) run.options.onProgress?.(job.index, reply.data);
      return;
    }
    w.job = null;
    run.active--;
    if (reply.type === "error") {
      this.#fail(run, new Error(reply.message));
    } else if (!run.settled) {
      run.results[job.index] = reply.value;
      run.options.onResult?.(job.index, reply.value);
      if (--run.remaining === 0) {
        run.settled = true;
        run.resolve(run.results);
      }
    }
    this.#idle(w);
  }

  #idle(w: PoolWorker): void {
    w.state = "idle";
    w.handle?.hold?.(false);
    if (w.idleTimer) clearTimeout(w.idleTimer);
    w.idleTimer = setTimeout(() => {
      if (w.state === "idle") this.#kill(w);
    }, this.#idleMs);
    (w.idleTimer as { unref?: () => void }).unref?.();
    this.#pump();
  }

  #onFailure(w: PoolWorker, error: Error): void {
    if (w.state === "dead") return;
    const job = w.job;
    const wasStarting = w.state === "starting";
    this.#kill(w);
    if (job) this.#fail(job.run, error);
    // A worker that cannot even start will not start next time either: fail what waits for one.
    if (wasStarting) {
      for (const queued of this.#queue) this.#fail(queued.run, error);
    }
    this.#pump();
  }

  #fail(run: RunState, error: unknown): void {
    if (run.settled) return;
    run.settled = true;
    run.reject(error);
  }

  #abort(run: RunState, reason: unknown): void {
    if (run.settled) return;
    this.#fail(run, reason);
    this.#dropQueued(run);
    for (const w of [...this.#workers]) {
      // Workers still starting were started for queued work; with nothing queued, none will be needed.
      if (w.job?.run === run || (w.state === "starting" && this.#queue.length === 0)) this.#kill(w);
    }
    this.#pump();
  }

  #drain(run: RunState): void {
    if (run.settled) return;
    run.settled = true;
    this.#dropQueued(run);
    run.resolve(run.results);
    this.#pump();
  }

  #dropQueued(run: RunState): void {
    this.#queue = this.#queue.filter((job) => job.run !== run);
  }

  #kill(w: PoolWorker): void {
    if (w.state === "dead") return;
    if (w.job) w.job.run.active--;
    w.job = null;
    w.state = "dead";
    if (w.idleTimer) clearTimeout(w.idleTimer);
    w.idleTimer = null;
    w.handle?.terminate();
    this.#workers.delete(w);
    this.#terminated++;
  }

  async #runInline(tasks: readonly PoolTask[], options: RunOptions): Promise<unknown[]> {
    const handlers = await (this.#inline ??= this.script.inline!());
    const results: unknown[] = new Array(tasks.length);
    const { signal } = options;
    for (let index = 0; index < tasks.length; index++) {
      // Yield between tasks so the page (or the event loop) can handle input and the abort.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (signal?.aborted) throw abortReason(signal);
      if (options.drain?.aborted) return results;
      if (this.#disposed) throw new Error(`the ${this.script.name} worker pool was disposed`);
      const task = tasks[index]!;
      const handler = Object.hasOwn(handlers, task.name) ? handlers[task.name] : undefined;
      if (!handler) throw new Error(`no task handler "${task.name}" for ${this.script.name}`);
      const value = await handler(task.payload, {
        progress: (data) => {
          if (!signal?.aborted) options.onProgress?.(index, data);
        },
      });
      if (signal?.aborted) throw abortReason(signal);
      results[index] = value;
      options.onResult?.(index, value);
    }
    return results;
  }
}

function abortReason(signal: AbortSignal): Error {
  const reason = signal.reason as unknown;
  if (reason instanceof Error) {
    const error = new TaskAbortedError(reason.message);
    return error;
  }
  return new TaskAbortedError(typeof reason === "string" ? reason : "the run was cancelled");
}

const shared = new Map<string, WorkerPool>();

/**
 * The pool shared by every cell using `script` (one per script name), sized to the machine's cores
 * and grown when a run asks for more workers.
 */
export async function sharedPool(script: WorkerScript, options: { workers?: number; mode?: PoolMode } = {}): Promise<WorkerPool> {
  let pool = shared.get(script.name);
  if (pool && options.mode && pool.mode !== options.mode) {
    pool.dispose();
    pool = undefined;
  }
  if (!pool) {
    pool = new WorkerPool(script, { maxWorkers: await hardwareConcurrency(), ...(options.mode ? { mode: options.mode } : {}) });
    shared.set(script.name, pool);
  }
  if (options.workers) pool.ensureCapacity(options.workers);
  return pool;
}

/** Terminates every shared pool (tests, page unload). */
export function disposeSharedPools(): void {
  for (const pool of shared.values()) pool.dispose();
  shared.clear();
}
