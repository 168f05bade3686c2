// The parameter cell's control: native inputs (range, number, select, checkbox) so keyboards, screen
// readers and tests all work. Each input event goes straight to the engine (the browser sends at most
// one per frame while dragging, and the runtime drops results a newer value made stale), and the whole
// drag becomes one undo step when the control reports `change`.
import { For, Match, Show, Switch, type JSX } from "solid-js";
import type { CellViewProps } from "../../ui/cell-views";
import type { WorkbenchDoc } from "../../engine";
import type { ParameterConfig } from "./config";

export function ParameterView(props: CellViewProps): JSX.Element {
  const config = () => props.cell.config as ParameterConfig;
  // A card keeps its cell id for life (cards are keyed by id). Read once: every step of a drag gives
  // the cell a new config object, and an id read through it would set the label's, the input's and
  // the output's id and `for` again on each step (DOM writes that re-link labels and outputs).
  const inputId = `param-${props.cell.id}`;
  const label = () => config().label ?? props.cell.name ?? props.cell.id;
  let before: WorkbenchDoc | null = null;

  function live(value: unknown): void {
    before ??= props.session.doc();
    try {
      props.session.setParameter(props.cell.id, value);
    } catch {
      // Out-of-range text in a number box: the engine refused it; the box keeps the user's text.
    }
  }
  function commit(): void {
    if (before) props.session.commitParameter(props.cell.id, before);
    before = null;
  }

  return (
    <div class="parameter-control">
      <label for={inputId}>{label()}</label>
      <Switch>
        <Match when={config().control === "slider" || config().control === "number"}>
          <input
            id={inputId}
            type={config().control === "slider" ? "range" : "number"}
            min={config().min}
            max={config().max}
            step={config().step ?? "any"}
            value={Number(config().value)}
            onInput={(e) => live(Number(e.currentTarget.value))}
            onChange={commit}
          />
          <Show when={config().control === "slider"}>
            <output for={inputId} class="parameter-value">{formatValue(config().value)}</output>
          </Show>
        </Match>
        <Match when={config().control === "select"}>
          <select
            id={inputId}
            onChange={(e) => {
              const option = config().options?.[e.currentTarget.selectedIndex];
              live(option);
              commit();
            }}
          >
            <For each={config().options ?? []}>{(option) => <option selected={option === config().value}>{String(option)}</option>}</For>
          </select>
        </Match>
        <Match when={config().control === "toggle"}>
          <input
            id={inputId}
            type="checkbox"
            checked={config().value === true}
            onChange={(e) => {
              live(e.currentTarget.checked);
              commit();
            }}
          />
        </Match>
      </Switch>
    </div>
  );
}

function formatValue(value: unknown): string {
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toPrecision(3).replace(/\.?0+$/, "");
  return String(value);
}
