// The sweep cell in the browser: a progress bar with a cancel button while the workers run, the
// summary (partial while running, final after), and CSV downloads. Progress comes from the sweep's
// progress store, so the card updates while the engine still reports the cell as pending.
// data-sweep-state / data-sweep-done / data-sweep-total tell tests where the sweep is.
import { For, Index, Show, createMemo, createSignal, onCleanup, type JSX } from "solid-js";
import * as aq from "arquero";
import type { CellViewProps } from "../../ui/cell-views";
import { downloadText, fileNameFor } from "../../ui/download";
import { cancelSweep, formatSweepProgress, subscribeSweepProgress, sweepProgress, type SweepProgress } from "./progress";
import type { Row } from "./results";
import type { SweepValue } from "./run";

const fmt = (v: unknown, digits = 3): string => (typeof v === "number" && Number.isFinite(v) ? v.toFixed(digits) : "–");
const withSE = (v: unknown, se: unknown, digits = 3): string => (typeof v === "number" && Number.isFinite(v) ? `${v.toFixed(digits)} ± ${fmt(se, digits)}` : "–");

export function SweepView(props: CellViewProps): JSX.Element {
  const [progress, setProgress] = createSignal<SweepProgress | undefined>(sweepProgress(props.cell.id), { equals: false });
  onCleanup(subscribeSweepProgress((p) => setProgress(p), props.cell.id));

  const value = () => (props.run.status === "fulfilled" ? (props.run.value as SweepValue) : undefined);
  /** The last finished sweep: kept (dimmed) while a new one waits for its inputs. */
  const last = () => (props.run.value as SweepValue | undefined) ?? undefined;
  const running = () => props.run.status === "pending" && progress()?.state === "running";
  const state = () => (running() ? "running" : props.run.status === "fulfilled" ? value()!.status : props.run.status === "rejected" ? "failed" : "pending");
  /**
   * The sweep the card describes: the finished one, or while a new run is pending without reporting
   * progress (a drag step's draft reports only at its end; a sweep waiting for its inputs) the last
   * one, so its line, buttons and bar stay as they are instead of flashing for one frame per step.
   */
  const described = () => value() ?? (props.run.status === "pending" && !running() ? last() : undefined);
  const done = () => (running() ? (progress()?.done ?? 0) : (described()?.done ?? 0));
  const total = () => (running() ? (progress()?.total ?? 0) : (described()?.total ?? 0));
  /**
   * The last sweep that ran every replicate. While a drag's drafts (two replicates per grid point)
   * feed the charts, the table keeps its numbers: a mean and Monte Carlo SE of two fits say little,
   * and rewriting every cell of the table on each step cost the page a layout and paint per frame.
   */
  const lastFull = createMemo<SweepValue | undefined>((previous) => {
    const v = props.run.value as SweepValue | undefined;
    return v && v.status !== "draft" ? v : previous;
  });
  const tableFrom = (): SweepValue | undefined => {
    const v = last();
    return v?.status === "draft" ? (lastFull() ?? v) : v;
  };
  const tableIsEarlier = () => !running() && last()?.status === "draft" && lastFull() !== undefined;
  // Until a running sweep has a partial summary the last one stays: removing the table and building
  // it again on every drag step (each a draft sweep) cost a layout of the page per step.
  const rows = createMemo((): Row[] => (running() ? (progress()?.partial ?? tableFrom()?.summary ?? []) : (tableFrom()?.summary ?? [])));
  const vary = (): string[] => (running() ? varyOf(rows()) : (tableFrom()?.vary ?? varyOf(rows())));
  const line = () => {
    const p = progress();
    if (running() && p) return formatSweepProgress(p);
    const v = described();
    if (v) return `${v.done}/${v.total} fits${v.status === "cancelled" ? " (cancelled)" : v.status === "draft" ? " (a draft while the slider moves; all of them when it is released)" : ""} in ${(v.elapsedMs / 1000).toFixed(1)} s ${v.mode === "inline" ? "on this page" : `with ${v.workers} worker${v.workers === 1 ? "" : "s"}`}${v.failures ? `, ${v.failures} failed` : ""}`;
    return props.run.status === "pending" ? "starting…" : "";
  };

  function download(name: "summary" | "replicates"): void {
    // What the table shows: during a drag, the last full sweep rather than the draft's two replicates.
    const v = tableIsEarlier() ? lastFull() : described();
    if (!v) return;
    const rowsOf = name === "summary" ? v.summary : v.replicates;
    downloadText(fileNameFor(`${props.cell.name ?? props.cell.id}-${name}`, "csv"), aq.from(rowsOf).toCSV(), "text/csv");
  }

  function runAgain(): void {
    try {
      props.session.engine().setConfig(props.cell.id, props.cell.config);
    } catch {
      // the config was accepted before; nothing to do if the cell is gone
    }
  }

  return (
    <div class="sweep-view" data-sweep-state={state()} data-sweep-done={done()} data-sweep-total={total()}>
      <div class="sweep-progress" style={{ display: "flex", gap: "0.6rem", "align-items": "center", "flex-wrap": "wrap" }}>
        <progress max={Math.max(1, total())} value={done()} aria-label="sweep progress" style={{ "min-width": "10rem" }} />
        {/* A drag's drafts change this line on every step: announced, they would drown out the slider. */}
        <span class="sweep-progress-text" role="status" aria-live={!running() && described()?.status === "draft" ? "off" : "polite"}>{line()}</span>
        <Show when={running()}>
          <button type="button" class="sweep-cancel" onClick={() => cancelSweep(props.cell.id)}>Cancel</button>
        </Show>
        <Show when={!running() && value()?.status === "cancelled"}>
          <button type="button" class="sweep-rerun" onClick={runAgain}>Run again</button>
        </Show>
        <Show when={described()}>
          <button type="button" onClick={() => download("summary")}>Summary CSV</button>
          <button type="button" onClick={() => download("replicates")}>Replicates CSV</button>
        </Show>
      </div>
      <Show when={rows().length > 0}>
        <div class="table-view sweep-summary" style={{ opacity: described() && !tableIsEarlier() ? 1 : 0.75, "overflow-x": "auto", "max-width": "100%" }}>
          <table>
            <caption>{running() ? "Summary so far (± Monte Carlo SE)" : tableIsEarlier() ? "Summary of the last full sweep (± Monte Carlo SE); the charts show the draft" : "Summary per grid point (± Monte Carlo SE)"}</caption>
            <thead>
              <tr>
                <For each={vary()}>{(name) => <th scope="col">{name}</th>}</For>
                <th scope="col">term</th>
                <th scope="col">fits</th>
                <th scope="col">truth</th>
                <th scope="col">mean</th>
                <th scope="col">bias</th>
                <th scope="col">emp. SD</th>
                <th scope="col">mean SE</th>
                <th scope="col">coverage</th>
                <th scope="col">rejection</th>
                <th scope="col">singular</th>
                <th scope="col">not conv.</th>
              </tr>
            </thead>
            <tbody>
              <Index each={rows()}>
                {(row) => (
                  <tr>
                    <For each={vary()}>{(name) => <td>{String(row()[name] ?? "")}</td>}</For>
                    <td>{String(row().term)}</td>
                    <td>{String(row().n ?? 0)}</td>
                    <td>{fmt(row().truth)}</td>
                    <td>{withSE(row().mean_estimate, row().mcse_mean_estimate)}</td>
                    <td>{withSE(row().bias, row().mcse_bias)}</td>
                    <td>{withSE(row().emp_sd, row().mcse_emp_sd)}</td>
                    <td>{withSE(row().mean_se, row().mcse_mean_se)}</td>
                    <td>{withSE(row().coverage, row().mcse_coverage)}</td>
                    <td>{withSE(row().rejection, row().mcse_rejection)}</td>
                    <td>{fmt(row().singular_rate, 2)}</td>
                    <td>{fmt(row().nonconverged_rate, 2)}</td>
                  </tr>
                )}
              </Index>
            </tbody>
          </table>
        </div>
      </Show>
      {/* Kept mounted when empty: a click on the slider (a draft with its message, then the release
          with none) would otherwise build and remove the list on every step. */}
      <ul class="sweep-messages" hidden={!last()?.messages.length}>
        <For each={last()?.messages ?? []}>{(m) => <li>{m}</li>}</For>
      </ul>
    </div>
  );
}

/** Varied columns of summary rows: the keys between `point` and `grid_value`. */
function varyOf(rows: readonly Row[]): string[] {
  const first = rows[0];
  if (!first) return [];
  const keys = Object.keys(first);
  const end = keys.indexOf("grid_value");
  return keys.slice(1, end < 0 ? 1 : end);
}
