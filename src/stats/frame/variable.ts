/** A variable of the model frame over all rows of the table; missing entries are NaN or code -1. */
export type Variable = NumericVariable | FactorVariable;

export interface NumericVariable {
  readonly kind: "numeric";
  readonly values: Float64Array;
}

export interface FactorVariable {
  readonly kind: "factor";
  /** Level labels in R's sort order. */
  readonly levels: readonly string[];
  /** Per row, the index into `levels`, or -1 when missing. */
  readonly codes: Int32Array;
  /** True for a logical column (levels FALSE, TRUE). */
  readonly logical?: boolean;
}

/** Whether row i of the variable is missing. */
export function missingAt(v: Variable, i: number): boolean {
  return v.kind === "numeric" ? Number.isNaN(v.values[i]!) : v.codes[i]! < 0;
}

/** The variable restricted to `rows`; a factor keeps only the levels still present, as R's drop.unused.levels does. */
export function subsetVariable(v: Variable, rows: Int32Array): Variable {
  const n = rows.length;
  if (v.kind === "numeric") {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = v.values[rows[i]!]!;
    return { kind: "numeric", values };
  }
  const used = new Uint8Array(v.levels.length);
  for (let i = 0; i < n; i++) used[v.codes[rows[i]!]!] = 1;
  const remap = new Int32Array(v.levels.length).fill(-1);
  const levels: string[] = [];
  for (let k = 0; k < v.levels.length; k++)
    if (used[k]) {
      remap[k] = levels.length;
      levels.push(v.levels[k]!);
    }
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = remap[v.codes[rows[i]!]!]!;
  return v.logical ? { kind: "factor", levels, codes, logical: true } : { kind: "factor", levels, codes };
}

/** The interaction `a:b` of factors, levels ordered with the first factor varying slowest, labels joined by ":". */
export function interactFactors(parts: readonly FactorVariable[]): FactorVariable {
  if (parts.length === 1) return parts[0]!;
  const n = parts[0]!.codes.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let key = 0;
    for (const f of parts) {
      const c = f.codes[i]!;
      if (c < 0) {
        key = -1;
        break;
      }
      key = key * f.levels.length + c;
    }
    keys[i] = key;
  }
  const distinct = [...new Set(keys)].filter((k) => k >= 0).sort((a, b) => a - b);
  const position = new Map(distinct.map((k, j) => [k, j]));
  const levels = distinct.map((k) => {
    const labels: string[] = [];
    for (let j = parts.length - 1; j >= 0; j--) {
      const size = parts[j]!.levels.length;
      labels.unshift(parts[j]!.levels[k % size]!);
      k = Math.floor(k / size);
    }
    return labels.join(":");
  });
  const codes = Int32Array.from(keys, (k) => (k < 0 ? -1 : position.get(k)!));
  return { kind: "factor", levels, codes };
}
