// An Arquero table as columns for the trip to or from a worker, and back into a table without a
// per-row object: the columns are rebuilt (see ./columns) and the table made around them directly.
// A grouped table keeps its grouping exactly (which group each row is in, the groups' order and key
// values) instead of being grouped again: grouping again would hash every row on the page, and after
// a filter Arquero's groups keep their first order, which a fresh groupby would not reproduce.
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { fromWireColumn, toWireColumn, wireColumnViews, type WireColumn } from "./columns";
import { rawColumn } from "./raw-column";

/** The table's grouping: per-row group index, each group's first row (as Arquero keeps it) and its key values. */
export interface WireGroups {
  names: string[];
  keys: Uint32Array;
  rows: number[];
  /** values[k][g]: the value of key `names[k]` of group g. */
  values: unknown[][];
}

export interface WireTable {
  names: string[];
  columns: WireColumn[];
  groups: WireGroups | null;
}

/** The grouping Arquero keeps on a table (its GroupBySpec). */
type GroupSpec = NonNullable<ConstructorParameters<typeof aq.ColumnTable>[3]>;

/**
 * True when `table` can be packed: a filtered or ordered view is left alone (a pipeline over the
 * view and over its materialized rows can differ, e.g. in how a later orderby breaks ties). Cells
 * hand on reified tables, so in practice every table qualifies.
 */
export function canPackTable(table: ColumnTable): boolean {
  return !table.isFiltered() && !table.isOrdered();
}

export function packTable(table: ColumnTable): WireTable {
  if (!canPackTable(table)) throw new Error("packTable: a filtered or ordered table must be reified first");
  const names = table.columnNames();
  const columns = names.map((name) => toWireColumn(rawColumn(table, name)));
  return { names, columns, groups: packGroups(table) };
}

function packGroups(table: ColumnTable): WireGroups | null {
  if (!table.isGrouped()) return null;
  const spec = table.groups() as unknown as GroupSpec;
  const rows = Array.from(spec.rows);
  // Key values as Arquero reports them for each group's first row (how rollup writes its key columns).
  const values = spec.get.map((get) => rows.map((row) => (get as (row: number) => unknown)(row)));
  const keys = spec.keys instanceof Uint32Array ? spec.keys : Uint32Array.from(spec.keys);
  return { names: [...spec.names], keys, rows, values };
}

export function unpackTable(wire: WireTable): ColumnTable {
  const data: Record<string, ArrayLike<unknown>> = {};
  wire.names.forEach((name, i) => (data[name] = fromWireColumn(wire.columns[i]!)));
  const groups = wire.groups ? unpackGroups(wire.groups) : undefined;
  return new aq.ColumnTable(data as unknown as ConstructorParameters<typeof aq.ColumnTable>[0], wire.names, undefined, groups);
}

function unpackGroups(wire: WireGroups): GroupSpec {
  const { keys, rows, values } = wire;
  // Arquero reads a group's key values at its first row, `rows[g]`. After a filter, `rows` still
  // index the rows before it (its accessors read the old columns), so a first row is looked up as
  // such before its position in `keys` is trusted; any other row answers with its group's values.
  const group = new Map<number, number>();
  rows.forEach((row, g) => group.set(row, g));
  const get = values.map((column) => (row: number) => column[group.get(row) ?? keys[row]!]);
  return { names: wire.names, keys, rows: wire.rows, size: wire.rows.length, get } as unknown as GroupSpec;
}

/** The typed arrays inside a packed table (for handing their buffers over). */
export function wireTableViews(wire: WireTable): unknown[] {
  const views = wire.columns.flatMap(wireColumnViews);
  if (wire.groups) views.push(wire.groups.keys);
  return views;
}
