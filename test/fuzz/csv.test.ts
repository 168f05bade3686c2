// Fuzzing both CSV readers: the dataset cell's readCsvTable (never throws: problems are listed) and the
// CLI's parseCsv (throws an Error naming the line). Inputs: character soups biased to CSV syntax,
// generated well-formed tables (both readers must agree on their shape), and damaged real files.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { readCsvTable } from "../../src/cells/dataset/csv";
import { parseCsv } from "../../src/cli/csv";
import { budget, Counter, crashReason, expectCleanError, expectNoPollution, ROOT, sample } from "./helpers";
import { applyTextMutations, textMutationArb } from "./mutate";

const counter = new Counter("csv");
afterAll(() => counter.report());

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(",", '"', '""', "\n", "\r\n", "\r", " ", "a", "b", "1", "2.5", "-3e4", "NA", "", "TRUE", "FALSE", "Inf", "-Inf", "NaN", "\uFEFF", "\t", ";", "x y") },
  { weight: 1, arbitrary: fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "length") },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 3 }) },
);
const soup = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(""));

/** Checks the dataset reader's contract on one text. */
function checkReadCsv(text: string, options: Parameters<typeof readCsvTable>[1] = {}): void {
  let result: ReturnType<typeof readCsvTable>;
  try {
    result = readCsvTable(text, options);
  } catch (error) {
    expect.fail(`readCsvTable threw ${crashReason(error) ?? String(error)} for ${sample(text)}`);
  }
  const names = result.table.columnNames();
  expect(result.columns.map((c) => c.name), sample(text)).toEqual(names);
  for (const name of names) {
    expect(["__proto__", "constructor", "prototype"]).not.toContain(name);
    expect(result.table.array(name).length, sample(text)).toBe(result.table.numRows());
  }
  for (const p of result.problems) expect(typeof p === "string" && p.trim().length > 0).toBe(true);
  expectNoPollution();
}

/** Checks the CLI reader's contract: a table with equal-length columns, or an Error with a message. */
function checkParseCsv(text: string): ReturnType<typeof parseCsv> | undefined {
  try {
    const t = parseCsv(text);
    for (const name of t.names) {
      expect(Object.hasOwn(t.columns, name), `column ${name} of ${sample(text)}`).toBe(true);
      expect(t.columns[name]!.length, sample(text)).toBe(t.rows);
    }
    expectNoPollution();
    return t;
  } catch (error) {
    expectCleanError(error, text);
    expectNoPollution();
    return undefined;
  }
}

describe("fuzz: CSV readers", () => {
  it("readCsvTable never throws on character soups and keeps columns consistent", () => {
    fc.assert(
      fc.property(soup, fc.constantFrom(",", ";", "\t"), (text, delimiter) => {
        counter.hit("readCsvTable-soup");
        checkReadCsv(text, { delimiter });
      }),
      budget(),
    );
  });

  it("parseCsv (CLI) returns a consistent table or throws an Error with a message", () => {
    fc.assert(
      fc.property(soup, (text) => {
        counter.hit("parseCsv-soup");
        checkParseCsv(text);
      }),
      budget(),
    );
  });

  const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,7}$/);
  const cellValue = fc.oneof(
    fc.integer({ min: -1000, max: 1000 }).map(String),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((x) => String(x)),
    fc.stringMatching(/^[a-z]{1,6}$/),
    fc.constantFrom("NA", "TRUE", "FALSE", 'he said ""hi""', "a,b", "line\nbreak"),
  );
  const table = fc
    .uniqueArray(name, { minLength: 1, maxLength: 6, selector: (s) => s.toLowerCase() })
    .chain((names) => fc.tuple(fc.constant(names), fc.array(fc.array(cellValue, { minLength: names.length, maxLength: names.length }), { minLength: 1, maxLength: 20 })));

  it("both readers agree on the shape of generated well-formed tables", () => {
    fc.assert(
      fc.property(table, ([names, rows]) => {
        counter.hit("well-formed-table");
        const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""').replace(/""""/g, '""""')}"` : v);
        const text = [names.join(","), ...rows.map((r) => r.map((v) => (v.includes('""') ? `"${v}"` : quote(v))).join(","))].join("\n") + "\n";
        const a = readCsvTable(text);
        expect(a.table.columnNames(), text).toEqual(names);
        expect(a.table.numRows(), text).toBe(rows.length);
        const b = checkParseCsv(text);
        expect(b, `parseCsv refused a well-formed table:\n${text}`).toBeDefined();
        expect(b!.names).toEqual(names);
        expect(b!.rows).toBe(rows.length);
      }),
      budget(),
    );
  });

  it("damaged real CSV files (reference data) are read with problems or refused cleanly", () => {
    const files = ["sleepstudy", "cbpp", "Dyestuff"].map((n) => {
      try {
        return readFileSync(join(ROOT, "reference/data", `${n}.csv`), "utf8").split("\n").slice(0, 40).join("\n");
      } catch {
        return "a,b\n1,2\n";
      }
    });
    fc.assert(
      fc.property(fc.nat({ max: files.length - 1 }), fc.array(textMutationArb, { minLength: 1, maxLength: 4 }), (i, mutations) => {
        counter.hit("damaged-file");
        const text = applyTextMutations(files[i]!, mutations);
        checkReadCsv(text);
        checkParseCsv(text);
      }),
      budget(),
    );
  });

  it("hostile CSV: prototype names as headers, huge widths, a stray quote before a large body", () => {
    const cases: [string, string][] = [
      ["proto headers", "__proto__,constructor,prototype,toString\n1,2,3,4\n"],
      ["hasOwnProperty header", "hasOwnProperty,valueOf\n1,2\n"],
      ["1001 columns", `${Array.from({ length: 1001 }, (_, i) => `c${i}`).join(",")}\n`],
      ["stray quote", `a,b\n"1,2\n${"3,4\n".repeat(50_000)}`],
      ["only delimiters", ",,,,\n,,,,\n"],
      ["lone CR", "a,b\r1,2\r3,4"],
      ["NUL bytes", "a\u0000,b\n1,\u00002\n"],
    ];
    for (const [label, text] of cases) {
      counter.hit("hostile-csv");
      const start = performance.now();
      checkReadCsv(text);
      checkParseCsv(text);
      expect(performance.now() - start, label).toBeLessThan(3000);
    }
  });
});

describe("hostile headers", () => {
  // parseCsv keeps its columns in a prototype-less object, so inherited names are ordinary columns.
  it("parseCsv reads a column called toString / constructor / __proto__", () => {
    counter.hit("hostile-csv");
    for (const header of ["toString", "constructor", "__proto__"]) {
      const t = parseCsv(`${header},b\n1,2\n`);
      expect(t.names).toEqual([header, "b"]);
      expect(Object.hasOwn(t.columns, header)).toBe(true);
    }
  });
});
