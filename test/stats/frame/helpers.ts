import { readFileSync } from "node:fs";
import { parseCsv } from "../../../src/cli/csv";
import type { DataColumns } from "../../../src/stats/frame/model-matrices";

/** A CSV under reference/ as columns. */
export function referenceData(path: string): DataColumns {
  return parseCsv(readFileSync(new URL(`../../../reference/${path}`, import.meta.url), "utf8")).columns;
}
