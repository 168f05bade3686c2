// Live state of running sweeps, apart from the engine's run state (which only changes when a compute
// settles): the view subscribes for its progress bar, partial summary and cancel button; the CLI
// subscribes for its progress line on stderr.
import type { Row } from "./results";

export type SweepState = "running" | "complete" | "cancelled" | "draft" | "aborted" | "failed";

export interface SweepProgress {
  cellId: string;
  /** Increases with every sweep started in this page or process. */
  runId: number;
  state: SweepState;
  /** Replicates finished (fits and failures). */
  done: number;
  total: number;
  failures: number;
  workers: number;
  mode: string;
  elapsedMs: number;
  fitsPerSecond: number | null;
  /** The summary of what has finished so far (null before any replicate finished). */
  partial: Row[] | null;
  message: string | null;
}

type Listener = (progress: SweepProgress) => void;

const listeners = new Set<Listener>();
const latest = new Map<string, SweepProgress>();
const cancels = new Map<string, { runId: number; cancel: () => void }>();
let nextRunId = 1;

export function newRunId(): number {
  return nextRunId++;
}

/** Called by the sweep as it runs. */
export function publishSweepProgress(progress: SweepProgress): void {
  const current = latest.get(progress.cellId);
  if (current && current.runId > progress.runId) return; // a stale run's late report
  latest.set(progress.cellId, progress);
  for (const listener of listeners) {
    try {
      listener(progress);
    } catch (error) {
      console.error("sweep progress listener threw:", error);
    }
  }
}

/** Every progress report of every sweep (or of one cell); returns the unsubscribe function. */
export function subscribeSweepProgress(listener: Listener, cellId?: string): () => void {
  const wrapped: Listener = cellId === undefined ? listener : (p) => p.cellId === cellId && listener(p);
  listeners.add(wrapped);
  return () => listeners.delete(wrapped);
}

/** The last report of a cell's sweep. */
export function sweepProgress(cellId: string): SweepProgress | undefined {
  return latest.get(cellId);
}

export function registerSweepCancel(cellId: string, runId: number, cancel: () => void): () => void {
  cancels.set(cellId, { runId, cancel });
  return () => {
    if (cancels.get(cellId)?.runId === runId) cancels.delete(cellId);
  };
}

/** Stops the running sweep of a cell (the cancel button); it settles with the replicates finished so far. */
export function cancelSweep(cellId: string): boolean {
  const entry = cancels.get(cellId);
  if (!entry) return false;
  entry.cancel();
  return true;
}

function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : ms < 120_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`;
}

/** One line, e.g. `sweep power: 120/400 fits (30%), 2 workers, 41.3 fits/s, about 7 s left`. */
export function formatSweepProgress(p: SweepProgress): string {
  const pct = p.total ? Math.floor((100 * p.done) / p.total) : 100;
  const rate = p.fitsPerSecond !== null ? `, ${p.fitsPerSecond.toFixed(1)} fits/s` : "";
  const failures = p.failures ? `, ${p.failures} failed` : "";
  const head = `sweep ${p.cellId}: ${p.done}/${p.total} fits (${pct}%)`;
  switch (p.state) {
    case "running": {
      const left = p.fitsPerSecond && p.done < p.total ? `, about ${duration(((p.total - p.done) / p.fitsPerSecond) * 1000)} left` : "";
      return `${head}, ${p.workers} worker${p.workers === 1 ? "" : "s"}${rate}${failures}${left}`;
    }
    case "complete":
      return `${head} done in ${duration(p.elapsedMs)}${rate}${failures}`;
    case "cancelled":
      return `${head} cancelled after ${duration(p.elapsedMs)}${failures}`;
    case "draft":
      return `${head}, a draft while the slider moves (${duration(p.elapsedMs)})${failures}`;
    case "aborted":
      return `${head} stopped (superseded)`;
    case "failed":
      return `${head} failed: ${p.message ?? "error"}`;
  }
}

/**
 * A progress printer for the CLI: one line per sweep at most every `intervalMs` while it runs, and
 * its final line. Returns the unsubscribe function.
 */
export function printSweepProgress(write: (line: string) => void, options: { intervalMs?: number } = {}): () => void {
  const interval = options.intervalMs ?? 1000;
  const last = new Map<string, number>();
  return subscribeSweepProgress((p) => {
    const key = `${p.cellId}#${p.runId}`;
    const now = p.elapsedMs;
    if (p.state === "running") {
      const previous = last.get(key);
      if (previous !== undefined && now - previous < interval) return;
      last.set(key, now);
    } else {
      last.delete(key);
    }
    write(`${formatSweepProgress(p)}\n`);
  });
}
