// Run state of a cell: ephemeral, never saved. Changed only through `transition`.

/** Wall-clock milliseconds; branded so a duration is never mixed up with a count or a timestamp. */
export type Milliseconds = number & { readonly __unit: "ms" };
export const ms = (n: number): Milliseconds => n as Milliseconds;

export type CellStatus = "pending" | "fulfilled" | "rejected";

export interface CellRun {
  /** pending: waiting for inputs or computing; fulfilled: has a value; rejected: own error or blocked upstream. */
  status: CellStatus;
  /** The last fulfilled value; kept while pending (so a view can show it dimmed), cleared on rejection. */
  value: unknown;
  /** Why the cell is rejected: its own error message, or "blocked by X". Null unless rejected. */
  error: string | null;
  /** The upstream cell whose own error stops this one (the root, not just the direct input). */
  blockedBy: string | null;
  /** Time spent in the cell's compute for the last settled run; null when it never ran (pending, blocked). */
  elapsed: Milliseconds | null;
  /** Number of settled runs so far: lets a view tell a new value from the same one. */
  runs: number;
}

/** What the runtime reports about a cell. */
export type RunEvent =
  | { kind: "pending" }
  | { kind: "fulfilled"; value: unknown; elapsed: Milliseconds }
  | { kind: "failed"; error: string; elapsed: Milliseconds | null }
  | { kind: "blocked"; by: string };

export function createCellRun(partial: Partial<CellRun> = {}): CellRun {
  return { status: "pending", value: undefined, error: null, blockedBy: null, elapsed: null, runs: 0, ...partial };
}

export function blockedMessage(by: string): string {
  return `blocked by ${by}`;
}

/** The next run state; pure, and exhaustive over event kinds. */
export function transition(run: CellRun, event: RunEvent): CellRun {
  switch (event.kind) {
    case "pending":
      return { ...run, status: "pending", error: null, blockedBy: null };
    case "fulfilled":
      return { status: "fulfilled", value: event.value, error: null, blockedBy: null, elapsed: event.elapsed, runs: run.runs + 1 };
    case "failed":
      return { status: "rejected", value: undefined, error: event.error, blockedBy: null, elapsed: event.elapsed, runs: run.runs + 1 };
    case "blocked":
      return { status: "rejected", value: undefined, error: blockedMessage(event.by), blockedBy: event.by, elapsed: null, runs: run.runs + 1 };
    default:
      return assertNever(event);
  }
}

function assertNever(event: never): never {
  throw new Error(`unhandled run event ${JSON.stringify(event)}`);
}
