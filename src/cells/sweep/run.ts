// Running a planned sweep on the worker pool: split the grid into chunks of replicates, gather each
// replicate as it finishes (progress and partial summaries go to the progress store), and assemble
// the tables in (point, replicate) order, so the result does not depend on the number of workers.
import { hardwareConcurrency, sharedPool, type PoolMode, type PoolTask, type WorkerPool } from "../../engine/workers/pool";
import type { SweepPlan } from "./plan";
import { newRunId, publishSweepProgress, registerSweepCancel, type SweepProgress, type SweepState } from "./progress";
import type { ReplicateResult } from "./replicate";
import { gridRows, replicateRows, summaryRows, termsOf, type Row } from "./results";
import { sweepWorkerScript } from "./script";
import type { ChunkTask, RoundTask } from "./tasks";

export interface SweepValue {
  /**
   * complete; cancelled by the user; or draft: a run serving a slider drag, stopped after its time
   * budget (the tables then hold the replicates finished).
   */
  status: "complete" | "cancelled" | "draft";
  /** One row per grid point, replicate and term. */
  replicates: Row[];
  /** One row per grid point and term: performance measures with Monte Carlo SEs. */
  summary: Row[];
  /** One row per grid point with its settings. */
  grid: Row[];
  /** Varied columns, in config order. */
  vary: string[];
  terms: string[];
  alpha: number;
  seed: number;
  replicatesPerPoint: number;
  points: number;
  /** Replicates finished / asked for. */
  done: number;
  total: number;
  failures: number;
  workers: number;
  mode: PoolMode;
  elapsedMs: number;
  fitsPerSecond: number | null;
  messages: string[];
}

export interface RunSweepOptions {
  /** The sweep cell's id (progress and cancel are keyed by it). */
  cellId: string;
  signal?: AbortSignal;
  /** Workers to use; 0 or absent: one per core. */
  workers?: number;
  /** Force a pool mode (tests); default: workers of the environment. */
  mode?: PoolMode;
  /** Use this pool instead of the shared one (tests, benchmarks). */
  pool?: WorkerPool;
  /** Replicates per task (default: about a tenth of the replicates, 1..20; 1 with a budget). */
  chunkSize?: number;
  /**
   * A draft's time budget in ms. A draft's rounds (one replicate of every grid point each) run in
   * waves of one round per worker; once every grid point has {@link DRAFT_MIN_REPLICATES} replicates,
   * the run stops before a wave that would end past the budget, and settles with status "draft" (as
   * does a draft that finished every replicate in time: its fits are drafts too). The replicates are
   * the first ones of the full run, with the same seeds and lmer at the draft tolerances (estimates
   * within about 1e-4 of the full run's), so a draft shows a noisier version of the same study.
   */
  budgetMs?: number;
  /** See {@link SUPERSEDED_DRAIN_MS} (tests set it to choose either path). */
  supersededDrainMs?: number;
  /**
   * A draft's lmer starts: θ by replicate (see {@link replicateThetas}), from the sweep's last run, whose
   * replicates differ from this one's only by the dragged step (same seeds). A start that does not fit
   * the model (another formula) is ignored by lmer.
   */
  starts?: ReplicateThetas;
}

/** lmer's θ̂ of each replicate of a run, by `${point}/${replicate}`. */
export type ReplicateThetas = ReadonlyMap<string, readonly number[]>;

const thetasOfRun = new WeakMap<SweepValue, ReplicateThetas>();

/** The θ̂ of each replicate a sweep value's run fitted with lmer (empty for anything else). */
export function replicateThetas(value: unknown): ReplicateThetas {
  return (value !== null && typeof value === "object" && thetasOfRun.get(value as SweepValue)) || new Map();
}

/**
 * A superseded run (the engine's signal) whose tasks in flight should end within this many ms leaves
 * them to finish in their workers: a new drag step then finds its workers alive, where terminating
 * them would cost a worker start (module load and compile, about 150 ms here). Longer tasks are
 * terminated, as a cancel does.
 */
const SUPERSEDED_DRAIN_MS = 40;

/** Replicates every grid point gets in a draft, however short its budget (two give an empirical SD). */
export const DRAFT_MIN_REPLICATES = 2;

/** How often progress is published while running. */
const PUBLISH_MS = 250;

function chunkTasks(plan: SweepPlan, chunk: number, yieldBetween: boolean, draft: boolean, starts: ReplicateThetas): ChunkTask[] {
  const tasks: ChunkTask[] = [];
  // Chunk-major, point-minor: partial results cover every grid point early.
  for (let from = 0; from < plan.replicates; from += chunk) {
    for (const point of plan.points) {
      const to = Math.min(plan.replicates, from + chunk);
      const chunkStarts = draft && starts.size > 0 ? Array.from({ length: to - from }, (_, i) => starts.get(`${point.index}/${from + i}`) ?? null) : null;
      tasks.push({
        point: point.index,
        seed: plan.seed,
        from,
        to,
        options: point.options,
        model: point.model,
        terms: plan.terms,
        yieldBetween,
        ...(draft ? { draft } : {}),
        ...(chunkStarts ? { starts: chunkStarts } : {}),
      });
    }
  }
  return tasks;
}

/**
 * The pool's tasks: a chunk each, or for a draft one task per round of chunks (the same `from`: a
 * replicate of every grid point), so that each worker fits on without a round trip through the page
 * between replicates, and the first rounds give every point its minimum.
 */
function poolTasks(chunks: readonly ChunkTask[], draft: boolean): PoolTask[] {
  if (!draft) return chunks.map((payload) => ({ name: "sweep.chunk", payload }));
  const rounds = new Map<number, ChunkTask[]>();
  for (const c of chunks) {
    const round = rounds.get(c.from);
    if (round) round.push(c);
    else rounds.set(c.from, [c]);
  }
  return [...rounds.values()].map((round): PoolTask => ({ name: "sweep.round", payload: { chunks: round } satisfies RoundTask }));
}

function abortError(signal: AbortSignal): Error {
  const reason = signal.reason as unknown;
  const error = new Error(reason instanceof Error ? reason.message : "the sweep was superseded");
  error.name = "AbortError";
  return error;
}

export async function runSweep(plan: SweepPlan, options: RunSweepOptions): Promise<SweepValue> {
  const { cellId, signal } = options;
  if (signal?.aborted) throw abortError(signal);
  const started = performance.now();
  const runId = newRunId();
  const total = plan.points.length * plan.replicates;
  const pool = options.pool ?? (await sharedPool(sweepWorkerScript, { ...(options.workers ? { workers: options.workers } : {}), ...(options.mode ? { mode: options.mode } : {}) }));
  const workers = Math.max(1, options.workers || (await hardwareConcurrency()));
  const budget = options.budgetMs;
  const draft = budget !== undefined;
  const chunk = options.chunkSize ?? (draft ? 1 : Math.min(20, Math.max(1, Math.ceil(plan.replicates / 10))));
  const tasks = poolTasks(chunkTasks(plan, chunk, pool.mode === "inline", draft, options.starts ?? new Map()), draft);
  const concurrency = Math.min(workers, tasks.length);
  const results: (ReplicateResult | undefined)[] = new Array(total);
  let done = 0;
  let failures = 0;
  let lastPublish = -Infinity;
  let summariseMs = 0;
  let firstAt = 0;
  const perPoint = new Int32Array(plan.points.length);
  let pointsShort = plan.points.length;
  const minimum = Math.min(DRAFT_MIN_REPLICATES, plan.replicates);
  const drain = new AbortController();

  const progress = (state: SweepState, message: string | null = null, withPartial = true): SweepProgress => {
    const elapsedMs = performance.now() - started;
    let partial: Row[] | null = null;
    if (withPartial && done > 0) {
      const t0 = performance.now();
      partial = summaryRows(plan, results, termsOf(plan, results));
      summariseMs = performance.now() - t0;
    }
    // While running, the rate since the first result (worker start-up would distort the estimate of time left).
    const since = performance.now() - firstAt;
    const rate = state === "running" ? (done > 1 && since > 0 ? ((done - 1) / since) * 1000 : null) : done > 0 && elapsedMs > 0 ? (done / elapsedMs) * 1000 : null;
    return { cellId, runId, state, done, total, failures, workers: concurrency, mode: pool.mode, elapsedMs, fitsPerSecond: rate, partial, message };
  };

  const user = new AbortController();
  const unregister = registerSweepCancel(cellId, runId, () => user.abort(new Error("cancelled")));
  const combined = new AbortController();
  const forward = (source: AbortSignal) => () => combined.abort(source.reason);
  let fitMs = 0;
  const onOuter = signal
    ? () => {
        const perReplicate = done > 0 ? fitMs / done : Infinity;
        const perTask = draft ? plan.points.length * chunk : chunk;
        if (perReplicate * perTask <= (options.supersededDrainMs ?? SUPERSEDED_DRAIN_MS)) drain.abort();
        else combined.abort(signal.reason);
      }
    : null;
  const onUser = forward(user.signal);
  if (signal && onOuter) signal.addEventListener("abort", onOuter, { once: true });
  user.signal.addEventListener("abort", onUser, { once: true });

  // A draft settles within a drag step: announcing it as running (the card's progress bar, its Cancel
  // button, partial tables) would only flash for one frame and cost the step its DOM updates, so a
  // draft reports once, when it is done.
  if (!draft) publishSweepProgress(progress("running", null, false));
  const runOptions = {
    signal: combined.signal,
    drain: drain.signal,
    concurrency,
    onProgress: (_task: number, data: unknown) => {
      const r = data as ReplicateResult;
      const slot = r.point * plan.replicates + r.replicate;
      if (results[slot]) return;
      results[slot] = r;
      done++;
      if (!r.ok) failures++;
      fitMs += r.ms;
      if (++perPoint[r.point]! === minimum) pointsShort--;
      const now = performance.now();
      if (done === 1) firstAt = now;
      if (done === total || draft) return; // the final report follows
      // Partial summaries cost time on this thread: publish less often when they are slow.
      if (now - lastPublish >= Math.max(PUBLISH_MS, 5 * summariseMs)) {
        lastPublish = now;
        publishSweepProgress(progress("running"));
      }
    },
  };
  try {
    if (!draft) await pool.run(tasks, runOptions);
    else {
      // A draft runs its rounds in waves, one round per worker, and starts another wave only while
      // every grid point still lacks its minimum or one more wave would end within the budget: no
      // round is left running in a worker when the draft settles, for the next drag step to queue
      // behind or for the page to share the cores with while it draws the draft.
      for (let next = 0; next < tasks.length && !drain.signal.aborted; ) {
        const wave = tasks.slice(next, next + concurrency);
        const waveStarted = performance.now();
        await pool.run(wave, runOptions);
        next += wave.length;
        const now = performance.now();
        if (pointsShort === 0 && now - started + (now - waveStarted) > budget) break;
      }
    }
  } catch (error) {
    if (signal?.aborted) {
      publishSweepProgress(progress("aborted", null, false));
      throw abortError(signal);
    }
    if (!user.signal.aborted) {
      publishSweepProgress(progress("failed", error instanceof Error ? error.message : String(error), false));
      throw error;
    }
  } finally {
    unregister();
    if (signal && onOuter) signal.removeEventListener("abort", onOuter);
    user.signal.removeEventListener("abort", onUser);
  }
  if (signal?.aborted) {
    // Superseded with short tasks in flight: drained rather than terminated.
    publishSweepProgress(progress("aborted", null, false));
    throw abortError(signal);
  }

  // A run with a budget is a draft even when every replicate finished in time: its fits stopped at the
  // draft tolerances, so it is never reused as the exact result.
  const status: SweepValue["status"] = user.signal.aborted ? "cancelled" : draft ? "draft" : "complete";
  const terms = termsOf(plan, results);
  const messages: string[] = [];
  if (failures) messages.push(`${failures} of ${done} replicates failed; see the error column of the replicate table`);
  for (const term of terms) {
    if (done > failures && !results.some((r) => r?.ok && r.terms.some((t) => t.term === term && t.estimate !== null))) {
      messages.push(`no fit reported the term "${term}"`);
    }
  }
  if (status === "cancelled") messages.push(`cancelled after ${done} of ${total} replicates`);
  if (status === "draft") messages.push(`draft while the slider moves: ${done} of ${total} replicates; the whole sweep runs when it is released`);
  const elapsedMs = performance.now() - started;
  const value: SweepValue = {
    status,
    replicates: replicateRows(plan, results, terms),
    summary: summaryRows(plan, results, terms),
    grid: gridRows(plan),
    vary: plan.vary,
    terms,
    alpha: plan.alpha,
    seed: plan.seed,
    replicatesPerPoint: plan.replicates,
    points: plan.points.length,
    done,
    total,
    failures,
    workers: concurrency,
    mode: pool.mode,
    elapsedMs,
    fitsPerSecond: done > 0 ? (done / elapsedMs) * 1000 : null,
    messages,
  };
  const thetas = new Map<string, readonly number[]>();
  for (const r of results) if (r?.theta) thetas.set(`${r.point}/${r.replicate}`, r.theta);
  thetasOfRun.set(value, thetas);
  const final = progress(status, null, false);
  publishSweepProgress({ ...final, partial: value.summary });
  return value;
}
