// One cell as a card: name, type, status, output (the type's view or its summary), and a config
// editor. The root element carries data-cell-id and data-cell-status (always the engine's current
// state) for tests; the chip and the dimmed output follow the shown state (see shown-run.ts).
import { Show, createSignal, type JSX } from "solid-js";
import { Dynamic } from "solid-js/web";
import { getCellType } from "../../cells";
import type { CellDoc } from "../../engine";
import { getCellView } from "../cell-views";
import type { Session } from "../session/session";
import { ConfigEditor } from "./ConfigEditor";
import { createShownRun } from "./shown-run";
import { StatusChip } from "./StatusChip";
import { SummaryView } from "./SummaryView";

export function CellCard(props: { cell: CellDoc; session: Session; selected?: boolean; onSelect?: (id: string) => void; onShowCell?: (id: string) => void }): JSX.Element {
  const run = () => props.session.run(props.cell.id);
  const shown = createShownRun(run);
  const [editing, setEditing] = createSignal(false);
  const title = () => props.cell.name ?? props.cell.id;
  const typeTitle = () => getCellType(props.cell.type).title;
  const view = () => getCellView(props.cell.type) ?? SummaryView;

  return (
    <section
      class={`cell-card cell-${props.cell.type}`}
      classList={{ selected: props.selected === true }}
      data-cell-id={props.cell.id}
      data-cell-status={run().status}
      data-cell-runs={run().runs}
      data-cell-type={props.cell.type}
      aria-label={`${typeTitle()} cell ${title()}`}
      tabIndex={-1}
      onFocusIn={() => props.onSelect?.(props.cell.id)}
    >
      <header class="cell-header">
        <h3 class="cell-name">{title()}</h3>
        <span class="cell-type">{typeTitle()}</span>
        <StatusChip run={shown()} />
        <button type="button" class="icon-button" aria-expanded={editing()} aria-label={`edit ${title()}`} onClick={() => setEditing(!editing())}>
          {editing() ? "Close" : "Edit"}
        </button>
      </header>
      {/* The shown state: a failing cell's alert stays through the quick drag steps that fail again,
          instead of being removed and announced anew on every step. */}
      <Show when={shown().status === "rejected"}>
        <p class="cell-error" role="alert">
          <Show when={shown().blockedBy} fallback={shown().error}>
            blocked by{" "}
            <a href={`#cell-${shown().blockedBy}`} onClick={(e) => { e.preventDefault(); props.onShowCell?.(shown().blockedBy!); }}>
              {shown().blockedBy}
            </a>
          </Show>
        </p>
      </Show>
      <div class="cell-output" classList={{ stale: shown().status === "pending" }}>
        <Dynamic component={view()} cell={props.cell} run={run()} session={props.session} />
      </div>
      <Show when={editing()}>
        <ConfigEditor cell={props.cell} session={props.session} />
      </Show>
    </section>
  );
}
