// The datasets shipped with the app (lme4's classics), loaded from committed JSON so Node and the
// browser share one import. Regenerate with `node scripts/build-datasets.mjs`.
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import data from "./builtin-data.json";

export interface BuiltinDataset {
  description: string;
  source: string;
  columns: Record<string, (number | string | null)[]>;
}

const builtins = data as Record<string, BuiltinDataset>;

export const builtinNames: readonly string[] = Object.keys(builtins);

export function hasBuiltinDataset(name: string): boolean {
  return Object.hasOwn(builtins, name);
}

/** A fresh Arquero table of a built-in dataset; factor columns are strings. */
export function builtinTable(name: string): ColumnTable {
  const entry = builtins[name];
  if (!entry || !Object.hasOwn(builtins, name)) throw new Error(`no built-in dataset "${name}"`);
  // Copy the arrays: a table must never share storage with the module-level JSON.
  return aq.table(Object.fromEntries(Object.entries(entry.columns).map(([k, v]) => [k, v.slice()])));
}

export function builtinDescription(name: string): string | undefined {
  return Object.hasOwn(builtins, name) ? builtins[name]!.description : undefined;
}
