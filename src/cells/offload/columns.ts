// Table columns in a shape that crosses a worker boundary cheaply and comes back exactly as it was.
// The model's packing (model/tasks.ts) may turn null into NaN because the fit reads both as missing;
// a transform's result is a table the user sees, so here every value and every column's container
// (typed array or plain array) survives the trip.
import { decodeRemembered, encodeStrings, knownCodes, type CodedColumn } from "./coded";

type TypedArray =
  | Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array
  | Float32Array | Float64Array | BigInt64Array | BigUint64Array;

/** Why a number column has a gap at a row: 1 null, 2 undefined (0: a number). */
const NULL = 1;
const UNDEFINED = 2;

export type WireColumn =
  /** A typed array, cloned as memory and rebuilt as the same kind of typed array. */
  | { kind: "typed"; values: TypedArray }
  /** A plain array of numbers (with gaps marked in `missing`), rebuilt as a plain array. */
  | { kind: "numbers"; values: Float64Array; missing?: Uint8Array }
  /** A plain array of strings and nulls, as codes into its levels. */
  | { kind: "coded"; coded: CodedColumn }
  /** Anything else (booleans, dates, mixed values): cloned as it is. */
  | { kind: "values"; values: unknown[] };

/** Packs `column` losslessly; a column decoded from codes reuses them instead of hashing every string. */
export function toWireColumn(column: ArrayLike<unknown>): WireColumn {
  if (ArrayBuffer.isView(column) && !(column instanceof DataView)) return { kind: "typed", values: column as TypedArray };
  const coded = knownCodes(column);
  if (coded) return { kind: "coded", coded };
  // One pass decides the form: a number rules out codes, a string rules out numbers, and undefined
  // rules out codes (a code of -1 comes back as null).
  let numbers = true;
  let strings = true;
  let gaps = false;
  for (let i = 0; i < column.length && (numbers || strings); i++) {
    const v = column[i];
    if (typeof v === "number") strings = false;
    else if (typeof v === "string") numbers = false;
    else if (v === null) gaps = true;
    else if (v === undefined) {
      gaps = true;
      strings = false;
    } else numbers = strings = false;
  }
  if (numbers) return packNumbers(column, gaps);
  if (strings) return { kind: "coded", coded: encodeStrings(column) };
  return { kind: "values", values: Array.from(column) };
}

function packNumbers(column: ArrayLike<unknown>, gaps: boolean): WireColumn {
  const values = new Float64Array(column.length);
  if (!gaps) {
    for (let i = 0; i < values.length; i++) values[i] = column[i] as number;
    return { kind: "numbers", values };
  }
  const missing = new Uint8Array(column.length);
  for (let i = 0; i < values.length; i++) {
    const v = column[i];
    if (typeof v === "number") values[i] = v;
    else missing[i] = v === null ? NULL : UNDEFINED;
  }
  return { kind: "numbers", values, missing };
}

/** The column `wire` was packed from (an equal copy); decoded text remembers its codes for the next trip. */
export function fromWireColumn(wire: WireColumn): ArrayLike<unknown> {
  switch (wire.kind) {
    case "typed":
      return wire.values;
    case "coded":
      return decodeRemembered(wire.coded);
    case "values":
      return wire.values;
    case "numbers": {
      // A preallocated loop: several times faster than Array.from with a map function.
      const { values, missing } = wire;
      const out = new Array<number | null | undefined>(values.length);
      if (!missing) for (let i = 0; i < out.length; i++) out[i] = values[i];
      else for (let i = 0; i < out.length; i++) out[i] = missing[i] === 0 ? values[i] : missing[i] === NULL ? null : undefined;
      return out;
    }
  }
}

/** The typed arrays inside a packed column (for handing their buffers over). */
export function wireColumnViews(wire: WireColumn): unknown[] {
  switch (wire.kind) {
    case "typed":
      return [wire.values];
    case "numbers":
      return [wire.values, wire.missing];
    case "coded":
      return [wire.coded.codes];
    case "values":
      return [];
  }
}
