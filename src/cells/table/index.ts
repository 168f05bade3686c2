// The table cell: shows one table-valued input (a dataset, a transform's output), first rows only.
import type { ColumnTable } from "arquero";
import { defineCellType } from "../registry";
import { number, object, optional, type Infer } from "../schema";
import { isTable } from "./is-table";
import { tableSummary } from "./summary";

export { isTable } from "./is-table";

export const tableSchema = object({
  /** How many rows the view and the summary show; the value keeps every row. */
  maxRows: optional(number({ min: 1, max: 10_000, integer: true }), 10),
});

export type TableConfig = Infer<typeof tableSchema>;

export const table = defineCellType<TableConfig, ColumnTable>({
  name: "table",
  title: "Table",
  description: "A view of a table from another cell: its size, columns and first rows.",
  config: tableSchema,
  defaults: { maxRows: 10 },
  inputs: { min: 1, max: 1 },
  compute(_config, inputs) {
    const input = inputs[0]!;
    if (!isTable(input.value)) throw new Error(`input "${input.id}" (${input.type}) is not a table`);
    return input.value;
  },
  summary: (value, config) => tableSummary(value, config.maxRows ?? 10),
  tables: (value) => ({ main: value }),
});
