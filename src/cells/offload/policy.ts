// When a cell's work moves to a Web Worker.

/**
 * Rows from which a simulation or a fit moves to a worker in the browser. Below it the work takes a
 * few milliseconds and a worker round trip (copying the columns) would cost more than it saves.
 */
export const WORKER_ROWS = 20_000;

/** True in a browser page, where Web Workers exist; Node (the CLI, vitest) keeps work in-process. */
export function canUseWorkers(): boolean {
  return typeof Worker !== "undefined" && typeof window !== "undefined";
}

/** True when `rows` rows of work should go to a worker here. */
export function shouldOffload(rows: number): boolean {
  return rows >= WORKER_ROWS && canUseWorkers();
}
