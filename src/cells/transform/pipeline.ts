/**
 * runPipeline: applies checked pipeline steps (see ./steps) to Arquero tables.
 *
 * Every expression string is checked by ./expression against the current table before the verb
 * sees it, and every error is reported with the step path and, for expressions, the expression:
 *   steps[2].derive.z: unknown function "fetch" in "d => fetch('http://x')"
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { checkExpression, type ExpressionContext, ExpressionError } from "./expression";
import { sampleTable } from "./sample";
import {
  EXPRESSION_CONTEXT,
  type JoinSpec,
  type OrderKey,
  type PipelineStep,
  type PivotSpec,
  type Verb,
  validateSteps,
} from "./steps";

/** The pipeline's inputs: `main` is the table the steps start from; others are for joins. */
export type PipelineTables = { main: ColumnTable } & Record<string, ColumnTable>;

/** Result size limits, checked after every step. */
export const MAX_RESULT_ROWS = 2_000_000;
export const MAX_RESULT_COLUMNS = 5_000;

/** A failed step; `path` is e.g. "steps[2].derive.z". */
export class PipelineError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = "PipelineError";
  }
}

export interface RunPipelineOptions {
  /** Prefix of error paths; defaults to "steps" (a cell might use "config.steps"). */
  path?: string;
}

/**
 * Runs `steps` on `tables.main`, returning a new, reified table (grouping kept). Throws
 * {@link PipelineError} for the first invalid step.
 */
export function runPipeline(tables: PipelineTables, steps: readonly PipelineStep[], options: RunPipelineOptions = {}): ColumnTable {
  const root = options.path ?? "steps";
  const issues = validateSteps(steps, root);
  if (issues.length) throw new PipelineError(issues[0].path, issues[0].message);
  if (!tables || !isTable(tables.main)) throw new PipelineError(root, 'the pipeline needs an input table called "main"');

  let table = tables.main;
  steps.forEach((step, i) => {
    const verb = Object.keys(step)[0] as Verb;
    const path = `${root}[${i}].${verb}`;
    table = applyStep(table, tables, verb, (step as Record<string, any>)[verb], path);
    if (table.numRows() > MAX_RESULT_ROWS) {
      throw new PipelineError(path, `the result has ${table.numRows()} rows; the limit is ${MAX_RESULT_ROWS}`);
    }
    if (table.numCols() > MAX_RESULT_COLUMNS) {
      throw new PipelineError(path, `the result has ${table.numCols()} columns; the limit is ${MAX_RESULT_COLUMNS}`);
    }
  });
  return table.reify();
}

function isTable(t: unknown): t is ColumnTable {
  return t instanceof aq.ColumnTable;
}

function hasColumn(table: ColumnTable, name: string): boolean {
  return table.columnNames().includes(name);
}

function requireColumns(table: ColumnTable, names: readonly string[], path: string, what = "column"): void {
  for (const name of names) {
    if (!hasColumn(table, name)) {
      const known = table.columnNames();
      const list = known.length > 12 ? `${known.slice(0, 12).join(", ")}, …` : known.join(", ");
      throw new PipelineError(path, `unknown ${what} "${name}" (columns: ${list || "none"})`);
    }
  }
}

function checked(expr: string, context: ExpressionContext, path: string): string {
  try {
    return checkExpression(expr, context);
  } catch (err) {
    if (err instanceof ExpressionError) throw new PipelineError(path, `${err.message} in "${expr}"`);
    throw err;
  }
}

function checkedMap(map: Record<string, string>, context: ExpressionContext, path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, expr] of Object.entries(map)) out[name] = checked(expr, context, `${path}.${name}`);
  return out;
}

/** Runs one Arquero call, turning its errors into PipelineErrors at `path`. */
function attempt<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof PipelineError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new PipelineError(path, message.split("\n")[0]);
  }
}

function applyStep(table: ColumnTable, tables: PipelineTables, verb: Verb, arg: any, path: string): ColumnTable {
  switch (verb) {
    case "filter": {
      const expr = checked(arg, { ...EXPRESSION_CONTEXT.filter, table }, path);
      return attempt(path, () => table.filter(expr));
    }
    case "derive": {
      const values = checkedMap(arg, { ...EXPRESSION_CONTEXT.derive, table }, path);
      return attempt(path, () => table.derive(values));
    }
    case "rollup": {
      const values = checkedMap(arg, { ...EXPRESSION_CONTEXT.rollup, table }, path);
      return attempt(path, () => table.rollup(values));
    }
    case "select":
      requireColumns(table, arg, path);
      return attempt(path, () => table.select(arg as string[]));
    case "rename": {
      requireColumns(table, Object.keys(arg), path);
      return attempt(path, () => table.rename(arg as Record<string, string>));
    }
    case "groupby":
      requireColumns(table, arg, path);
      return attempt(path, () => table.groupby(arg as string[]));
    case "ungroup":
      return table.ungroup();
    case "orderby": {
      const keys = (arg as OrderKey[]).map((k) => (typeof k === "string" ? k : k.desc));
      requireColumns(table, keys, path);
      const order = (arg as OrderKey[]).map((k) => (typeof k === "string" ? k : aq.desc(k.desc)));
      return attempt(path, () => table.orderby(...order));
    }
    case "join":
      return join(table, tables, arg as JoinSpec, path);
    case "sample":
      return attempt(path, () => sampleTable(table, arg));
    case "fold": {
      requireColumns(table, arg.columns, path);
      const options = arg.as ? { as: arg.as as string[] } : {};
      return attempt(path, () => table.fold(arg.columns as string[], options));
    }
    case "pivot": {
      const spec = arg as PivotSpec;
      requireColumns(table, spec.keys, `${path}.keys`);
      let values: string[] | Record<string, string>;
      if (Array.isArray(spec.values)) {
        requireColumns(table, spec.values, `${path}.values`);
        values = spec.values;
      } else {
        values = checkedMap(spec.values, { ...EXPRESSION_CONTEXT.pivot, table }, `${path}.values`);
      }
      return attempt(path, () => table.pivot(spec.keys, values));
    }
    case "dedupe":
      requireColumns(table, arg, path);
      return attempt(path, () => table.dedupe(...(arg as string[])));
    case "slice":
      return attempt(path, () => table.slice(arg.start, arg.end));
  }
}

function join(table: ColumnTable, tables: PipelineTables, spec: JoinSpec, path: string): ColumnTable {
  if (!Object.hasOwn(tables, spec.table) || spec.table === "main") {
    const others = Object.keys(tables).filter((k) => k !== "main");
    throw new PipelineError(`${path}.table`, `unknown table "${spec.table}" (inputs: ${others.join(", ") || "none besides main"})`);
  }
  const other = tables[spec.table];
  if (!isTable(other)) throw new PipelineError(`${path}.table`, `input "${spec.table}" is not a table`);
  let on: [string[], string[]] | string | undefined;
  if (spec.predicate !== undefined) {
    on = checked(spec.predicate, { join: [table, other], aggregate: false, window: false }, `${path}.predicate`);
  } else if (spec.on !== undefined) {
    const [left, right] =
      typeof spec.on === "string" ? [[spec.on], [spec.on]] : Array.isArray(spec.on) ? [spec.on, spec.on] : [spec.on.left, spec.on.right];
    requireColumns(table, left, `${path}.on`, "key column");
    requireColumns(other, right, `${path}.on`, `key column of "${spec.table}"`);
    on = [left, right];
  } else {
    const shared = table.columnNames().filter((n) => hasColumn(other, n));
    if (shared.length === 0) throw new PipelineError(path, `no shared column names with "${spec.table}"; give on or predicate`);
  }
  const how = spec.how ?? "inner";
  const options = {
    left: how === "left" || how === "full",
    right: how === "right" || how === "full",
    suffix: spec.suffix ?? ["_1", "_2"],
  };
  // Arquero reads a plain string `on` as a key column name; a predicate string travels as an object
  // whose toString is the (checked) source, which Arquero parses like any string expression.
  const condition = typeof on === "string" ? { toString: () => on as string } : on;
  return attempt(path, () => table.join(other, condition as any, undefined, options));
}
