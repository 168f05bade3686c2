// The model cell's worker tasks: the same pure fit the cell runs in-thread. What crosses the worker
// boundary is shaped for cheap cloning: the per-observation table as typed-array columns (its group
// column as level codes), and the fit's per-observation arrays as Float64Arrays. Cloning 100,000-entry
// plain arrays and strings costs the page a visible pause; typed arrays are copied as memory.
import type { TaskHandlers } from "../../engine/workers/protocol";
import type { DataColumns } from "../../stats/frame/model-matrices";
import type { ModelConfig } from "./config";
import { fitModelValue, type ModelValue, type Resolved } from "./index";

/** A text column as codes into its levels; -1 is a missing value (null). */
export interface CodedColumn {
  levels: string[];
  codes: Int32Array;
}

/** A ModelValue as sent from a worker. */
export type WireModelValue = Omit<ModelValue, "predictions" | "data"> & {
  predictionColumns: Record<string, ArrayLike<unknown> | CodedColumn>;
  /** Names of the mixed fit's per-observation arrays that were sent as Float64Arrays. */
  packed: string[];
};

const PER_OBSERVATION = ["fitted", "residuals", "scaledResiduals", "linearPredictor", "pearsonResiduals"] as const;

export function encodeStrings(values: ArrayLike<unknown>): CodedColumn {
  const index = new Map<string, number>();
  const levels: string[] = [];
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      codes[i] = -1;
      continue;
    }
    const key = String(v);
    let code = index.get(key);
    if (code === undefined) {
      code = levels.length;
      levels.push(key);
      index.set(key, code);
    }
    codes[i] = code;
  }
  return { levels, codes };
}

export function decodeStrings(column: CodedColumn): (string | null)[] {
  const out = new Array<string | null>(column.codes.length);
  for (let i = 0; i < out.length; i++) {
    const code = column.codes[i]!;
    out[i] = code < 0 ? null : column.levels[code]!;
  }
  return out;
}

/** A column in its cheapest clonable form: typed arrays as they are, numbers as a Float64Array, anything else coded. */
export function packColumn(column: ArrayLike<unknown>): ArrayLike<unknown> | CodedColumn {
  if (ArrayBuffer.isView(column)) return column;
  // Numbers with gaps (null) become NaN, which the model frame reads as missing, like null.
  let numeric = true;
  for (let i = 0; i < column.length && numeric; i++) numeric = typeof column[i] === "number" || column[i] === null || column[i] === undefined;
  return numeric ? Float64Array.from(column as ArrayLike<number | null>, (v) => (v === null || v === undefined ? NaN : v)) : encodeStrings(column);
}

export function isCoded(column: unknown): column is CodedColumn {
  return typeof column === "object" && column !== null && "codes" in column && "levels" in column;
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
  fit: (payload: { config: ModelConfig; resolved: Resolved; columns: Record<string, ArrayLike<unknown> | CodedColumn> }) => {
    const columns: Record<string, ArrayLike<unknown>> = {};
    for (const [name, column] of Object.entries(payload.columns)) columns[name] = isCoded(column) ? decodeStrings(column) : column;
    return toWire(fitModelValue(payload.config, payload.resolved, columns as DataColumns));
  },
};
