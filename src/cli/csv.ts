import type { DataColumn } from "../stats/frame/model-matrices";

/** A table read from CSV: column names in file order and one column per name. */
export interface CsvTable {
  readonly names: readonly string[];
  readonly columns: Record<string, DataColumn>;
  readonly rows: number;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?Inf$/;

/**
 * Parses CSV as R's `write.csv` writes it: a header row, `"quoted"` strings with `""` escapes,
 * NA for missing values. A column whose non-missing cells are all numbers becomes a
 * Float64Array (NaN for missing), as `read.csv` would make it numeric even when quoted;
 * TRUE/FALSE columns become booleans; other columns stay strings (null for missing).
 * A nameless first column (R's row names) is dropped. Throws Error with the line number on malformed input.
 */
export function parseCsv(text: string): CsvTable {
  const records = splitRecords(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (records.length === 0) throw new Error("the file is empty");
  const header = records[0]!.map((c) => c.text);
  const width = header.length;
  records.slice(1).forEach((r, i) => {
    if (r.length !== width) throw new Error(`line ${i + 2} has ${r.length} fields but the header has ${width}`);
  });
  const rows = records.length - 1;
  // No prototype: a column may be called toString, constructor or __proto__.
  const columns: Record<string, DataColumn> = Object.create(null) as Record<string, DataColumn>;
  const names: string[] = [];
  header.forEach((name, j) => {
    if (j === 0 && name === "") return; // R's row names
    if (Object.hasOwn(columns, name)) throw new Error(`column "${name}" appears twice in the header`);
    names.push(name);
    columns[name] = typeColumn(records, j, rows);
  });
  return { names, columns, rows };
}

interface Cell {
  readonly text: string;
  readonly quoted: boolean;
}

function typeColumn(records: readonly Cell[][], j: number, rows: number): DataColumn {
  let numeric = true;
  let logical = true;
  for (let i = 1; i <= rows; i++) {
    const { text } = records[i]![j]!;
    if (isNA(text)) continue;
    if (!NUMBER.test(text)) numeric = false;
    if (text !== "TRUE" && text !== "FALSE") logical = false;
  }
  if (numeric) return Float64Array.from({ length: rows }, (_, i) => toNumber(records[i + 1]![j]!.text));
  if (logical) return Array.from({ length: rows }, (_, i) => (isNA(records[i + 1]![j]!.text) ? null : records[i + 1]![j]!.text === "TRUE"));
  return Array.from({ length: rows }, (_, i) => {
    const c = records[i + 1]![j]!;
    return !c.quoted && isNA(c.text) ? null : c.text;
  });
}

function isNA(text: string): boolean {
  return text === "NA" || text === "";
}

function toNumber(text: string): number {
  if (isNA(text)) return NaN;
  if (text.endsWith("Inf")) return text.startsWith("-") ? -Infinity : Infinity;
  return Number(text);
}

/** Splits text into records of cells, honouring quotes (which may contain commas and newlines). */
function splitRecords(text: string): Cell[][] {
  const records: Cell[][] = [];
  let record: Cell[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    let cell: Cell;
    if (text[i] === '"') {
      const startLine = line;
      let value = "";
      i++;
      for (;;) {
        if (i >= n) throw new Error(`unclosed quote starting on line ${startLine}`);
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === "\n") line++;
        value += c;
        i++;
      }
      cell = { text: value, quoted: true };
    } else {
      let j = i;
      while (j < n && text[j] !== "," && text[j] !== "\n" && text[j] !== "\r") j++;
      cell = { text: text.slice(i, j).trim(), quoted: false };
      i = j;
    }
    record.push(cell);
    if (text[i] === ",") {
      i++;
      if (i >= n) record.push({ text: "", quoted: false });
      continue;
    }
    if (text[i] === "\r") i++;
    if (i < n && text[i] !== "\n") throw new Error(`unexpected character after a quoted field on line ${line}`);
    i++;
    line++;
    records.push(record);
    record = [];
    // Skip blank lines.
    while (i < n && (text[i] === "\n" || (text[i] === "\r" && text[i + 1] === "\n"))) {
      i += text[i] === "\r" ? 2 : 1;
      line++;
    }
  }
  if (record.length) records.push(record);
  return records;
}
