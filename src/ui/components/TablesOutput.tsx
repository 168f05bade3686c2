// Output of any cell whose type exposes tables (dataset, transform, table, model): each table with a
// CSV download. Used as the view of table-like cells.
import { For, Show, createMemo, createSignal, type JSX } from "solid-js";
import type { ColumnTable } from "arquero";
import type { CellViewProps } from "../cell-views";
import { downloadText, fileNameFor } from "../download";
import { TableView } from "./TableView";
import { formatCount } from "../format-count";

/** Tables folded behind a button, for cells whose tables are a by-product (generators). */
export function FoldedTablesOutput(props: CellViewProps): JSX.Element {
  const [open, setOpen] = createSignal(false);
  // While pending, the last run's sizes and tables stay: clearing them would re-lay out the card twice per move.
  const sizes = createMemo((previous: string) => {
    if (props.run.status === "pending") return previous;
    if (props.run.status !== "fulfilled") return "";
    try {
      return Object.entries(props.session.engine().tables(props.cell.id))
        .map(([name, t]) => `${name === "main" ? "data" : name}: ${formatCount(t.numRows())} × ${t.numCols()}`)
        .join(" · ");
    } catch {
      return "";
    }
  }, "");
  return (
    <div class="folded-tables">
      <p class="table-size">{sizes()}</p>
      <button type="button" aria-expanded={open()} onClick={() => setOpen(!open())}>{open() ? "Hide tables" : "Show tables"}</button>
      <Show when={open()}>
        <TablesOutput {...props} />
      </Show>
    </div>
  );
}

export function TablesOutput(props: CellViewProps): JSX.Element {
  const tables = createMemo((previous: [string, ColumnTable][]) => {
    if (props.run.status === "pending") return previous;
    if (props.run.status !== "fulfilled") return [];
    try {
      return Object.entries(props.session.engine().tables(props.cell.id));
    } catch {
      return [];
    }
  }, []);
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
