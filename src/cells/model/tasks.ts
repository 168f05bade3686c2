// The model cell's worker tasks: the same pure fit the cell runs in-thread. What crosses the worker
// boundary is shaped for cheap cloning: the per-observation table as typed-array columns (its group
// column as level codes), and the fit's per-observation arrays as Float64Arrays. Cloning 100,000-entry
// plain arrays and strings costs the page a visible pause; typed arrays are copied as memory.
import type { TaskHandlers } from "../../engine/workers/protocol";
import type { DataColumns } from "../../stats/frame/model-matrices";
import type { ModelConfig } from "./config";
import { fitModelValue, type ModelValue, type Resolved } from "./index";
import { decodeStrings, encodeStrings, isCoded, knownCodes, type CodedColumn } from "../offload/coded";
import { buffersOf } from "../offload/transfer";

export { decodeStrings, encodeStrings, isCoded, type CodedColumn } from "../offload/coded";

/** A ModelValue as sent from a worker. */
export type WireModelValue = Omit<ModelValue, "predictions" | "data"> & {
  predictionColumns: Record<string, ArrayLike<unknown> | CodedColumn>;
  /** Names of the mixed fit's per-observation arrays that were sent as Float64Arrays. */
  packed: string[];
};

const PER_OBSERVATION = ["fitted", "residuals", "scaledResiduals", "linearPredictor", "pearsonResiduals"] as const;

/**
 * A column in its cheapest clonable form: typed arrays as they are, numbers as a Float64Array,
 * anything else coded (reusing the codes a generator's group column was built from).
 */
export function packColumn(column: ArrayLike<unknown>): ArrayLike<unknown> | CodedColumn {
  if (ArrayBuffer.isView(column)) return column;
  const coded = knownCodes(column);
  if (coded) return coded;
  // Numbers with gaps (null) become NaN, which the model frame reads as missing, like null. One
  // plain loop (Float64Array.from with a map function costs the page several times more), given up
  // at the first value that is not a number.
  const numbers = new Float64Array(column.length);
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (typeof v === "number") numbers[i] = v;
    else if (v === null || v === undefined) numbers[i] = NaN;
    else return encodeStrings(column);
  }
  return numbers;
}

export function toWire(value: ModelValue): WireModelValue {
  const { predictions, data: _data, ...rest } = value;
  const predictionColumns: Record<string, ArrayLike<unknown> | CodedColumn> = {};
  for (const name of predictions.columnNames()) {
    const column = predictions.array(name) as ArrayLike<unknown>;
    predictionColumns[name] = packColumn(column);
  }
  const packed: string[] = [];
  if (rest.mixed) {
    const mixed = { ...rest.mixed } as unknown as Record<string, unknown>;
    for (const name of PER_OBSERVATION) {
      if (Array.isArray(mixed[name])) {
        mixed[name] = Float64Array.from(mixed[name] as number[]);
        packed.push(name);
      }
    }
    rest.mixed = mixed as unknown as ModelValue["mixed"];
  }
  return { ...rest, predictionColumns, packed };
}

export const modelTasks: TaskHandlers = {
  fit: (payload: { config: ModelConfig; resolved: Resolved; columns: Record<string, ArrayLike<unknown> | CodedColumn> }, context) => {
    const columns: Record<string, ArrayLike<unknown>> = {};
    for (const [name, column] of Object.entries(payload.columns)) columns[name] = isCoded(column) ? decodeStrings(column) : column;
    const wire = toWire(fitModelValue(payload.config, payload.resolved, columns as DataColumns));
    // The per-observation arrays were made for this reply: move them rather than copy them.
    const views: unknown[] = Object.values(wire.predictionColumns).map((c) => (isCoded(c) ? c.codes : c));
    if (wire.mixed) for (const name of wire.packed) views.push((wire.mixed as unknown as Record<string, unknown>)[name]);
    context.transfer?.(buffersOf(views));
    return wire;
  },
};
