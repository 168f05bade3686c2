// The datasets shipped with the app (lme4's classics), loaded from committed JSON so Node and the
// browser share one import. Regenerate with `node scripts/build-datasets.mjs`. The small ones are in
// the main bundle and load synchronously; the large ones (lazy.ts) load on first use.
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import data from "./builtin-data.json";
import { isLazyBuiltin, lazyBuiltins, lazyBuiltinTable } from "./lazy";

export interface BuiltinDataset {
  description: string;
  source: string;
  columns: Record<string, (number | string | null)[]>;
}

const builtins = data as Record<string, BuiltinDataset>;

export const builtinNames: readonly string[] = [...Object.keys(builtins), ...Object.keys(lazyBuiltins)];

export function hasBuiltinDataset(name: string): boolean {
  return Object.hasOwn(builtins, name) || isLazyBuiltin(name);
}

/** A fresh Arquero table of a small built-in dataset; factor columns are strings. */
export function builtinTable(name: string): ColumnTable {
  if (isLazyBuiltin(name)) throw new Error(`the built-in dataset "${name}" loads asynchronously: use loadBuiltinTable`);
  const entry = builtins[name];
  if (!entry || !Object.hasOwn(builtins, name)) throw new Error(`no built-in dataset "${name}"`);
  // Copy the arrays: a table must never share storage with the module-level JSON.
  return aq.table(Object.fromEntries(Object.entries(entry.columns).map(([k, v]) => [k, v.slice()])));
}

/**
 * Any built-in dataset: the table itself for a small one (so cells reading it recompute within the
 * same tick, as before), a promise for a large one.
 */
export function loadBuiltinTable(name: string): ColumnTable | Promise<ColumnTable> {
  return isLazyBuiltin(name) ? lazyBuiltinTable(name) : builtinTable(name);
}

export function builtinDescription(name: string): string | undefined {
  if (isLazyBuiltin(name)) return lazyBuiltins[name]!.description;
  return Object.hasOwn(builtins, name) ? builtins[name]!.description : undefined;
}
