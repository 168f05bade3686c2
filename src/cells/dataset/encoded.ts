// Decoding the dictionary-encoded datasets written by scripts/build-datasets.mjs: each column is
// its distinct values plus one 1- or 2-byte little-endian code per row, in base64.

export type Level = number | string | null;

export interface EncodedColumn {
  levels: Level[];
  width: number;
  codes: string;
}

export interface EncodedDataset {
  source: string;
  rows: number;
  columns: Record<string, EncodedColumn>;
}

/** The column's values, one per row (strings stay strings, so factors stay factors). */
export function decodeColumn(column: EncodedColumn, rows: number): Level[] {
  // atob exists in browsers and in Node >= 16; Buffer would not exist in the browser.
  const bytes = atob(column.codes);
  if (bytes.length !== rows * column.width) throw new Error(`encoded column has ${bytes.length} bytes, expected ${rows * column.width}`);
  const out = new Array<Level>(rows);
  const { levels } = column;
  if (column.width === 1) {
    for (let i = 0; i < rows; i++) out[i] = levels[bytes.charCodeAt(i)]!;
  } else {
    for (let i = 0; i < rows; i++) out[i] = levels[bytes.charCodeAt(2 * i) | (bytes.charCodeAt(2 * i + 1) << 8)]!;
  }
  return out;
}

export function decodeColumns(data: EncodedDataset): Record<string, Level[]> {
  return Object.fromEntries(Object.entries(data.columns).map(([name, column]) => [name, decodeColumn(column, data.rows)]));
}
