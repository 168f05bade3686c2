import { describe, expect, it } from "vitest";
import { builtinNames, builtinTable, dataset } from "../../../src/cells/dataset";

const context = { cellId: "d", signal: new AbortController().signal, invalidation: new Promise<void>(() => {}) };

describe("dataset", () => {
  it.each([
    ["sleepstudy", 180, ["Reaction", "Days", "Subject"]],
    ["cbpp", 56, ["herd", "incidence", "size", "period"]],
    ["Dyestuff", 30, ["Batch", "Yield"]],
    ["Dyestuff2", 30, ["Batch", "Yield"]],
    ["Penicillin", 144, ["diameter", "plate", "sample"]],
  ])("dataset.compute({source: {builtin: %s}}) has %i rows and its columns", (name, rows, columns) => {
    const table = dataset.compute({ source: { builtin: name } }, [], context) as ReturnType<typeof builtinTable>;
    expect(dataset.summary(table, { source: { builtin: name } })).toEqual({ rows, columns });
  });

  it("builtinTable(sleepstudy) keeps factors as strings and numbers as numbers", () => {
    const row = builtinTable("sleepstudy").object(0);
    expect(row).toEqual({ Reaction: 249.56, Days: 0, Subject: "308" });
    expect(builtinTable("cbpp").object(0)).toEqual({ herd: "1", incidence: 2, size: 14, period: "1" });
  });

  it("builtinTable(name) is a fresh table each time", () => {
    const a = builtinTable("Dyestuff");
    (a.column("Yield") as unknown as number[])[0] = -1;
    expect(builtinTable("Dyestuff").object(0)).toEqual({ Batch: "A", Yield: 1545 });
  });

  it("builtinNames lists the six shipped datasets; unknown names are refused clearly", () => {
    expect([...builtinNames].sort()).toEqual(["Dyestuff", "Dyestuff2", "InstEval", "Penicillin", "cbpp", "sleepstudy"]);
    expect(dataset.check!({ source: { builtin: "iris" } })[0]!.message).toMatch(/^no built-in dataset "iris"/);
  });

  it("dataset.compute({source: {csv}}) reads the text with readCsvTable; an empty file rejects", () => {
    const table = dataset.compute({ source: { csv: "g,y\na,1\nb,2.5\n" } }, [], context) as ReturnType<typeof builtinTable>;
    expect(table.objects()).toEqual([{ g: "a", y: 1 }, { g: "b", y: 2.5 }]);
    expect(dataset.summary(table, { source: { csv: "" } })).toEqual({ rows: 2, columns: ["g", "y"] });
    expect(() => dataset.compute({ source: { csv: "" } }, [], context)).toThrow(/^CSV: /);
  });

  it("dataset.tables(value) names the table main", () => {
    const table = builtinTable("Dyestuff");
    expect(Object.keys(dataset.tables!(table, { source: { builtin: "Dyestuff" } }))).toEqual(["main"]);
  });
});
