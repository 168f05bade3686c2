// Running a model fit in a Web Worker: columns go over as typed arrays (strings as level codes), the
// value comes back in the same cheap-to-clone shape (see tasks.ts) and is unpacked here; aborting the
// signal terminates the worker mid-fit (the mechanism shared with the generator, ../offload).
import * as aq from "arquero";
import { runInWorker } from "../offload/run";
import { plainArray } from "../../stats/linalg/plain-array";
import type { DataColumns } from "../../stats/frame/model-matrices";
import type { ModelConfig } from "./config";
import type { ModelValue, Resolved } from "./index";
import { modelWorkerScript } from "./script";
import { decodeRemembered } from "../offload/coded";
import { isCoded, packColumn, type CodedColumn, type WireModelValue } from "./tasks";

export async function fitInWorker(config: ModelConfig, resolved: Resolved, data: DataColumns, signal: AbortSignal): Promise<ModelValue> {
  const columns: Record<string, ArrayLike<unknown> | CodedColumn> = {};
  for (const [name, column] of Object.entries(data)) columns[name] = packColumn(column);
  return fromWire(await runInWorker<WireModelValue>(modelWorkerScript, "fit", { config, resolved, columns }, signal));
}

export function fromWire(wire: WireModelValue): ModelValue {
  const { predictionColumns, packed, ...rest } = wire;
  const table: Record<string, ArrayLike<unknown>> = {};
  // Remembered codes: a model reading these predictions in turn sends its group column without re-coding it.
  for (const [name, column] of Object.entries(predictionColumns)) table[name] = isCoded(column) ? decodeRemembered(column) : column;
  const predictions = aq.table(table);
  if (rest.mixed) {
    const mixed = { ...rest.mixed } as unknown as Record<string, unknown>;
    for (const name of packed) mixed[name] = plainArray(mixed[name] as Float64Array);
    rest.mixed = mixed as unknown as ModelValue["mixed"];
  }
  return { ...rest, predictions, data: predictions };
}
