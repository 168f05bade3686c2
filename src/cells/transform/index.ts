// The transform cell: Arquero verbs described as data, with checked string expressions.
import type { ColumnTable } from "arquero";
import { shouldOffload } from "../offload/policy";
import { canPackTable } from "../offload/table";
import { defineCellType, type CellInput } from "../registry";
import { defaults, transformSchema, type TransformConfig } from "./config";
import { runPipeline, type PipelineTables } from "./pipeline";
import { loadOnce } from "../load-once";

/** The worker path (large data), loaded on first use and kept: see load-once.ts. */
const loadOffload = loadOnce(() => import("./offload"));

export type { TransformConfig } from "./config";
export * from "./core";

/** Duck-typed: a table made by another copy of Arquero (a worker, a test) still counts. */
function isTable(value: unknown): value is ColumnTable {
  const t = value as ColumnTable | null;
  return typeof t === "object" && t !== null && typeof t.numRows === "function" && typeof t.columnNames === "function";
}

/** An input's table: the value itself, or its own `data` table (a generator's value). */
export function inputTable(input: CellInput): ColumnTable {
  if (isTable(input.value)) return input.value;
  const value = input.value as Record<string, unknown> | null;
  if (value && typeof value === "object" && Object.hasOwn(value, "data") && isTable(value.data)) return value.data;
  throw new Error(`input "${input.id}" (${input.type}) is not a table`);
}

/** The first input is `main`; every input is also reachable by its cell id (for joins). */
export function pipelineTables(inputs: readonly CellInput[]): PipelineTables {
  if (inputs.length === 0) throw new Error("a transform needs at least one input table");
  const tables: Record<string, ColumnTable> = {};
  inputs.forEach((input, i) => {
    const t = inputTable(input);
    if (i === 0) tables.main = t;
    if (input.id !== "main") tables[input.id] = t;
  });
  return tables as PipelineTables;
}

/**
 * True when this pipeline should run in a worker: its main table is large (WORKER_ROWS rows, in a
 * browser page) and every input can be sent as columns (see canPackTable).
 */
export function shouldRunInWorker(tables: PipelineTables): boolean {
  return shouldOffload(tables.main.numRows()) && Object.values(tables).every(canPackTable);
}

export const transform = defineCellType<TransformConfig, ColumnTable>({
  name: "transform",
  title: "Transform",
  description: "Filter, derive, group, summarise, join, sample and reshape a table with Arquero verbs.",
  config: transformSchema,
  defaults,
  inputs: { min: 1, max: 8 },
  compute(config, inputs, context): ColumnTable | Promise<ColumnTable> {
    const tables = pipelineTables(inputs);
    // A derive or filter over 100,000 rows takes the page tens to hundreds of ms; in a worker the page
    // only copies the columns over and takes the result back. Small tables stay synchronous (a slider
    // drag settles within its frame); Node (CLI, tests) always runs in-process.
    if (shouldRunInWorker(tables)) {
      return Promise.resolve(loadOffload()).then((m) => m.transformInWorker(tables, config.steps, "steps", context.signal));
    }
    return runPipeline(tables, config.steps, { path: "steps" });
  },
  summary: (table) => ({
    rows: table.numRows(),
    columns: table.columnNames(),
    groupedBy: table.isGrouped() ? (table.groups().names as string[]) : null,
  }),
  tables: (table) => ({ main: table }),
});
