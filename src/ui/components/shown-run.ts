// What a card shows of its cell's run state. A slider move usually starts and settles every cell
// within the one task of its input event, and a drag step of a heavier sheet (the power study's draft
// sweep, in workers) within a few frames: a "running" chip or a dimmed output for such a run would be
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
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stopTimer = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  createComputed(() => {
    const current = run();
    if (current.status !== "pending") {
      stopTimer();
      setShown(current);
    } else if (timer === undefined && untrack(shown).status !== "pending") {
      timer = setTimeout(() => {
        timer = undefined;
        const latest = untrack(run);
        if (latest.status === "pending") setShown(latest);
      }, PENDING_SHOWN_AFTER_MS);
    }
  });
  onCleanup(stopTimer);
  return shown;
}
