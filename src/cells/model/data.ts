// The model cell's input as named columns: an Arquero table, or a value holding one as `data`
// (a generator's output).
import type { DataColumns } from "../../stats/frame/model-matrices";
import type { CellInput } from "../registry";
import { shouldOffload } from "../offload/policy";
import { rawColumn, type ColumnSource } from "../offload/raw-column";

interface TableLike extends ColumnSource {
  columnNames(): string[];
  numRows(): number;
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
  for (const name of table.columnNames()) columns[name] = rawColumn(table, name) as ArrayLike<number | string | boolean | null | undefined>;
  return columns;
}

/** True in a browser page (Web Workers exist) for tables of WORKER_ROWS (../offload/policy) rows or more. */
export function shouldUseWorker(data: DataColumns): boolean {
  const first = Object.values(data)[0];
  return first !== undefined && shouldOffload(first.length);
}
