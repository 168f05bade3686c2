// The transform cell's worker task: the same pipeline the cell runs in-process, over tables that
// arrive as columns (./../offload/table). The steps are data, never functions: the worker validates
// them and checks every expression again before Arquero compiles it, exactly as runPipeline does on
// the page, so a payload that skipped the page's checks is refused the same way.
import type { TaskHandlers } from "../../engine/workers/protocol";
import { buffersOf } from "../offload/transfer";
import { packTable, unpackTable, wireTableViews, type WireTable } from "../offload/table";
import { runPipeline, type PipelineTables } from "./pipeline";
import type { PipelineStep } from "./steps";

/** What the page sends: the steps and the cell's tables by name (`main` and input cell ids). */
export interface TransformPayload {
  steps: PipelineStep[];
  /** Names sharing one table share one packed object, which structured clone keeps shared. */
  tables: Record<string, WireTable>;
  /** Prefix of error paths, as runPipeline's `path`. */
  path: string;
}

/** Runs the pipeline on the unpacked tables and packs the result; pure, so a Node test can call it directly. */
export function transformWire(payload: TransformPayload): WireTable {
  const unpacked = new Map<WireTable, PipelineTables[string]>();
  const tables: Record<string, PipelineTables[string]> = {};
  for (const [name, wire] of Object.entries(payload.tables)) {
    let table = unpacked.get(wire);
    if (!table) unpacked.set(wire, (table = unpackTable(wire)));
    tables[name] = table;
  }
  return packTable(runPipeline(tables as PipelineTables, payload.steps, { path: payload.path }));
}

export const transformTasks: TaskHandlers = {
  transform: (payload: TransformPayload, context) => {
    const wire = transformWire(payload);
    // The result's arrays belong to this reply (the worker keeps nothing): move them rather than copy.
    context.transfer?.(buffersOf(wireTableViews(wire)));
    return wire;
  },
};
