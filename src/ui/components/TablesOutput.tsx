// Output of any cell whose type exposes tables (dataset, transform, table, model): each table with a
// CSV download. Used as the view of table-like cells.
import { For, Show, createMemo, type JSX } from "solid-js";
import type { CellViewProps } from "../cell-views";
import { downloadText, fileNameFor } from "../download";
import { TableView } from "./TableView";

export function TablesOutput(props: CellViewProps): JSX.Element {
  const tables = createMemo(() => {
    if (props.run.status !== "fulfilled") return [];
    try {
      return Object.entries(props.session.engine().tables(props.cell.id));
    } catch {
      return [];
    }
  });
  const maxRows = () => {
    const configured = (props.cell.config as { maxRows?: unknown }).maxRows;
    return typeof configured === "number" ? configured : 8;
  };
  return (
    <div class="tables-output">
      <For each={tables()}>
        {([name, table]) => (
          <div class="table-block">
            <div class="table-actions">
              <Show when={tables().length > 1}>
                <strong>{name}</strong>
              </Show>
              <button
                type="button"
                onClick={() => downloadText(fileNameFor(name === "main" ? props.cell.id : `${props.cell.id}-${name}`, "csv"), table.toCSV(), "text/csv")}
              >
                Download CSV
              </button>
            </div>
            <TableView table={table} maxRows={maxRows()} />
          </div>
        )}
      </For>
    </div>
  );
}
