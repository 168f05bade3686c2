// Built-in datasets too large for the main bundle. Their name and description are known here
// without the data; the data is a dynamic import, which Vite emits as a separate same-origin chunk
// (allowed by the app's CSP `script-src 'self'`) fetched the first time a cell asks for it, and
// which tsx and vitest resolve from the file system.
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { decodeColumns, type EncodedDataset } from "./encoded";

export interface LazyBuiltin {
  description: string;
  rows: number;
  load: () => Promise<EncodedDataset>;
}

export const lazyBuiltins: Record<string, LazyBuiltin> = {
  InstEval: {
    description:
      "University lecture evaluations: 73,421 ratings (y, 1-5) of lecturers d by students s, with department and service course (lme4; crossed random effects).",
    rows: 73_421,
    load: async () => (await import("./large/InstEval.json")).default as EncodedDataset,
  },
};

export function isLazyBuiltin(name: string): boolean {
  return Object.hasOwn(lazyBuiltins, name);
}

/** A fresh Arquero table of a large built-in; factor columns are strings, as in the small ones. */
export async function lazyBuiltinTable(name: string): Promise<ColumnTable> {
  if (!isLazyBuiltin(name)) throw new Error(`no built-in dataset "${name}"`);
  const data = await lazyBuiltins[name]!.load();
  // Decoded per call: each table owns its arrays, never the module's.
  return aq.table(decodeColumns(data));
}
