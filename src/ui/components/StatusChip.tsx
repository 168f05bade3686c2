import type { JSX } from "solid-js";
import type { CellRun } from "../../engine";

/**
 * The cell's status as a word and a colour; "blocked by X" links to X's card. Not a live region:
 * every recomputed cell's chip changes on each step of a drag, and a screen reader would read them
 * all out; a failing cell announces itself through its error (an alert).
 */
export function StatusChip(props: { run: CellRun; onShowCell?: (id: string) => void }): JSX.Element {
  const label = () => (props.run.status === "rejected" ? (props.run.blockedBy ? "blocked" : "error") : props.run.status === "fulfilled" ? "ok" : "running");
  return (
    <span class={`status-chip status-${props.run.status}`}>
      <span class="visually-hidden">status: </span>
      {label()}
      {props.run.status === "fulfilled" && props.run.elapsed !== null ? <span class="elapsed"> {formatMs(props.run.elapsed)}</span> : null}
    </span>
  );
}

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}
