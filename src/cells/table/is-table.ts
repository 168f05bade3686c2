import type { ColumnTable } from "arquero";

/** Duck-typed: a table made by another copy of Arquero (a worker, a test) still counts. */
export function isTable(value: unknown): value is ColumnTable {
  const t = value as ColumnTable | null;
  return typeof t === "object" && t !== null && typeof t.numRows === "function" && typeof t.columnNames === "function" && typeof t.objects === "function";
}
