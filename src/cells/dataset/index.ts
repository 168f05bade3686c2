// The dataset cell: a table from a built-in dataset or from CSV text kept in the workbench file.
// Large built-ins (InstEval) load on first use, so compute returns a promise for them.
import type { ColumnTable } from "arquero";
import { defineCellType, type Json } from "../registry";
import { loadBuiltinTable } from "./builtin";
import { checkDataset, datasetSchema, defaults, type DatasetConfig } from "./config";
import { readCsvTable } from "./csv";

export type { DatasetConfig } from "./config";
export { builtinDescription, builtinNames, builtinTable, loadBuiltinTable } from "./builtin";

// CSV problems (ragged rows, unparseable numbers) travel beside the table rather than in the value,
// so downstream cells still receive a plain table.
const csvProblems = new WeakMap<ColumnTable, string[]>();

function fromCsv(text: string): ColumnTable {
  const { table, problems } = readCsvTable(text);
  if (table.numCols() === 0 || table.numRows() === 0) throw new Error(problems.length ? `CSV: ${problems.join("; ")}` : "CSV: no data rows");
  if (problems.length) csvProblems.set(table, problems);
  return table;
}

export const dataset = defineCellType<DatasetConfig, ColumnTable>({
  name: "dataset",
  title: "Dataset",
  description: "A table: one of the built-in datasets, or CSV text stored in the workbench.",
  config: datasetSchema,
  defaults,
  inputs: { min: 0, max: 0 },
  check: checkDataset,
  compute: (config) => ("builtin" in config.source ? loadBuiltinTable(config.source.builtin) : fromCsv(config.source.csv)),
  summary(table) {
    const summary: { [key: string]: Json } = { rows: table.numRows(), columns: table.columnNames() };
    const problems = csvProblems.get(table);
    if (problems) summary.problems = problems;
    return summary;
  },
  tables: (table) => ({ main: table }),
});
