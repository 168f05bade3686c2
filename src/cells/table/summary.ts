import type { ColumnTable } from "arquero";
import type { Json } from "../registry";

/** A cell value as JSON: NaN/Infinity become null and dates ISO strings, so summaries always serialise. */
export function jsonValue(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  return String(value);
}

/** rows, column names and the first `limit` rows of a table. */
export function tableSummary(table: ColumnTable, limit: number): Json {
  const head = table.objects({ limit }).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, jsonValue(v)])));
  return { rows: table.numRows(), columns: table.columnNames(), head };
}
