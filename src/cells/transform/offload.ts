// Running a transform's pipeline in a Web Worker, so a large table is filtered, derived and summarised
// while the page stays interactive: the input tables go over as columns (typed arrays, text as
// codes), the result comes back the same way and becomes an Arquero table here without a per-row
// object. A newer value aborts the signal, which terminates the worker mid-pipeline.
import type { ColumnTable } from "arquero";
import { runInWorker } from "../offload/run";
import { packTable, unpackTable, type WireTable } from "../offload/table";
import type { PipelineTables } from "./pipeline";
import { transformWorkerScript } from "./script";
import type { PipelineStep } from "./steps";
import type { TransformPayload } from "./tasks";

/** The payload for the worker; a table reachable under two names (main and its cell id) is packed once. */
export function transformPayload(tables: PipelineTables, steps: readonly PipelineStep[], path: string): TransformPayload {
  const packed = new Map<ColumnTable, WireTable>();
  const wire: Record<string, WireTable> = {};
  for (const [name, table] of Object.entries(tables)) {
    let t = packed.get(table);
    if (!t) packed.set(table, (t = packTable(table)));
    wire[name] = t;
  }
  return { steps: [...steps], tables: wire, path };
}

export async function transformInWorker(tables: PipelineTables, steps: readonly PipelineStep[], path: string, signal: AbortSignal): Promise<ColumnTable> {
  const wire = await runInWorker<WireTable>(transformWorkerScript, "transform", transformPayload(tables, steps, path), signal);
  return unpackTable(wire);
}
