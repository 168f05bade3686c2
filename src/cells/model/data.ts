// The model cell's input as named columns: an Arquero table, or a value holding one as `data`
// (a generator's output).
import type { DataColumns } from "../../stats/frame/model-matrices";
import type { CellInput } from "../registry";
import { shouldOffload } from "../offload/policy";

interface TableLike {
  columnNames(): string[];
  array(name: string): ArrayLike<unknown>;
  numRows(): number;
  column?(name: string): unknown;
  isFiltered?(): boolean;
  isOrdered?(): boolean;
}

function isTableLike(value: unknown): value is TableLike {
  const t = value as Partial<TableLike> | null;
  return typeof t === "object" && t !== null && typeof t.columnNames === "function" && typeof t.array === "function";
}

/** The input table as columns, or a clear error naming the input. */
export function inputColumns(input: CellInput): DataColumns {
  const value = input.value;
  const table = isTableLike(value) ? value : isTableLike((value as { data?: unknown } | null)?.data) ? (value as { data: TableLike }).data : null;
  if (!table) throw new Error(`input "${input.id}" (${input.type}) is not a table: a model needs data with one row per observation`);
  const columns: Record<string, ArrayLike<number | string | boolean | null | undefined>> = {};
  for (const name of table.columnNames()) columns[name] = columnOf(table, name) as ArrayLike<number | string | boolean | null | undefined>;
  return columns;
}

/**
 * A column without copying it when the table holds it as a plain or typed array in row order:
 * `table.array(name)` copies row by row through an accessor, which for 100,000 rows costs the page
 * over 100 ms, while the model only reads its columns. (Arrow-backed columns have no indexing, and
 * filtered or ordered tables are not in row order: those are copied.)
 */
function columnOf(table: TableLike, name: string): ArrayLike<unknown> {
  const raw = table.isFiltered?.() || table.isOrdered?.() ? undefined : table.column?.(name);
  if (Array.isArray(raw) || (ArrayBuffer.isView(raw) && !(raw instanceof DataView))) return raw as ArrayLike<unknown>;
  return table.array(name);
}

/** True in a browser page (Web Workers exist) for tables of WORKER_ROWS (../offload/policy) rows or more. */
export function shouldUseWorker(data: DataColumns): boolean {
  const first = Object.values(data)[0];
  return first !== undefined && shouldOffload(first.length);
}
