// A table's column without copying it, for handing columns to a fit or a worker.

/** The part of an Arquero table this needs (the model cell also accepts table-like values). */
export interface ColumnSource {
  array(name: string): ArrayLike<unknown>;
  column?(name: string): unknown;
  isFiltered?(): boolean;
  isOrdered?(): boolean;
}

/**
 * The column's own array when the table holds it as a plain or typed array in row order:
 * `table.array(name)` copies row by row through an accessor, which for 100,000 rows costs the page
 * over 100 ms. Arrow-backed columns have no indexing, and a filtered or ordered table is not in row
 * order: those are copied.
 */
export function rawColumn(table: ColumnSource, name: string): ArrayLike<unknown> {
  const raw = table.isFiltered?.() || table.isOrdered?.() ? undefined : table.column?.(name);
  if (Array.isArray(raw) || (ArrayBuffer.isView(raw) && !(raw instanceof DataView))) return raw as ArrayLike<unknown>;
  return table.array(name);
}
