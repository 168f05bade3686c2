// A table output: size, then the first rows as an HTML table built from text nodes only.
import { For, Show, createMemo, type JSX } from "solid-js";
import type { ColumnTable } from "arquero";
import { formatCount } from "../format-count";

export function TableView(props: { table: ColumnTable; maxRows?: number; caption?: string }): JSX.Element {
  const maxRows = () => props.maxRows ?? 10;
  const columns = createMemo(() => props.table.columnNames());
  const rows = createMemo(() => {
    const n = Math.min(props.table.numRows(), maxRows());
    const cols = columns().map((name) => props.table.column(name)!);
    const out: string[][] = [];
    for (let i = 0; i < n; i++) out.push(cols.map((col) => formatCell(col.at(i))));
    return out;
  });
  return (
    <div class="table-view">
      <table>
        <Show when={props.caption}>
          <caption>{props.caption}</caption>
        </Show>
        <thead>
          <tr>
            <For each={columns()}>{(name) => <th scope="col">{name}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={rows()}>{(row) => <tr><For each={row}>{(cell) => <td>{cell}</td>}</For></tr>}</For>
        </tbody>
      </table>
      <p class="table-size">
        {formatCount(props.table.numRows())} rows × {columns().length} columns
        {props.table.numRows() > maxRows() ? ` (first ${maxRows()} shown)` : ""}
      </p>
    </div>
  );
}

function formatCell(value: unknown): string {
  if (value === null || value === undefined) return "NA";
  if (typeof value === "number") {
    if (Number.isInteger(value)) return String(value);
    return Math.abs(value) >= 1e5 || Math.abs(value) < 1e-3 ? value.toExponential(3) : value.toFixed(Math.abs(value) < 1 ? 4 : 2);
  }
  return String(value);
}
