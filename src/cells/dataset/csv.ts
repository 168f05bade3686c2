/**
 * readCsvTable: CSV text in, Arquero table out, with a list of problems a person can act on.
 *
 * Tokenising (delimiters, quotes, "" escapes, CRLF, line breaks inside quotes) is Arquero's
 * `fromCSV` with `autoType: false`. Around it we add what a workbench needs and Arquero does not
 * do: a structure scan that finds ragged rows and unterminated quotes (Arquero silently drops
 * extra fields and swallows the rest of the file after a stray quote), header repair (empty or
 * duplicate names would overwrite columns; R's 1..n row names are dropped), and type inference
 * over every value with R's missing code "NA" (Arquero infers from the first 1000 values and
 * reads "NA" as text).
 *
 * Files written by R's `write.csv` quote every string and factor and never a number, so a column
 * whose values are all quoted stays text: sleepstudy's `Subject` ("308") is the string "308", the
 * factor level R had, like the built-in datasets (turn off with `quotedAsText: false` to read
 * numbers in quotes as numbers, as R's `read.csv` does).
 *
 * Column types: number (Float64Array when nothing is missing, otherwise an array with null for
 * missing), boolean (TRUE/FALSE/true/false), or string. No network access ever: text in, table out.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";

export interface ReadCsvOptions {
  /** Single-character field separator; defaults to ",". */
  delimiter?: string;
  /** Values read as missing (compared after trimming spaces); defaults to ["", "NA"]. */
  na?: string[];
  /** Columns to keep as text whatever they look like (e.g. zero-padded ids). */
  text?: string[];
  /** A column whose non-missing values were all quoted in the file stays text (R's factors). Defaults to true. */
  quotedAsText?: boolean;
  /** Share of non-missing values that must be numbers before the others are reported as unparseable numbers (default 0.8). */
  numericShare?: number;
  /** Longest accepted text in characters; defaults to 50,000,000. */
  maxChars?: number;
  /** Most data rows kept; more are dropped with a problem. Defaults to 1,000,000. */
  maxRows?: number;
  /** Most columns accepted; defaults to 1,000. */
  maxColumns?: number;
}

export type CsvColumnType = "number" | "boolean" | "string" | "empty";

export interface CsvColumnInfo {
  name: string;
  type: CsvColumnType;
  /** Number of missing values. */
  missing: number;
}

export interface ReadCsvResult {
  table: ColumnTable;
  /** Human-readable problems, empty for a clean file. The table is still usable unless it is empty. */
  problems: string[];
  columns: CsvColumnInfo[];
}

export const csvDefaults = {
  delimiter: ",",
  na: ["", "NA"],
  numericShare: 0.8,
  maxChars: 50_000_000,
  maxRows: 1_000_000,
  maxColumns: 1_000,
} as const;

/** Column names that would touch prototypes of the table's column map. */
const RESERVED = new Set(["__proto__", "constructor", "prototype"]);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const SPECIAL_NUMBERS: Record<string, number> = {
  Inf: Infinity, "-Inf": -Infinity, "+Inf": Infinity,
  Infinity: Infinity, "-Infinity": -Infinity, NaN: NaN,
};
const BOOLEANS: Record<string, boolean> = { TRUE: true, FALSE: false, true: true, false: false, True: true, False: false };
const MAX_EXAMPLES = 3;

/** Parses CSV text; never throws for bad content (problems are listed), only for a non-string input. */
export function readCsvTable(text: string, options: ReadCsvOptions = {}): ReadCsvResult {
  if (typeof text !== "string") throw new TypeError("readCsvTable: text must be a string");
  const delimiter = options.delimiter ?? csvDefaults.delimiter;
  const na = new Set(options.na ?? csvDefaults.na);
  const forceText = new Set(options.text ?? []);
  const quotedAsText = options.quotedAsText ?? true;
  const numericShare = options.numericShare ?? csvDefaults.numericShare;
  const maxChars = options.maxChars ?? csvDefaults.maxChars;
  const maxRows = options.maxRows ?? csvDefaults.maxRows;
  const maxColumns = options.maxColumns ?? csvDefaults.maxColumns;
  const problems: string[] = [];
  const empty = (message: string): ReadCsvResult => ({ table: aq.table({}), problems: [...problems, message], columns: [] });

  if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
    return empty(`the delimiter must be one character other than a quote or line break, got ${JSON.stringify(delimiter)}`);
  }
  if (text.length > maxChars) return empty(`the file has ${text.length} characters; the limit is ${maxChars}`);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  // 1. structure: field count per record, unterminated quotes
  const scan = scanRecords(text, delimiter);
  if (scan.unterminatedAt >= 0) {
    problems.push(`a quote opened in record ${scan.unterminatedAt + 1} is never closed; the rest of the file was read as one value`);
  }
  if (scan.fields.length === 0 || (scan.fields.length === 1 && scan.blank[0])) return empty("the file is empty");
  const ncol = scan.fields[0];
  if (ncol > maxColumns) return empty(`the header has ${ncol} columns; the limit is ${maxColumns}`);

  // 2. tokenise with Arquero (all text)
  let raw: ColumnTable;
  try {
    raw = aq.fromCSV(text, { delimiter, header: false, autoType: false });
  } catch (err) {
    return empty(`cannot read the CSV: ${err instanceof Error ? err.message : String(err)}`);
  }
  const rawColumns = raw.columnNames().map((c) => raw.array(c) as (string | null | undefined)[]);
  const nrec = raw.numRows();
  if (nrec !== scan.fields.length) {
    problems.push(`the structure scan found ${scan.fields.length} records but the reader found ${nrec}; check quoting`);
  }

  // 3. header
  const names = repairNames(rawColumns.map((col) => col[0] ?? ""), problems);

  // 4. which records are data rows
  const rows: number[] = [];
  const short: number[] = [];
  const long: number[] = [];
  for (let r = 1; r < nrec; r++) {
    const fields = scan.fields[r] ?? ncol;
    if (scan.blank[r]) continue; // blank lines are skipped, as read.csv does
    if (rows.length === maxRows) {
      problems.push(`the file has more than ${maxRows} data rows; only the first ${maxRows} were read`);
      break;
    }
    rows.push(r);
    if (fields < ncol) short.push(rows.length);
    else if (fields > ncol) long.push(rows.length);
  }
  if (short.length) {
    problems.push(`${count(short.length, "row")} ${short.length === 1 ? "has" : "have"} fewer fields than the header (${ncol}): ${rowList(short)}; the missing fields were read as NA`);
  }
  if (long.length) {
    problems.push(`${count(long.length, "row")} ${long.length === 1 ? "has" : "have"} more fields than the header (${ncol}): ${rowList(long)}; the extra fields were dropped`);
  }

  // 5. columns with inferred types; R's row names (write.csv's default: a nameless first column
  //    holding 1..n) are dropped rather than reported as a nameless column.
  const rowNames =
    ncol > 1 &&
    (rawColumns[0][0] ?? "").trim() === "" &&
    rows.length > 0 &&
    rows.every((r, i) => rawColumns[0][r] === String(i + 1));
  if (rowNames) {
    const k = problems.indexOf(`column 1 has no name; it was called "${names[0]}"`);
    if (k >= 0) problems.splice(k, 1);
  }
  const data: Record<string, unknown> = {};
  const columns: CsvColumnInfo[] = [];
  names.forEach((name, j) => {
    if (rowNames && j === 0) return;
    const col = rawColumns[j];
    const values = rows.map((r) => {
      const v = col[r];
      return v == null || na.has(v.trim()) ? null : v;
    });
    const present = values.reduce((k, v) => k + (v === null ? 0 : 1), 0);
    const allQuoted = quotedAsText && present > 0 && (scan.quoted[j] ?? 0) >= present;
    const inferred = inferColumn(name, values, forceText.has(name) || allQuoted, numericShare, problems);
    data[name] = inferred.values;
    columns.push({ name, type: inferred.type, missing: inferred.missing });
  });
  if (rows.length === 0) problems.push("the file has a header but no data rows");
  return { table: aq.table(data as Record<string, any>, rowNames ? names.slice(1) : names), problems, columns };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function rowList(rows: number[]): string {
  const shown = rows.slice(0, MAX_EXAMPLES).join(", ");
  return `row${rows.length === 1 ? "" : "s"} ${shown}${rows.length > MAX_EXAMPLES ? ", …" : ""}`;
}

/** Empty, duplicate and reserved names get new names, each with a problem. */
function repairNames(header: string[], problems: string[]): string[] {
  const used = new Set<string>();
  const out: string[] = [];
  header.forEach((raw, j) => {
    const original = raw.trim() === "" ? "" : raw;
    let name = original;
    if (name === "") {
      name = `col${j + 1}`;
    } else if (RESERVED.has(name)) {
      name = `${name}_`;
    }
    let k = 2;
    const base = name;
    while (used.has(name)) name = `${base}_${k++}`;
    if (original === "") problems.push(`column ${j + 1} has no name; it was called "${name}"`);
    else if (RESERVED.has(original)) problems.push(`column ${j + 1} may not be called "${original}"; it was called "${name}"`);
    else if (name !== original) problems.push(`column name "${original}" appears more than once; column ${j + 1} was called "${name}"`);
    used.add(name);
    out.push(name);
  });
  return out;
}

function parseNumber(v: string): number | undefined {
  const t = v.trim();
  if (NUMBER.test(t)) return Number(t);
  if (Object.hasOwn(SPECIAL_NUMBERS, t)) return SPECIAL_NUMBERS[t];
  return undefined;
}

interface Inferred {
  type: CsvColumnType;
  values: Float64Array | (number | null)[] | (boolean | null)[] | (string | null)[];
  missing: number;
}

function inferColumn(name: string, values: (string | null)[], asText: boolean, numericShare: number, problems: string[]): Inferred {
  let missing = 0;
  let numbers = 0;
  let booleans = 0;
  for (const v of values) {
    if (v === null) missing++;
    else {
      if (parseNumber(v) !== undefined) numbers++;
      if (Object.hasOwn(BOOLEANS, v.trim())) booleans++;
    }
  }
  const present = values.length - missing;
  if (present === 0) {
    if (values.length > 0) problems.push(`column "${name}" is empty (all values missing)`);
    return { type: "empty", values: values.map(() => null), missing };
  }
  if (asText) return { type: "string", values, missing };
  if (booleans === present) {
    return { type: "boolean", values: values.map((v) => (v === null ? null : BOOLEANS[v.trim()])), missing };
  }
  if (numbers === present && missing === 0) {
    const out = new Float64Array(values.length);
    values.forEach((v, i) => (out[i] = parseNumber(v as string)!));
    return { type: "number", values: out, missing };
  }
  if (numbers >= numericShare * present) {
    const bad: string[] = [];
    let badCount = 0;
    const out = values.map((v, i) => {
      if (v === null) return null;
      const x = parseNumber(v);
      if (x === undefined) {
        badCount++;
        if (bad.length < MAX_EXAMPLES) bad.push(`row ${i + 1}: ${JSON.stringify(v)}`);
        return null;
      }
      return x;
    });
    if (badCount) {
      problems.push(
        `column "${name}": ${count(badCount, "value")} ${badCount === 1 ? "is" : "are"} not ${badCount === 1 ? "a number" : "numbers"} (${bad.join("; ")}${badCount > bad.length ? "; …" : ""}); read as NA`,
      );
    }
    return { type: "number", values: out, missing: missing + badCount };
  }
  return { type: "string", values, missing };
}

/**
 * Field count per record and blank-line flags, with the same quoting rules as Arquero's reader:
 * a field starting with a quote runs to the next lone quote ("" is an escaped quote).
 */
function scanRecords(
  text: string,
  delimiter: string,
): { fields: number[]; blank: boolean[]; quoted: number[]; unterminatedAt: number } {
  const fields: number[] = [];
  const blank: boolean[] = [];
  const quoted: number[] = []; // per field position: data records whose field there is quoted and non-empty
  const n = text.length;
  const d = delimiter.charCodeAt(0);
  let i = 0;
  let unterminatedAt = -1;
  while (i < n) {
    let count = 1;
    let sawContent = false;
    // one record
    for (;;) {
      if (text.charCodeAt(i) === 34 /* " */) {
        sawContent = true;
        if (fields.length > 0 && text.charCodeAt(i + 1) !== 34) quoted[count - 1] = (quoted[count - 1] ?? 0) + 1;
        i++;
        for (;;) {
          if (i >= n) {
            unterminatedAt = fields.length;
            break;
          }
          if (text.charCodeAt(i) === 34) {
            if (text.charCodeAt(i + 1) === 34) i += 2;
            else {
              i++;
              break;
            }
          } else i++;
        }
      }
      // rest of an unquoted field (or junk after a closing quote)
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === d || c === 10 || c === 13) break;
        sawContent = true;
        i++;
      }
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === d) {
        count++;
        sawContent = true;
        i++;
        continue;
      }
      // end of line
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      break;
    }
    fields.push(count);
    blank.push(count === 1 && !sawContent);
  }
  return { fields, blank, quoted, unterminatedAt };
}
