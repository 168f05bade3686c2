// Running a model fit in a Web Worker: columns go over as typed arrays (strings as level codes), the
// value comes back in the same cheap-to-clone shape (see tasks.ts) and is unpacked here; aborting the
// signal terminates the worker mid-fit.
import * as aq from "arquero";
import { sharedPool } from "../../engine/workers/pool";
import type { DataColumns } from "../../stats/frame/model-matrices";
import type { ModelConfig } from "./config";
import type { ModelValue, Resolved } from "./index";
import { modelWorkerScript } from "./script";
import { decodeStrings, isCoded, packColumn, type CodedColumn, type WireModelValue } from "./tasks";

export async function fitInWorker(config: ModelConfig, resolved: Resolved, data: DataColumns, signal: AbortSignal): Promise<ModelValue> {
  const columns: Record<string, ArrayLike<unknown> | CodedColumn> = {};
  for (const [name, column] of Object.entries(data)) columns[name] = packColumn(column);
  const pool = await sharedPool(modelWorkerScript, { workers: 1 });
  const [wire] = await pool.run<WireModelValue>([{ name: "fit", payload: { config, resolved, columns } }], { signal, concurrency: 1 });
  return fromWire(wire!);
}

export function fromWire(wire: WireModelValue): ModelValue {
  const { predictionColumns, packed, ...rest } = wire;
  const table: Record<string, ArrayLike<unknown>> = {};
  for (const [name, column] of Object.entries(predictionColumns)) table[name] = isCoded(column) ? decodeStrings(column) : column;
  const predictions = aq.table(table);
  if (rest.mixed) {
    const mixed = { ...rest.mixed } as unknown as Record<string, unknown>;
    for (const name of packed) mixed[name] = Array.from(mixed[name] as Float64Array);
    rest.mixed = mixed as unknown as ModelValue["mixed"];
  }
  return { ...rest, predictions, data: predictions };
}
