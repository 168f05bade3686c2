// Text columns as level codes: the form in which a column of group labels crosses a worker boundary.
// 100,000 strings are slow to clone and to hash; an Int32Array of codes is copied as memory.

/** A text column as codes into its levels; -1 is a missing value (null). */
export interface CodedColumn {
  levels: string[];
  codes: Int32Array;
}

export function isCoded(column: unknown): column is CodedColumn {
  return typeof column === "object" && column !== null && "codes" in column && "levels" in column;
}

export function encodeStrings(values: ArrayLike<unknown>): CodedColumn {
  const index = new Map<string, number>();
  const levels: string[] = [];
  const codes = new Int32Array(values.length);
  // Rows of one group usually come together: a run of the same value skips the hashing.
  let previous: unknown = undefined;
  let previousCode = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      codes[i] = -1;
      continue;
    }
    if (v === previous) {
      codes[i] = previousCode;
      continue;
    }
    const key = String(v);
    let code = index.get(key);
    if (code === undefined) {
      code = levels.length;
      levels.push(key);
      index.set(key, code);
    }
    codes[i] = previousCode = code;
    previous = v;
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

// A column that was built from codes (a generator's group labels) remembers them, so sending it on
// to another worker (the model fit) reuses the codes instead of hashing every label again. Keyed
// weakly by the array itself: the codes live exactly as long as the column.
const known = new WeakMap<object, CodedColumn>();

/** Decodes `column` and remembers its codes for {@link knownCodes}; the codes must not be changed afterwards. */
export function decodeRemembered(column: CodedColumn): (string | null)[] {
  const values = decodeStrings(column);
  known.set(values, column);
  return values;
}

/** The codes a column was decoded from by {@link decodeRemembered}, if it was. */
export function knownCodes(column: ArrayLike<unknown>): CodedColumn | undefined {
  return typeof column === "object" && column !== null ? known.get(column) : undefined;
}
