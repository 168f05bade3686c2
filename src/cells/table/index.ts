// The table cell: shows one table-valued input (a dataset, a transform's output), first rows only.
import type { ColumnTable } from "arquero";
import { defineCellType } from "../registry";
import * as aq from "arquero";
import { number, object, optional, string, type Infer } from "../schema";
import { isTable } from "./is-table";
import { tableSummary } from "./summary";

export { isTable } from "./is-table";

export const tableSchema = object({
  /** How many rows the view and the summary show; the value keeps every row. */
  maxRows: optional(number({ min: 1, max: 10_000, integer: true }), 10),
  /** A named table inside the input's value, e.g. "coefs" of a model or "truth" of a generator. */
  table: optional(string({ minLength: 1, maxLength: 40 })),
});

export type TableConfig = Infer<typeof tableSchema>;

export const table = defineCellType<TableConfig, ColumnTable>({
  name: "table",
  title: "Table",
  description: "A view of a table from another cell: its size, columns and first rows.",
  config: tableSchema,
  defaults: { maxRows: 10 },
  inputs: { min: 1, max: 1 },
  compute(config, inputs) {
    const input = inputs[0]!;
    const picked = config.table !== undefined ? namedTable(input.value, config.table) : input.value;
    if (picked === undefined) throw new Error(`input "${input.id}" (${input.type}) has no table "${config.table}"`);
    if (isTable(picked)) return picked;
    if (Array.isArray(picked) && picked.every((r) => r !== null && typeof r === "object" && !Array.isArray(r))) return aq.from(picked as object[]);
    // A generator's value holds its observations as `data`.
    const data = namedTable(picked, "data");
    if (config.table === undefined && isTable(data)) return data;
    const hasTables = config.table === undefined && picked !== null && typeof picked === "object";
    throw new Error(`input "${input.id}" (${input.type}) is not a table${hasTables ? "; pick one of its tables with the table option" : ""}`);
  },
  summary: (value, config) => tableSummary(value, config.maxRows ?? 10),
  tables: (value) => ({ main: value }),
});

/** An own data property of a value (never a getter, never an inherited or prototype key). */
function namedTable(value: unknown, key: string): unknown {
  if (value === null || typeof value !== "object" || key === "__proto__" || key === "constructor" || key === "prototype") return undefined;
  const descriptor = Object.getOwnPropertyDescriptor(value, key);
  return descriptor && "value" in descriptor ? descriptor.value : undefined;
}
