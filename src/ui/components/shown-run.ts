// What a card shows of its cell's run state. A slider move usually starts and settles every cell
// within the one task of its input event; the browser paints only between tasks, so a "running"
// chip or a dimmed output for such a run would never be seen, only cost two rounds of DOM work.
import { createComputed, createSignal, onCleanup, untrack, type Accessor } from "solid-js";
import type { CellRun } from "../../engine";

/**
 * `run`, except that a pending state appears only once it has outlasted the current task; until
 * then the last settled state stays. Settled states pass through at once.
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
      }, 0);
    }
  });
  onCleanup(stopTimer);
  return shown;
}
