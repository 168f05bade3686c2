// InstEval is a built-in loaded on first use (a dynamic import, its own chunk in the browser build),
// while the small built-ins keep loading synchronously.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { builtinDescription, builtinNames, builtinTable, dataset, loadBuiltinTable } from "../../../src/cells/dataset";
import { decodeColumn } from "../../../src/cells/dataset/encoded";
import { isTable } from "../../../src/cells/table/is-table";

const context = { cellId: "d", signal: new AbortController().signal, invalidation: new Promise<void>(() => {}) };
const columns = ["s", "d", "studage", "lectage", "service", "dept", "y"];

describe("the InstEval built-in", () => {
  it("dataset.compute({builtin: InstEval}) resolves to 73,421 rows with lme4's columns", async () => {
    const pending = dataset.compute({ source: { builtin: "InstEval" } }, [], context);
    expect(pending).toBeInstanceOf(Promise);
    const table = await pending;
    expect(dataset.summary(table, { source: { builtin: "InstEval" } })).toEqual({ rows: 73_421, columns });
  });

  it("keeps the grouping columns as strings (factors, as in lme4) and y as numbers, row for row as the CSV", async () => {
    const table = await loadBuiltinTable("InstEval");
    // reference/data/InstEval.csv quotes every factor and leaves y bare.
    const lines = readFileSync(fileURLToPath(new URL("../../../reference/data/InstEval.csv", import.meta.url)), "utf8").trim().split("\n");
    for (const i of [0, 1, 4_999, 36_710, 73_420]) {
      const fields = lines[i + 1]!.split(",");
      const expected = Object.fromEntries(columns.map((c, k) => [c, c === "y" ? Number(fields[k]) : fields[k]!.replace(/"/g, "")]));
      expect(table.object(i)).toEqual(expected);
    }
    expect(new Set(table.array("s") as unknown as string[]).size).toBe(2972);
    expect(new Set(table.array("d") as unknown as string[]).size).toBe(1128);
    expect(new Set(table.array("dept") as unknown as string[]).size).toBe(14);
  });

  it("each load is a fresh table that shares no storage with the module", async () => {
    const a = await loadBuiltinTable("InstEval");
    (a.array("y") as unknown as number[])[0] = -1;
    expect((await loadBuiltinTable("InstEval")).object(0)).toMatchObject({ y: 5 });
  });

  it("is listed and described without loading the data; builtinTable refuses it with a pointer to the async loader", () => {
    expect(builtinNames).toContain("InstEval");
    expect(builtinDescription("InstEval")).toMatch(/73,421/);
    expect(dataset.check!({ source: { builtin: "iris" } })[0]!.message).toMatch(/InstEval/);
    expect(dataset.check!({ source: { builtin: "InstEval" } })).toEqual([]);
    expect(() => builtinTable("InstEval")).toThrow(/loadBuiltinTable/);
  });

  it("the small built-ins still compute synchronously", () => {
    for (const name of ["sleepstudy", "cbpp", "Dyestuff", "Dyestuff2", "Penicillin"]) {
      const value = dataset.compute({ source: { builtin: name } }, [], context);
      expect(isTable(value)).toBe(true);
      expect(loadBuiltinTable(name)).not.toBeInstanceOf(Promise);
    }
  });

  it("decodeColumn reads 1- and 2-byte little-endian codes and refuses a truncated column", () => {
    expect(decodeColumn({ levels: ["a", "b", null], width: 1, codes: btoa("\x00\x02\x01") }, 3)).toEqual(["a", null, "b"]);
    const levels = Array.from({ length: 300 }, (_, i) => i);
    expect(decodeColumn({ levels, width: 2, codes: btoa("\x2b\x01\x05\x00") }, 2)).toEqual([299, 5]);
    expect(() => decodeColumn({ levels, width: 2, codes: btoa("\x2b\x01\x05") }, 2)).toThrow(/bytes/);
  });
});
