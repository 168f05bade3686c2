// Running a planned sweep on the worker pool: split the grid into chunks of replicates, gather each
// replicate as it finishes (progress and partial summaries go to the progress store), and assemble
// the tables in (point, replicate) order, so the result does not depend on the number of workers.
import { hardwareConcurrency, sharedPool, type PoolMode, type PoolTask, type WorkerPool } from "../../engine/workers/pool";
import type { GridPoint, SweepPlan } from "./plan";
import { newRunId, publishSweepProgress, registerSweepCancel, type SweepProgress, type SweepState } from "./progress";
import { runChunk, type ChunkPayload, type ReplicateResult } from "./replicate";
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
  /** Replicates per task (default: about a tenth of the replicates, 1..20); a draft fits one per grid point and round. */
  chunkSize?: number;
  /**
   * A draft's time budget in ms. A draft's rounds (one replicate of every grid point each) run in
   * waves of one round per worker; once every grid point has {@link DRAFT_MIN_REPLICATES} replicates,
   * the run stops before a wave that would end past the budget, and settles with status "draft" (as
   * does a draft that finished every replicate in time: its fits are drafts too). The replicates are
   * the first ones of the full run, with the same seeds and lmer at the sweep draft's tolerances
   * (estimates within about 0.01 of the full run's: SWEEP_DRAFT_LMM), so a draft shows a noisier
   * version of the same study.
   */
  budgetMs?: number;
  /** See {@link SUPERSEDED_DRAIN_MS} (tests set it to choose either path). */
  supersededDrainMs?: number;
  /**
   * A draft's lmer starts: θ by replicate, from the sweep's last run (see {@link draftHints}), whose
   * replicates differ from this one's only by the dragged step (same seeds). A start that does not fit
   * the model (another formula) is ignored by lmer.
   */
  starts?: ReplicateThetas;
  /**
   * The ms one draft replicate is expected to take (see {@link draftHints}). A draft whose minimum
   * is expected to take at most {@link INLINE_DRAFT_MS} at that rate runs on this thread; without it,
   * or above it, in the workers.
   */
  replicateMs?: number | null;
}

/** lmer's θ̂ of each replicate of a run, by `${point}/${replicate}`. */
export type ReplicateThetas = ReadonlyMap<string, readonly number[]>;

/** What the next draft takes from a run. */
export interface DraftHints {
  starts: ReplicateThetas;
  /**
   * Expected ms of one draft replicate (simulate, build the frame, fit) from the run's mean, or null
   * when nothing was fitted: see {@link expectedDraftReplicateMs}.
   */
  replicateMs: number | null;
}

/**
 * A draft lmer replicate's time as a share of an exact one's. A full run's replicates fit from lme4's
 * start to lme4's tolerances with convergence checks, in workers that share the cores with the page;
 * a draft's fit from the last θ̂ to looser tolerances, alone. Measured on the power template's
 * designs: in Node, draft/exact 0.56-0.74 per replicate; in Chromium, drafts on the page took about
 * half of the full runs' replicates in workers (0.6-0.8 against 1.1-2.5 ms). Taken as the full run's
 * rate, the drafts after a release went to the workers although on the page they fitted in 6 ms.
 */
export const DRAFT_SHARE_OF_EXACT = 0.5;

/**
 * The ms one draft replicate should take, from a run's mean ms per replicate: the mean itself after
 * a draft, or a glmer or lm sweep's (their drafts fit exactly); {@link DRAFT_SHARE_OF_EXACT} of it
 * after a full lmer run.
 */
export function expectedDraftReplicateMs(meanMs: number | null, wasDraft: boolean, plan: SweepPlan): number | null {
  if (meanMs === null) return null;
  const lmm = plan.points.every((p) => p.model.kind === "mixed" && p.model.family === "gaussian");
  return wasDraft || !lmm ? meanMs : meanMs * DRAFT_SHARE_OF_EXACT;
}

const hintsOfRun = new WeakMap<SweepValue, DraftHints>();

/** The θ̂ of each replicate a sweep value's run fitted with lmer, and how long a draft replicate should take after it. */
export function draftHints(value: unknown): DraftHints {
  return (value !== null && typeof value === "object" && hintsOfRun.get(value as SweepValue)) || { starts: new Map(), replicateMs: null };
}

/**
 * A draft expected to finish its minimum within this many ms runs on the calling thread (the page's),
 * within the drag step: sent to workers it would wait for them behind a frame the page renders
 * meanwhile, and share two cores with them. A heavier draft (glmer fits, many grid points) goes to
 * the workers, so the page never blocks for long.
 */
export const INLINE_DRAFT_MS = 12;

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

/** Replicates from..to of one grid point: what a worker needs to run them. */
function chunkOf(plan: SweepPlan, point: GridPoint, from: number, to: number): ChunkPayload {
  return { point: point.index, seed: plan.seed, from, to, options: point.options, model: point.model, terms: plan.terms };
}

/** A full run's tasks: chunks of `chunk` replicates, chunk-major and point-minor, so partial results cover every grid point early. */
function chunkTasks(plan: SweepPlan, chunk: number, yieldBetween: boolean): ChunkTask[] {
  const tasks: ChunkTask[] = [];
  for (let from = 0; from < plan.replicates; from += chunk) {
    for (const point of plan.points) tasks.push({ ...chunkOf(plan, point, from, Math.min(plan.replicates, from + chunk)), yieldBetween });
  }
  return tasks;
}

/** The key of a replicate's θ̂ in {@link ReplicateThetas}. */
const thetaKey = (point: number, replicate: number): string => `${point}/${replicate}`;

/**
 * A draft's round `r`: replicate r of every grid point, each from its θ̂ in the last run, as one task,
 * so that a worker fits on without a round trip through the page between replicates, and the first
 * rounds give every point its minimum. Built when its wave starts: a draft runs a few of the rounds.
 */
function draftRound(plan: SweepPlan, r: number, starts: ReplicateThetas): RoundTask {
  const chunks = plan.points.map((point): ChunkTask => {
    const start = starts.get(thetaKey(point.index, r));
    return { ...chunkOf(plan, point, r, r + 1), draft: true, ...(start ? { starts: [start] } : {}) };
  });
  return { chunks };
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
  const chunk = draft ? 1 : (options.chunkSize ?? Math.min(20, Math.max(1, Math.ceil(plan.replicates / 10))));
  const starts = options.starts ?? new Map<string, readonly number[]>();
  const tasks: PoolTask[] = draft ? [] : chunkTasks(plan, chunk, pool.mode === "inline").map((payload) => ({ name: "sweep.chunk", payload }));
  const minimum = Math.min(DRAFT_MIN_REPLICATES, plan.replicates);
  const replicateMs = options.replicateMs ?? null;
  const inline = draft && replicateMs !== null && replicateMs * minimum * plan.points.length <= INLINE_DRAFT_MS;
  const concurrency = inline ? 1 : Math.min(workers, draft ? plan.replicates : tasks.length);
  const mode: PoolMode = inline ? "inline" : pool.mode;
  const results: (ReplicateResult | undefined)[] = new Array(total);
  let done = 0;
  let failures = 0;
  let lastPublish = -Infinity;
  let summariseMs = 0;
  let firstAt = 0;
  const perPoint = new Int32Array(plan.points.length);
  let pointsShort = plan.points.length;
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
    return { cellId, runId, state, done, total, failures, workers: concurrency, mode, elapsedMs, fitsPerSecond: rate, partial, message };
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
  // draft publishes no progress; its value, a step later, is its only report.
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
      if (done === total || draft) return; // a full run's final report follows; a draft has none
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
      // A draft runs its rounds in waves, one round per worker (or one on this thread), and starts
      // another wave only while some grid point still lacks its minimum or one more wave would end
      // within the budget: no round is left running in a worker when the draft settles, for the next
      // drag step to queue behind or for the page to share the cores with while it draws the draft.
      for (let next = 0; next < plan.replicates && !drain.signal.aborted; ) {
        const waveStarted = performance.now();
        const size = Math.min(concurrency, plan.replicates - next);
        if (inline) {
          for (const c of draftRound(plan, next, starts).chunks) runChunk(c, (result) => runOptions.onProgress(0, result));
        } else {
          const wave = Array.from({ length: size }, (_, i): PoolTask => ({ name: "sweep.round", payload: draftRound(plan, next + i, starts) }));
          await pool.run(wave, runOptions);
        }
        next += size;
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
    mode,
    elapsedMs,
    fitsPerSecond: done > 0 ? (done / elapsedMs) * 1000 : null,
    messages,
  };
  const thetas = new Map<string, readonly number[]>();
  for (const r of results) if (r?.theta) thetas.set(thetaKey(r.point, r.replicate), r.theta);
  hintsOfRun.set(value, { starts: thetas, replicateMs: expectedDraftReplicateMs(done > 0 ? fitMs / done : null, draft, plan) });
  // (A draft's final report would only wake the card's progress store once more per drag step.)
  if (!draft) publishSweepProgress({ ...progress(status, null, false), partial: value.summary });
  return value;
}
