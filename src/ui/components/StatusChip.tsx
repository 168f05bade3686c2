import type { JSX } from "solid-js";
import type { CellRun } from "../../engine";

/** The cell's status as a word and a colour; "blocked by X" links to X's card. */
export function StatusChip(props: { run: CellRun; onShowCell?: (id: string) => void }): JSX.Element {
  const label = () => (props.run.status === "rejected" ? (props.run.blockedBy ? "blocked" : "error") : props.run.status === "fulfilled" ? "ok" : "running");
  return (
    <span class={`status-chip status-${props.run.status}`} role="status" aria-label={`status: ${label()}`}>
      {label()}
      {props.run.status === "fulfilled" && props.run.elapsed !== null ? <span class="elapsed"> {formatMs(props.run.elapsed)}</span> : null}
    </span>
  );
}

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}
