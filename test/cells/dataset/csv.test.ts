import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readCsvTable } from "../../../src/cells/dataset/csv";

const sleepstudy = readFileSync(fileURLToPath(new URL("../../../reference/data/sleepstudy.csv", import.meta.url)), "utf8");

describe("readCsvTable(text, options)", () => {
  it("readCsvTable(sleepstudy.csv) reads R's write.csv output cleanly", () => {
    const { table, problems, columns } = readCsvTable(sleepstudy);
    expect(problems).toEqual([]);
    expect(table.numRows()).toBe(180);
    expect(table.columnNames()).toEqual(["Reaction", "Days", "Subject"]);
    expect(columns.map((c) => c.type)).toEqual(["number", "number", "string"]);
    expect(table.get("Reaction", 0)).toBeCloseTo(249.56, 10);
    expect(table.get("Subject", 0)).toBe("308"); // quoted in the file: a factor level, kept as text
    expect(readCsvTable(sleepstudy, { quotedAsText: false }).table.get("Subject", 0)).toBe(308); // read.csv's reading
    expect(table.column("Days")).toBeInstanceOf(Float64Array);
  });

  it('readCsvTable(text) handles quotes, "" escapes, embedded line breaks, CRLF and NA', () => {
    const text = '"name","score","ok","note"\r\n"Ann, B.",1.5,TRUE,"said ""hi"""\r\n"Bo",NA,FALSE,"two\nlines"\r\n"Cy",-2e3,NA,NA\r\n';
    const { table, problems, columns } = readCsvTable(text);
    expect(problems).toEqual([]);
    expect(table.objects()).toEqual([
      { name: "Ann, B.", score: 1.5, ok: true, note: 'said "hi"' },
      { name: "Bo", score: null, ok: false, note: "two\nlines" },
      { name: "Cy", score: -2000, ok: null, note: null },
    ]);
    expect(columns).toEqual([
      { name: "name", type: "string", missing: 0 },
      { name: "score", type: "number", missing: 1 },
      { name: "ok", type: "boolean", missing: 1 },
      { name: "note", type: "string", missing: 1 },
    ]);
  });

  it("readCsvTable(text) reports ragged rows and skips blank lines", () => {
    const { table, problems } = readCsvTable("a,b,c\n1,2,3\n4,5\n\n6,7,8,9\n10,11,12\n");
    expect(table.numRows()).toBe(4);
    expect(table.get("c", 1)).toBeNull();
    expect(Array.from(table.array("a"))).toEqual([1, 4, 6, 10]);
    expect(problems).toEqual([
      "1 row has fewer fields than the header (3): row 2; the missing fields were read as NA",
      "1 row has more fields than the header (3): row 3; the extra fields were dropped",
    ]);
  });

  it("readCsvTable(text) reports empty, duplicate and reserved column names", () => {
    const { table, problems } = readCsvTable("x,,x,__proto__\n1,2,3,4\n");
    expect(table.columnNames()).toEqual(["x", "col2", "x_2", "__proto___"]);
    expect(problems).toEqual([
      'column 2 has no name; it was called "col2"',
      'column name "x" appears more than once; column 3 was called "x_2"',
      'column 4 may not be called "__proto__"; it was called "__proto___"',
    ]);
  });

  it("readCsvTable(text) reports empty columns and unparseable numbers in a numeric column", () => {
    const rows = ["id,y,z,label"];
    for (let i = 1; i <= 10; i++) rows.push(`${i},${i === 4 ? "1,5".replace(",", ";") : i === 7 ? "abc" : i * 1.5},NA,L${i}`);
    const { table, problems, columns } = readCsvTable(rows.join("\n"));
    expect(columns.map((c) => c.type)).toEqual(["number", "number", "empty", "string"]);
    expect(table.get("y", 3)).toBeNull();
    expect(table.get("y", 0)).toBe(1.5);
    expect(problems).toEqual([
      'column "y": 2 values are not numbers (row 4: "1;5"; row 7: "abc"); read as NA',
      'column "z" is empty (all values missing)',
    ]);
  });

  it("readCsvTable(text) does not mistake hex, blanks or mostly-text columns for numbers", () => {
    const { columns } = readCsvTable("a,b,c\n0x1A,A1,1\n0x1B,2,Inf\n0x1C,A3,-Inf\n");
    expect(columns.map((c) => c.type)).toEqual(["string", "string", "number"]);
  });

  it("readCsvTable(text, {text: ['id']}) keeps zero-padded ids as text; {delimiter: ';'} reads semicolons", () => {
    expect(readCsvTable("id,v\n007,1\n010,2\n", { text: ["id"] }).table.array("id")).toEqual(["007", "010"]);
    expect(readCsvTable("a;b\n1;2\n", { delimiter: ";" }).table.objects()).toEqual([{ a: 1, b: 2 }]);
  });

  it("readCsvTable(text) reports an unterminated quote, an empty file and a header without rows", () => {
    expect(readCsvTable('a,b\n"x,1\n2,3\n').problems[0]).toMatch(/quote opened in record 2 is never closed/);
    expect(readCsvTable("").problems).toEqual(["the file is empty"]);
    expect(readCsvTable("\n").problems).toEqual(["the file is empty"]);
    const onlyHeader = readCsvTable("a,b\n");
    expect(onlyHeader.table.columnNames()).toEqual(["a", "b"]);
    expect(onlyHeader.problems).toEqual(["the file has a header but no data rows"]);
  });

  it("readCsvTable(text, {maxChars, maxRows, maxColumns}) enforces size limits", () => {
    expect(readCsvTable("a,b\n1,2\n", { maxChars: 4 }).problems).toEqual(["the file has 8 characters; the limit is 4"]);
    const rows = readCsvTable("a\n1\n2\n3\n", { maxRows: 2 });
    expect(rows.table.numRows()).toBe(2);
    expect(rows.problems).toEqual(["the file has more than 2 data rows; only the first 2 were read"]);
    expect(readCsvTable("a,b,c\n1,2,3\n", { maxColumns: 2 }).problems).toEqual(["the header has 3 columns; the limit is 2"]);
    expect(readCsvTable("a,b\n1,2\n", { delimiter: '"' }).problems[0]).toMatch(/delimiter/);
  });

  it("readCsvTable(text) drops R's row names (write.csv with row.names = TRUE) but keeps other nameless columns", () => {
    const r = readCsvTable('"","Days","Subject"\n"1",0,"308"\n"2",1,"308"\n');
    expect(r.problems).toEqual([]);
    expect(r.table.columnNames()).toEqual(["Days", "Subject"]);
    expect(readCsvTable(',a\n7,1\n').table.columnNames()).toEqual(["col1", "a"]);
  });

  it("readCsvTable(text) strips a byte-order mark", () => {
    expect(readCsvTable("\uFEFFa,b\n1,2\n").table.columnNames()).toEqual(["a", "b"]);
  });
});
