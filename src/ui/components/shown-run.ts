// What a card shows of its cell's run state. A slider move usually starts and settles every cell
// within the one task of its input event, and a drag step of a heavier sheet (a draft sweep heavy
// enough to go to the workers) within a few frames: a "running" chip or a dimmed output for such a run would be
// seen for a frame at most, a flicker on every step, and would cost the step two rounds of DOM work
// and a layout of the page while it waits for its workers. So a card shows a run as pending only
// once it has lasted PENDING_SHOWN_AFTER_MS; a longer run (an exact refit, a whole sweep) shows it.
import { createComputed, createSignal, onCleanup, untrack, type Accessor } from "solid-js";
import type { CellRun } from "../../engine";

/** How long a run must have been pending before its card shows it (ms). */
export const PENDING_SHOWN_AFTER_MS = 100;

/**
 * `run`, except that a pending state appears only once it has lasted {@link PENDING_SHOWN_AFTER_MS};
 * until then the last settled state stays. Settled states pass through at once.
 */
export function createShownRun(run: Accessor<CellRun>): Accessor<CellRun> {
  const [shown, setShown] = createSignal(untrack(run), { equals: false });
  let cancel: (() => void) | null = null;
  const stopWaiting = (): void => {
    cancel?.();
    cancel = null;
  };
  createComputed(() => {
    const current = run();
    if (current.status !== "pending") {
      stopWaiting();
      setShown(current);
    } else if (cancel === null && untrack(shown).status !== "pending") {
      cancel = afterDelay(PENDING_SHOWN_AFTER_MS, () => {
        cancel = null;
        const latest = untrack(run);
        if (latest.status === "pending") setShown(latest);
      });
    }
  });
  onCleanup(stopWaiting);
  return shown;
}

interface Waiter {
  due: number;
  fire: () => void;
}
const waiters = new Set<Waiter>();
let timer: ReturnType<typeof setTimeout> | undefined;
let timerDue = Infinity;

/**
 * Calls `fire` after `ms` unless the returned function is called first. Every card shares one timer:
 * a drag step makes several cards pending at once and settles them within the same task, and a timer
 * each cost a setTimeout and a clearTimeout per card on every step. A cancelled wait only leaves the
 * set; the timer, armed for the earliest wait, fires (at most once per PENDING_SHOWN_AFTER_MS during a
 * drag) and re-arms itself for the waits still due.
 */
export function afterDelay(ms: number, fire: () => void): () => void {
  const waiter = { due: performance.now() + ms, fire };
  waiters.add(waiter);
  arm(waiter.due);
  return () => waiters.delete(waiter);
}

function arm(due: number): void {
  if (due >= timerDue) return;
  if (timer !== undefined) clearTimeout(timer);
  timerDue = due;
  timer = setTimeout(tick, Math.max(0, due - performance.now()));
}

function tick(): void {
  timer = undefined;
  timerDue = Infinity;
  const now = performance.now();
  let next = Infinity;
  for (const waiter of [...waiters]) {
    // A timer may fire a fraction of a millisecond before its due time by performance.now().
    if (waiter.due <= now + 1) {
      waiters.delete(waiter);
      waiter.fire();
    } else next = Math.min(next, waiter.due);
  }
  if (next < Infinity) arm(next);
}
